-- Keys that end on time: a key's expiry (NULL: never), when its minter and the
-- workspace's owners and admins were told it ends soon, and a workspace's longest
-- lifetime for new keys, in days (NULL: no limit).
ALTER TABLE project_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE project_tokens ADD COLUMN expiry_warned_at INTEGER;
ALTER TABLE workspaces ADD COLUMN max_key_days INTEGER;
INSERT INTO background_jobs (name) VALUES ('warn_of_ending_keys');
