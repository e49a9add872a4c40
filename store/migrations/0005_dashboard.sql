-- Dashboard accounts. Passwords are argon2id hashes; session_epoch grows
-- when the password changes or the account is disabled, which ends every
-- session that carries an older epoch.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'reviewer')),
    disabled      INTEGER NOT NULL DEFAULT 0,
    language      TEXT NOT NULL DEFAULT '',
    session_epoch INTEGER NOT NULL DEFAULT 0,
    created_at    TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP
);

-- Server-side sessions: an opaque token and what the session holds.
CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry REAL NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

-- Failed logins per account name and per client address, for throttling.
-- Keys are hashed: a mistyped password is not kept as a user name.
CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    first_at     TIMESTAMP NOT NULL,
    locked_until TIMESTAMP
);

-- The audit log records who looked at a hit and who handed one in, besides
-- status changes (AVG accountability).
ALTER TABLE audit_log ADD COLUMN action TEXT NOT NULL DEFAULT 'status'
    CHECK (action IN ('status', 'view', 'record'));

-- A small picture of the image a hit was read from, by the image's hash,
-- so the dashboard never loads the image from the site that posted it.
ALTER TABLE hits ADD COLUMN image_hash TEXT NOT NULL DEFAULT '';
CREATE TABLE thumbnails (
    image_hash TEXT PRIMARY KEY,
    data       BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- The dashboard's lists: newest first, by severity, status and employee.
CREATE INDEX hits_severity_first_seen ON hits (severity, first_seen);
CREATE INDEX hits_status_first_seen ON hits (status, first_seen);
CREATE INDEX hits_employee_first_seen ON hits (employee_id, first_seen);
