-- The outbox also carries health notices: one e-mail when a source stops
-- working and one when it works again. SQLite cannot change a CHECK
-- constraint in place, so the table is rebuilt; outbox_hits, which refers
-- to it, is kept aside and put back.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('alert', 'digest', 'health')),
    message_id      TEXT NOT NULL UNIQUE,
    document_id     INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    employee_id     TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP,
    period_start    TIMESTAMP,
    period_end      TIMESTAMP,
    batch           INTEGER,
    -- For a health notice: the source, whether it now works, and why not.
    source          TEXT NOT NULL DEFAULT '',
    healthy         INTEGER NOT NULL DEFAULT 0,
    detail          TEXT NOT NULL DEFAULT ''
);
INSERT INTO outbox_new (id, kind, message_id, document_id, employee_id, state, attempts, next_attempt_at, last_error,
    created_at, sent_at, period_start, period_end, batch)
    SELECT id, kind, message_id, document_id, employee_id, state, attempts, next_attempt_at, last_error,
    created_at, sent_at, period_start, period_end, batch FROM outbox;
CREATE TABLE outbox_hits_keep AS SELECT outbox_id, hit_id FROM outbox_hits;
DROP TABLE outbox_hits;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox (state, next_attempt_at);
CREATE TABLE outbox_hits (
    outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    hit_id    INTEGER NOT NULL REFERENCES hits(id) ON DELETE CASCADE,
    PRIMARY KEY (outbox_id, hit_id)
);
INSERT INTO outbox_hits SELECT outbox_id, hit_id FROM outbox_hits_keep;
DROP TABLE outbox_hits_keep;
