-- +goose Up
-- Account closure and the retention job (issue 16). A closed account keeps
-- its row until the end of its retention period; erased_at says nothing
-- of it is left to erase.
ALTER TABLE accounts ADD COLUMN closed_at BIGINT;
ALTER TABLE accounts ADD COLUMN erased_at BIGINT;
CREATE INDEX accounts_closed ON accounts (closed_at);

-- A legal hold stops every erasure of an account while released_at is
-- NULL. The reason may name people and cases: sealed like personal data.
CREATE TABLE legal_holds (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id),
    reason_enc  BYTEA NOT NULL,
    placed_by   TEXT NOT NULL,
    placed_at   BIGINT NOT NULL,
    released_by TEXT NOT NULL DEFAULT '',
    released_at BIGINT
);
CREATE INDEX legal_holds_account ON legal_holds (account_id);

-- What the retention job has erased, by subject (account or application
-- id) and data class, so a run never repeats one and an operator can say
-- when a class went. Ids and rule names only.
CREATE TABLE erasures (
    subject   TEXT NOT NULL,
    class     TEXT NOT NULL,
    rule      TEXT NOT NULL,
    erased_at BIGINT NOT NULL,
    PRIMARY KEY (subject, class)
);

-- A withdrawn application (its account closed before a decision) is no
-- longer open: the account could not open another, but the index must say
-- what "open" means everywhere.
DROP INDEX applications_open;
CREATE UNIQUE INDEX applications_open ON applications (account_id, level)
    WHERE state NOT IN ('approved', 'rejected', 'withdrawn');
CREATE INDEX applications_state_updated ON applications (state, updated_at);
CREATE INDEX documents_replaced ON documents (replaced_at);

-- +goose Down
DROP INDEX documents_replaced;
DROP INDEX applications_state_updated;
DROP INDEX applications_open;
CREATE UNIQUE INDEX applications_open ON applications (account_id, level)
    WHERE state NOT IN ('approved', 'rejected');
DROP TABLE erasures;
DROP TABLE legal_holds;
DROP INDEX accounts_closed;
ALTER TABLE accounts DROP COLUMN erased_at;
ALTER TABLE accounts DROP COLUMN closed_at;
