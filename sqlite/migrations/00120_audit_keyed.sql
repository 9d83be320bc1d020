-- +goose Up
-- Audit entries name the hash rule they were written under (1 = the
-- original unkeyed SHA-256, 2 = HMAC under the audit key); the head keeps
-- its signature so a chain recomputed without the key no longer matches.
ALTER TABLE audit_log ADD COLUMN rule INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_head ADD COLUMN mac BLOB;

-- +goose Down
ALTER TABLE audit_head DROP COLUMN mac;
ALTER TABLE audit_log DROP COLUMN rule;
