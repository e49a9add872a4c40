-- Crawl state per configured source. The row for "manual" holds hits
-- recorded by hand with `doxwatch check --record`.
CREATE TABLE sources (
    name                 TEXT PRIMARY KEY,
    type                 TEXT NOT NULL,
    last_run_at          TIMESTAMP,
    last_success_at      TIMESTAMP,
    last_error           TEXT NOT NULL DEFAULT '',
    last_error_at        TIMESTAMP,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    healthy              INTEGER NOT NULL DEFAULT 1,
    health_reason        TEXT NOT NULL DEFAULT '',
    last_post_count      INTEGER NOT NULL DEFAULT 0,
    posts_seen           INTEGER NOT NULL DEFAULT 0,
    pages_fetched        INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sources (name, type) VALUES ('manual', 'manual');

-- Validators for conditional GET, per fetched URL.
CREATE TABLE http_cache (
    url           TEXT PRIMARY KEY,
    source        TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    fetched_at    TIMESTAMP NOT NULL
);

-- A post seen by the crawler: its permalink and a hash of its content,
-- never the text itself.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
    url          TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    first_seen   TIMESTAMP NOT NULL,
    last_seen    TIMESTAMP NOT NULL,
    UNIQUE (source, url)
);

-- A finding about one employee in one document. employee_id refers to the
-- roster file; no roster data is copied here. The excerpt is what the post
-- itself showed, kept as evidence until retention removes it.
CREATE TABLE hits (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    employee_id TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('name', 'phone', 'email', 'address')),
    severity    TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    excerpt     TEXT NOT NULL,
    match_start INTEGER NOT NULL,
    match_end   INTEGER NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'confirmed', 'false_positive', 'resolved')),
    from_image  INTEGER NOT NULL DEFAULT 0,
    image_url   TEXT NOT NULL DEFAULT '',
    first_seen  TIMESTAMP NOT NULL,
    last_seen   TIMESTAMP NOT NULL,
    notified_at TIMESTAMP
);
CREATE INDEX hits_first_seen ON hits (first_seen);
CREATE INDEX hits_document ON hits (document_id);
CREATE INDEX hits_employee ON hits (employee_id);

-- E-mails waiting to be sent, written in the same transaction as their hits.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('alert', 'digest')),
    message_id      TEXT NOT NULL UNIQUE,
    document_id     INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    employee_id     TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
CREATE INDEX outbox_pending ON outbox (state, next_attempt_at);

CREATE TABLE outbox_hits (
    outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    hit_id    INTEGER NOT NULL REFERENCES hits(id) ON DELETE CASCADE,
    PRIMARY KEY (outbox_id, hit_id)
);

-- Status changes of hits. Notes may name people, so entries go with their hit.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    hit_id     INTEGER NOT NULL REFERENCES hits(id) ON DELETE CASCADE,
    at         TIMESTAMP NOT NULL,
    old_status TEXT NOT NULL,
    new_status TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    actor      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_hit ON audit_log (hit_id);
