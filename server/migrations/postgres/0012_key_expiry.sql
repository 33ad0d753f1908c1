-- Keys that end on time: a key's expiry (NULL: never) and a workspace's longest
-- lifetime for new keys, in days (NULL: no limit).
ALTER TABLE project_tokens ADD COLUMN expires_at BIGINT;
ALTER TABLE workspaces ADD COLUMN max_key_days BIGINT;
