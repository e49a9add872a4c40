-- Alerts go out on more than one channel (e-mail, chat, webhooks). An
-- outbox entry is what to say; a delivery is its state on one channel, so
-- a chat service that is down never holds back or repeats the e-mail. The
-- e-mail state the outbox held becomes the e-mail channel's delivery.
CREATE TABLE deliveries (
    outbox_id       INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    channel         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    sent_at         TIMESTAMP,
    -- Alerts over the hourly cap go out together; batch is the first
    -- alert's id, so the cap counts messages, not alerts.
    batch           INTEGER,
    PRIMARY KEY (outbox_id, channel)
);
CREATE INDEX deliveries_due ON deliveries (channel, state, next_attempt_at);
INSERT INTO deliveries (outbox_id, channel, state, attempts, next_attempt_at, last_error, sent_at, batch)
    SELECT id, 'email', state, attempts, next_attempt_at, last_error, sent_at, batch FROM outbox;
DROP INDEX outbox_pending;
ALTER TABLE outbox DROP COLUMN state;
ALTER TABLE outbox DROP COLUMN attempts;
ALTER TABLE outbox DROP COLUMN next_attempt_at;
ALTER TABLE outbox DROP COLUMN last_error;
ALTER TABLE outbox DROP COLUMN sent_at;
ALTER TABLE outbox DROP COLUMN batch;
