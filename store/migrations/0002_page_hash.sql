-- What a run remembers of each page besides the validators of conditional
-- GET: a hash of its body, so an unchanged page from a server that sends no
-- ETag or Last-Modified is not parsed again, and its link to the next page,
-- so new posts on later pages are still found behind an unchanged first one.
ALTER TABLE http_cache ADD COLUMN body_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE http_cache ADD COLUMN next_url TEXT NOT NULL DEFAULT '';
