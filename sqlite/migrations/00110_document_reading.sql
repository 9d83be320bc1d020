-- +goose Up
-- What document reading (checks/ocr) made of a photo: its state and the
-- reading itself, sealed like every other piece of personal data.
ALTER TABLE documents ADD COLUMN read_state TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN reading_enc BLOB;

-- +goose Down
ALTER TABLE documents DROP COLUMN reading_enc;
ALTER TABLE documents DROP COLUMN read_state;
