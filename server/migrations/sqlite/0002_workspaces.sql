-- Workspaces, their members with ranked roles, invitations, the activity feed, and
-- the project tokens members mint (minimal here; the projects issue extends it).

CREATE TABLE workspaces (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- Bumped by every membership change: taking this row's lock first serialises the
    -- changes of one workspace, so "at least one owner" holds under concurrency.
    membership_version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE memberships (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'billing', 'viewer')),
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email TEXT NOT NULL,                    -- normalised
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'billing', 'viewer')),
    token_hash TEXT NOT NULL UNIQUE,
    invited_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    accepted_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX invites_workspace ON invites (workspace_id, email);

-- Who did what to whom, newest first on Org settings. `subject` is the person or
-- address acted on, as shown then; `detail` holds the role or old and new role.
CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX activity_workspace ON activity (workspace_id, id);

CREATE TABLE project_tokens (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    minted_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    deactivated_at INTEGER
);
CREATE INDEX project_tokens_minter ON project_tokens (workspace_id, minted_by);

-- The workspace a session works in; the switcher changes it.
ALTER TABLE sessions ADD COLUMN workspace_id INTEGER REFERENCES workspaces (id) ON DELETE SET NULL;
