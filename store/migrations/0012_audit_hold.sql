-- The audit log also records legal holds and their release, and evidence
-- exports (who took which hits' evidence out). SQLite cannot change a
-- CHECK constraint in place, so the table is rebuilt.
CREATE TABLE audit_log_new (
    id         INTEGER PRIMARY KEY,
    hit_id     INTEGER NOT NULL REFERENCES hits(id) ON DELETE CASCADE,
    at         TIMESTAMP NOT NULL,
    old_status TEXT NOT NULL,
    new_status TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    actor      TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL DEFAULT 'status'
               CHECK (action IN ('status', 'view', 'record', 'hold', 'release', 'export'))
);
INSERT INTO audit_log_new (id, hit_id, at, old_status, new_status, note, actor, action)
    SELECT id, hit_id, at, old_status, new_status, note, actor, action FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_hit ON audit_log (hit_id);
