-- Shares of a project with an address outside its workspace: a single-use link valid
-- 14 days, bound to that address. Accepting it gives the recipient a project grant
-- (the one table behind effective access) that ends with the share.
CREATE TABLE project_shares (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    email TEXT NOT NULL,                    -- normalised
    role TEXT NOT NULL CHECK (role IN ('viewer', 'developer')),
    token_hash TEXT NOT NULL UNIQUE,
    shared_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    recipient_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    accepted_at INTEGER,
    ended_at INTEGER,
    ended_how TEXT CHECK (ended_how IN ('cancelled', 'revoked', 'left'))
);
CREATE UNIQUE INDEX project_shares_live ON project_shares (project_id, email) WHERE ended_at IS NULL;
CREATE INDEX project_shares_recipient ON project_shares (recipient_id);

-- The grant a share gave, removed when the share ends; NULL for direct grants.
ALTER TABLE project_grants ADD COLUMN share_id INTEGER REFERENCES project_shares (id) ON DELETE CASCADE;

-- A person's own activity feed, by address (it starts before they have an account):
-- shares with them, as they see them.
CREATE TABLE personal_activity (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX personal_activity_email ON personal_activity (email, id);
