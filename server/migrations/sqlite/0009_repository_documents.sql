-- When each document of a project's Composer repository last changed, so that
-- `Last-Modified` is accurate and Composer's `If-Modified-Since` gets 304: the
-- document's ETag (a digest of its body) is kept with the moment it was first served,
-- and a different body gets a later moment. Shared by every server of the database.

CREATE TABLE repository_documents (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    path TEXT NOT NULL,                    -- `packages.json`, `p2/vendor/name.json`
    etag TEXT NOT NULL,
    modified_at INTEGER NOT NULL,          -- whole seconds: what an HTTP date holds
    PRIMARY KEY (project_id, path)
);

-- Which packages a project's `packages.json` names changes only when a licence is
-- attached or detached: a counter the repository reads with the key, so every server
-- can keep the document ready and know, in the same query, whether it still is.
ALTER TABLE projects ADD COLUMN licences_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER project_licences_attached AFTER INSERT ON project_licences BEGIN
    UPDATE projects SET licences_version = licences_version + 1 WHERE id = NEW.project_id;
END;

CREATE TRIGGER project_licences_detached AFTER DELETE ON project_licences BEGIN
    UPDATE projects SET licences_version = licences_version + 1 WHERE id = OLD.project_id;
END;
