-- +goose Up
-- The SHA-256 of an upload's bytes so far, carried from one PATCH request
-- to the next, so finishing an upload never reads its bytes back to hash
-- them (issue 13). NULL for uploads begun before it: those are hashed once
-- when they finish. Cleared once the upload is finished.
ALTER TABLE uploads ADD COLUMN sum_state BLOB;

-- +goose Down
ALTER TABLE uploads DROP COLUMN sum_state;
