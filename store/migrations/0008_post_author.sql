-- Who posted and when, as the source says: the employer needs them to
-- act (talk to the parent, report the post), and alerts show them.
ALTER TABLE documents ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN published TIMESTAMP;
