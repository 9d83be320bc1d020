-- +goose Up
-- Sanctions and PEP lists are public data: stored as the parsed entries
-- (JSON), one row per list, replaced in one statement so a refresh is
-- atomic and a failed import leaves the previous version active.
CREATE TABLE screening_lists (
    name       TEXT PRIMARY KEY,
    format     TEXT NOT NULL,
    version    TEXT NOT NULL,
    source     TEXT NOT NULL,
    loaded_at  BIGINT NOT NULL,
    entries    TEXT NOT NULL,
    entry_count INTEGER NOT NULL
);

-- A hit found when an approved account is screened again after a list
-- refresh; it waits on the review desk until a reviewer resolves it.
CREATE TABLE screening_alerts (
    id             TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES accounts (id),
    application_id TEXT NOT NULL REFERENCES applications (id),
    list           TEXT NOT NULL,
    entry_id       TEXT NOT NULL,
    hit            TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    resolved_at    BIGINT,
    resolved_by    TEXT NOT NULL DEFAULT '',
    resolution     TEXT NOT NULL DEFAULT '',
    UNIQUE (account_id, list, entry_id)
);

-- +goose Down
DROP TABLE screening_alerts;
DROP TABLE screening_lists;
