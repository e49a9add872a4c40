-- Text read from images, by a hash of the image's bytes, so a screenshot
-- reposted elsewhere is not read twice. Purged with the hits.
CREATE TABLE ocr_cache (
    image_hash TEXT PRIMARY KEY,
    text       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
