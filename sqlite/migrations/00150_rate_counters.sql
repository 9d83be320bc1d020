-- +goose Up
-- Rate-limit windows shared by every instance on this database, so a
-- limit of N is N across the whole deployment. The key is hashed: client
-- addresses and account ids never reach this table in clear.
CREATE TABLE rate_counters (
    key_hash     BLOB PRIMARY KEY,
    window_start BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    count        INTEGER NOT NULL
);
CREATE INDEX rate_counters_expires ON rate_counters (expires_at);

-- When each periodic job last ran, so the instance that takes a job over
-- from a dead one keeps its schedule instead of running it again at once.
CREATE TABLE job_runs (
    name     TEXT PRIMARY KEY,
    last_run BIGINT NOT NULL
);

-- +goose Down
DROP TABLE job_runs;
DROP TABLE rate_counters;
