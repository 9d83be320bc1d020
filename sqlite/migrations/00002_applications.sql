-- +goose Up
-- payload_enc seals the applicant's identity data and its findings together;
-- doc_idx is the blind index that finds the same document number on other
-- accounts. JSON columns hold codes and ids only, never personal data.
CREATE TABLE applications (
    id               TEXT PRIMARY KEY,
    account_id       TEXT NOT NULL REFERENCES accounts (id),
    level            INTEGER NOT NULL,
    state            TEXT NOT NULL,
    attempt          INTEGER NOT NULL,
    payload_enc      BLOB,
    doc_idx          BLOB,
    reasons          TEXT NOT NULL DEFAULT '[]',
    redo             TEXT NOT NULL DEFAULT '[]',
    flags            TEXT NOT NULL DEFAULT '[]',
    pending_final    TEXT,
    claimed_by       TEXT,
    claim_expires_at BIGINT,
    submitted_at     BIGINT,
    due_at           BIGINT,
    decided_at       BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
-- One open application per account and level.
CREATE UNIQUE INDEX applications_open ON applications (account_id, level)
    WHERE state NOT IN ('approved', 'rejected');
CREATE INDEX applications_queue ON applications (state, due_at);
CREATE INDEX applications_doc_idx ON applications (doc_idx);

CREATE TABLE documents (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    account_id     TEXT NOT NULL REFERENCES accounts (id),
    kind           TEXT NOT NULL,
    attempt        INTEGER NOT NULL,
    blob_key       TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    size           BIGINT NOT NULL,
    content_type   TEXT NOT NULL,
    accepted       INTEGER NOT NULL,
    findings       TEXT NOT NULL,
    metrics        TEXT NOT NULL,
    phash          BIGINT,
    -- The hash split in four 16-bit bands: two hashes within 3 bits of
    -- each other share at least one band, so an equality look-up on the
    -- bands finds every near-duplicate candidate through an index.
    phash_b0       INTEGER,
    phash_b1       INTEGER,
    phash_b2       INTEGER,
    phash_b3       INTEGER,
    created_at     BIGINT NOT NULL,
    replaced_at    BIGINT
);
CREATE INDEX documents_application ON documents (application_id);
CREATE INDEX documents_b0 ON documents (phash_b0);
CREATE INDEX documents_b1 ON documents (phash_b1);
CREATE INDEX documents_b2 ON documents (phash_b2);
CREATE INDEX documents_b3 ON documents (phash_b3);

CREATE TABLE uploads (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES accounts (id),
    application_id  TEXT NOT NULL REFERENCES applications (id),
    kind            TEXT NOT NULL,
    filename_enc    BLOB,
    size            BIGINT NOT NULL,
    upload_offset   BIGINT NOT NULL,
    declared_sha256 TEXT NOT NULL DEFAULT '',
    sha256          TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    finished_at     BIGINT
);

CREATE TABLE upload_segments (
    upload_id     TEXT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    segment_offset BIGINT NOT NULL,
    length        BIGINT NOT NULL,
    blob_key      TEXT NOT NULL,
    PRIMARY KEY (upload_id, segment_offset)
);

CREATE TABLE decisions (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    attempt        INTEGER NOT NULL,
    reviewer_id    TEXT NOT NULL,
    decision       TEXT NOT NULL,
    reject_type    TEXT NOT NULL DEFAULT '',
    reasons        TEXT NOT NULL,
    comment_enc    BLOB,
    confirmed_by   TEXT NOT NULL DEFAULT '',
    created_at     BIGINT NOT NULL
);
CREATE INDEX decisions_application ON decisions (application_id);

-- Webhook events are written in the same transaction as the state change
-- that raises them (a transactional outbox), then delivered by a worker with
-- retries; a delivery row per endpoint and event is its log.
CREATE TABLE webhook_endpoints (
    id          TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    secret_enc  BLOB NOT NULL,
    events      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    disabled_at BIGINT
);
CREATE TABLE webhook_deliveries (
    id           TEXT PRIMARY KEY,
    endpoint_id  TEXT NOT NULL REFERENCES webhook_endpoints (id),
    event_id     TEXT NOT NULL,
    event_type   TEXT NOT NULL,
    payload      TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    state        TEXT NOT NULL,
    next_at      BIGINT NOT NULL,
    lease_until  BIGINT,
    last_status  INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    delivered_at BIGINT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);

-- +goose Down
DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
DROP TABLE decisions;
DROP TABLE upload_segments;
DROP TABLE uploads;
DROP TABLE documents;
DROP TABLE applications;
