-- Evidence: every WARC record kept of a post with a serious hit, with the
-- SHA-256 of its bytes and a hash chain over all records (each entry's
-- chain hash covers the previous one), so that a record changed or
-- removed afterwards shows. Purging a record's file keeps its entry (hashes
-- only, no personal data), so the chain still verifies.
CREATE TABLE evidence (
    seq         INTEGER PRIMARY KEY,
    document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    file        TEXT NOT NULL,
    offset      INTEGER NOT NULL,
    length      INTEGER NOT NULL,
    record_id   TEXT NOT NULL,
    record_type TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    chain       TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    purged_at   TIMESTAMP
);
CREATE INDEX evidence_document ON evidence (document_id);

-- A hit on legal hold keeps its evidence past the retention period.
ALTER TABLE hits ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
