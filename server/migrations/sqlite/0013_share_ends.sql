-- Shares that end on time: when a share's access ends (NULL: no end date; always a
-- midnight UTC), and when its recipient and the person who shared it were told it
-- ends soon. The job that ends shares on their date runs on one server at a time.
ALTER TABLE project_shares ADD COLUMN ends_at INTEGER;
ALTER TABLE project_shares ADD COLUMN end_warned_at INTEGER;
CREATE INDEX project_shares_ends ON project_shares (ends_at) WHERE ends_at IS NOT NULL AND ended_at IS NULL;
INSERT INTO background_jobs (name) VALUES ('end_shares_on_time');
