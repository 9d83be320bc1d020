-- +goose Up
-- A decision's note to the applicant, sealed under the application's data
-- key like the reviewer's comment. Until now the note was kept only on the
-- application (the last decision's), and a decision read back had none.
ALTER TABLE decisions ADD COLUMN note_enc BLOB;

-- +goose Down
ALTER TABLE decisions DROP COLUMN note_enc;
