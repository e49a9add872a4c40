-- What each page and post was last searched for (a fingerprint of the
-- roster, detection settings and selectors): when that changes, pages
-- already read are read and scanned again, so a new employee is found in
-- them too.
ALTER TABLE http_cache ADD COLUMN scan_fingerprint TEXT NOT NULL DEFAULT '';
