-- Background jobs that one server at a time runs for every server of the database:
-- the moment of the last run and a lease, claimed in one UPDATE.
CREATE TABLE background_jobs (
    name TEXT PRIMARY KEY,
    last_run_at INTEGER NOT NULL DEFAULT 0,
    leased_until INTEGER NOT NULL DEFAULT 0,
    runs INTEGER NOT NULL DEFAULT 0
);
INSERT INTO background_jobs (name) VALUES ('prune');
