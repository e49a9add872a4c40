-- Whether a post with a serious hit is still online: checked daily, so the
-- employer sees whether a takedown request worked.
ALTER TABLE documents ADD COLUMN online_checked_at TIMESTAMP;
ALTER TABLE documents ADD COLUMN removed_at TIMESTAMP;
