-- +goose Up
-- Times are Unix microseconds (BIGINT) in both dialects so that one set of
-- queries serves SQLite and PostgreSQL. Personal data is sealed (*_enc) and
-- found through keyed hashes (*_idx).
CREATE TABLE accounts (
    id                TEXT PRIMARY KEY,
    email_idx         BLOB NOT NULL UNIQUE,
    email_enc         BLOB NOT NULL,
    phone_idx         BLOB UNIQUE,
    phone_enc         BLOB,
    password_hash     TEXT NOT NULL,
    locale            TEXT NOT NULL,
    role              TEXT NOT NULL,
    level             INTEGER NOT NULL DEFAULT 0,
    invite_code       TEXT NOT NULL UNIQUE,
    invited_by        TEXT REFERENCES accounts (id),
    invite_benefit    TEXT NOT NULL DEFAULT '',
    email_verified_at BIGINT,
    phone_verified_at BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX accounts_invited_by ON accounts (invited_by);

CREATE TABLE invites (
    code    TEXT PRIMARY KEY,
    benefit TEXT NOT NULL
);

CREATE TABLE otps (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    code_hash  BLOB NOT NULL,
    tries      INTEGER NOT NULL DEFAULT 0,
    sent_at    BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    UNIQUE (account_id, purpose)
);

CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    key_hash   BLOB NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE audit_log (
    seq       BIGINT PRIMARY KEY,
    at        BIGINT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    data      TEXT NOT NULL,
    prev_hash BLOB,
    hash      BLOB NOT NULL
);
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash BLOB
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, NULL);

-- The log is append-only: the database itself refuses edits, so a bug or a
-- careless query cannot rewrite history (someone with DDL rights still can,
-- which is what the hash chain is for).
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE api_keys;
DROP TABLE sessions;
DROP TABLE otps;
DROP TABLE invites;
DROP TABLE accounts;
