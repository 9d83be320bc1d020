-- +goose Up
-- An operator can disable a staff account: its sessions stop working on the
-- next request and it cannot log in again (issue 12 item 8).
ALTER TABLE accounts ADD COLUMN disabled_at BIGINT;

-- +goose Down
ALTER TABLE accounts DROP COLUMN disabled_at;
