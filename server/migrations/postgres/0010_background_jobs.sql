-- Background jobs that one server at a time runs for every server of the database:
-- the moment of the last run and a lease, claimed in one UPDATE.
CREATE TABLE background_jobs (
    name TEXT PRIMARY KEY,
    last_run_at BIGINT NOT NULL DEFAULT 0,
    leased_until BIGINT NOT NULL DEFAULT 0,
    runs BIGINT NOT NULL DEFAULT 0
);
INSERT INTO background_jobs (name) VALUES ('prune');
