-- When each account last began a session, for the access review.
ALTER TABLE users ADD COLUMN last_signed_in_at INTEGER;
