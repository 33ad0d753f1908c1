-- The catalogue of Composer packages, the licences a workspace bought, its projects,
-- the licences attached to them and their access keys. Billing (prices, subscriptions,
-- invoices, refunds) lives in tables of its own, read only by billing queries.

CREATE TABLE packages (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,              -- vendor/name
    description TEXT NOT NULL
);

CREATE TABLE package_versions (
    id INTEGER PRIMARY KEY,
    package_id INTEGER NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    version TEXT NOT NULL,                  -- MAJOR.MINOR.PATCH
    released_at INTEGER NOT NULL,
    qa_status TEXT NOT NULL CHECK (qa_status IN ('passed', 'pending', 'failed')),
    UNIQUE (package_id, version)
);

-- A workspace's purchase of one package's major version line, until `expires_at`.
CREATE TABLE licences (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    package_id INTEGER NOT NULL REFERENCES packages (id),
    major_version INTEGER NOT NULL CHECK (major_version >= 0),
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (workspace_id, package_id, major_version)
);

-- Billing: what a licence costs and whether it renews. Never joined by project queries.
CREATE TABLE subscriptions (
    licence_id INTEGER PRIMARY KEY REFERENCES licences (id) ON DELETE CASCADE,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    currency TEXT NOT NULL,
    cancelled_at INTEGER,                   -- NULL while it renews
    cancelled_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX subscriptions_workspace ON subscriptions (workspace_id);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    number TEXT NOT NULL UNIQUE,
    issued_at INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    currency TEXT NOT NULL
);
CREATE INDEX invoices_workspace ON invoices (workspace_id, issued_at);

-- At most one refund request per invoice; its status is set by Packagento staff.
CREATE TABLE refund_requests (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL UNIQUE REFERENCES invoices (id) ON DELETE CASCADE,
    requested_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'declined')),
    created_at INTEGER NOT NULL
);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    deleted_at INTEGER                      -- deleted projects keep their history
);
CREATE UNIQUE INDEX projects_name ON projects (workspace_id, LOWER(name)) WHERE deleted_at IS NULL;

CREATE TABLE project_licences (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    licence_id INTEGER NOT NULL REFERENCES licences (id) ON DELETE CASCADE,
    attached_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, licence_id)
);
CREATE INDEX project_licences_licence ON project_licences (licence_id);

-- A key authenticates by its keyed digest; `sealed` is the key encrypted under the
-- server secret, so developers can read it again. Rotation replaces both.
ALTER TABLE project_tokens ADD COLUMN project_id INTEGER REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE project_tokens ADD COLUMN token_hash TEXT;
ALTER TABLE project_tokens ADD COLUMN sealed TEXT;
ALTER TABLE project_tokens ADD COLUMN rotated_at INTEGER;
ALTER TABLE project_tokens ADD COLUMN last_used_at INTEGER;
ALTER TABLE project_tokens ADD COLUMN last_used_from TEXT;
CREATE UNIQUE INDEX project_tokens_hash ON project_tokens (token_hash);
CREATE INDEX project_tokens_project ON project_tokens (project_id);

-- Events about one project also appear in that project's own feed.
ALTER TABLE activity ADD COLUMN project_id INTEGER REFERENCES projects (id) ON DELETE SET NULL;
CREATE INDEX activity_project ON activity (project_id, id);
