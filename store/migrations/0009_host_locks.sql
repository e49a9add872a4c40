-- Crawl locks per host, shared by every doxwatch process on this database
-- (the daemon and a rescan by hand), so requests to one host stay spaced.
-- A lock is a lease: a process that dies leaves it to expire.
CREATE TABLE host_locks (
    host       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
