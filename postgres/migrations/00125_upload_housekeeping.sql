-- +goose Up
-- Quotas count an account's unattached uploads, and the expiry sweep looks
-- for old ones: both read uploads by these columns.
CREATE INDEX uploads_account_state ON uploads (account_id, state);
CREATE INDEX uploads_state_created ON uploads (state, created_at);

-- +goose Down
DROP INDEX uploads_state_created;
DROP INDEX uploads_account_state;
