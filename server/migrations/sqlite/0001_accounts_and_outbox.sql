-- Accounts, sessions, email verification, sign-in throttling and the email outbox.
-- Timestamps are Unix seconds (UTC). Secrets are stored only as HMAC digests.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,            -- trimmed and lower-cased by the app
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,           -- argon2id PHC string
    email_verified_at INTEGER,
    created_at INTEGER NOT NULL
);

CREATE TABLE email_verifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX email_verifications_user ON email_verifications (user_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Subjects are "email:<address>" or "client:<ip>".
CREATE TABLE sign_in_failures (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    failed_at INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_subject ON sign_in_failures (subject, failed_at);

-- Written in the same transaction as the change that caused the email.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,       -- stable across retries
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until INTEGER,                 -- a worker's lease
    sent_at INTEGER,
    failed_at INTEGER,                     -- gave up after too many attempts
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
CREATE INDEX outbox_recipient ON outbox (recipient, kind, created_at);
