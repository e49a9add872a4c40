-- Images of posts that could not be fetched or read (a 503, a timeout):
-- retried with backoff on later runs, even when their page is unchanged,
-- so a screenshot that failed once is not lost.
CREATE TABLE image_retries (
    source     TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
    post_url   TEXT NOT NULL,
    image_url  TEXT NOT NULL,
    attempts   INTEGER NOT NULL,
    next_at    TIMESTAMP NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source, post_url, image_url)
);
