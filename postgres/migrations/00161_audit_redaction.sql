-- +goose Up
-- Rule 3 audit entries hash a keyed digest of their data, so the data of
-- an entry about an erased account can be removed while its link in the
-- chain still verifies: data becomes {"redacted":true} and the digest is
-- kept in data_digest. The trigger admits exactly that change, once, to
-- a rule-3 entry, and nothing else (the service also appends an
-- audit.redacted entry naming the entries).
ALTER TABLE audit_log ADD COLUMN data_digest BYTEA;
CREATE INDEX audit_log_subject ON audit_log (subject);
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.rule >= 3 AND OLD.data_digest IS NULL AND NEW.data_digest IS NOT NULL
        AND NEW.data = '{"redacted":true}' AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor = OLD.actor
        AND NEW.action = OLD.action AND NEW.subject = OLD.subject
        AND NEW.prev_hash IS NOT DISTINCT FROM OLD.prev_hash AND NEW.hash = OLD.hash AND NEW.rule = OLD.rule THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only (only the data of a rule-3 entry may be redacted)';
END $$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
-- +goose StatementEnd
DROP INDEX audit_log_subject;
ALTER TABLE audit_log DROP COLUMN data_digest;
