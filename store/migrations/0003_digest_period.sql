-- A digest in the outbox covers a period; it is rendered from the hits of
-- that period when it is sent, so a retry sends the same digest.
ALTER TABLE outbox ADD COLUMN period_start TIMESTAMP;
ALTER TABLE outbox ADD COLUMN period_end TIMESTAMP;

-- Alerts over the hourly cap are sent together in one e-mail; batch is the
-- id of the first alert of that e-mail, so the cap counts e-mails, not alerts.
ALTER TABLE outbox ADD COLUMN batch INTEGER;
