-- +goose Up
-- Blobs the key re-sealing moved under their application's prefix: the old
-- copy is deleted only after kycd.BlobTrashDelay, so a reader that found
-- the old key in its row just before the move still reads it.
CREATE TABLE blob_trash (
    blob_key   TEXT PRIMARY KEY,
    trashed_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE blob_trash;
