-- Access to one project given to one person on top of what their workspace role
-- gives: a project role, viewer or developer. Effective access is the higher of the
-- two, computed by one function for both the checks and the Members screen.
CREATE TABLE project_grants (
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'developer')),
    granted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_grants_user ON project_grants (user_id);
