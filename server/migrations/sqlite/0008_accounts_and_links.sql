-- Only a proven address owns a password: a registration holds its own credentials
-- until its link is used, and only then becomes an account. Forgotten passwords and
-- changed addresses get single-use links of their own. Requests that send mail are
-- counted per address and per client, and failed sign-ins queue per client.

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,                   -- normalised; several may wait for one address
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,           -- argon2id; emptied once used or superseded
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX registrations_email ON registrations (email, created_at);

-- The links of accounts that were never verified become registrations; those
-- accounts never signed in, so they and their own empty workspaces go.
INSERT INTO registrations (email, display_name, password_hash, token_hash, created_at, expires_at, used_at)
SELECT u.email, u.display_name,
       CASE WHEN u.email_verified_at IS NULL THEN u.password_hash ELSE '' END,
       v.token_hash, v.created_at, v.expires_at, v.used_at
FROM email_verifications v JOIN users u ON u.id = v.user_id;
DELETE FROM workspaces WHERE id IN (
    SELECT m.workspace_id FROM memberships m
    WHERE m.user_id IN (SELECT id FROM users WHERE email_verified_at IS NULL)
    AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.workspace_id = m.workspace_id AND o.user_id <> m.user_id)
);
DELETE FROM users WHERE email_verified_at IS NULL;
DROP TABLE email_verifications;

CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    revoked_at INTEGER                        -- a newer link or a new password replaced it
);
CREATE INDEX password_resets_user ON password_resets (user_id);

CREATE TABLE email_changes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    revoked_at INTEGER                        -- a newer change or a new password replaced it
);
CREATE INDEX email_changes_user ON email_changes (user_id);

-- Requests that send mail (a password reset), counted per "reset-email:<address>"
-- and "reset-client:<ip>".
CREATE TABLE request_counts (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    requested_at INTEGER NOT NULL
);
CREATE INDEX request_counts_subject ON request_counts (subject, requested_at);

-- A client over its limit of failed sign-ins gets one attempt at a time: the next
-- attempt may start at next_at_ms (Unix milliseconds).
CREATE TABLE sign_in_queue (
    subject TEXT PRIMARY KEY,
    next_at_ms INTEGER NOT NULL
);

-- Billing members never read keys: a developer grant one of them kept from before
-- their role changed becomes a viewer grant (the policy ignores it either way).
UPDATE project_grants SET role = 'viewer' WHERE role = 'developer' AND EXISTS (
    SELECT 1 FROM memberships m JOIN projects p ON p.workspace_id = m.workspace_id
    WHERE p.id = project_grants.project_id AND m.user_id = project_grants.user_id
    AND m.role = 'billing'
);
