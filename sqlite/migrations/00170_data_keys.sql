-- +goose Up
-- One data key per subject (an application): its personal data and its
-- documents are sealed under it. The key is stored wrapped (AES-GCM) under
-- a master key from the key provider, named by master_key, which is never
-- in the database. Destroying a subject's key overwrites wrapped with NULL
-- and keeps the row as a tombstone, so that nothing can be sealed for the
-- subject again by mistake.
CREATE TABLE data_keys (
    subject      TEXT PRIMARY KEY,
    master_key   TEXT NOT NULL DEFAULT '',
    wrapped      BLOB,
    created_at   BIGINT NOT NULL,
    destroyed_at BIGINT
);
-- Re-wrapping after a rotation finds the keys still under an old master key.
CREATE INDEX data_keys_master ON data_keys (master_key);

-- Progress of the background re-sealing (moving data to per-application
-- keys, re-wrapping after a rotation): one row per phase, with the last
-- subject done, so a run cut off by a crash resumes after it.
CREATE TABLE key_jobs (
    phase       TEXT PRIMARY KEY,
    target      TEXT NOT NULL,
    after_id    TEXT NOT NULL DEFAULT '',
    done        BIGINT NOT NULL DEFAULT 0,
    total       BIGINT NOT NULL DEFAULT 0,
    started_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    finished_at BIGINT
);

-- +goose Down
DROP TABLE key_jobs;
DROP TABLE data_keys;
