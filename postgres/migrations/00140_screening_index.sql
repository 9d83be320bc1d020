-- +goose Up
-- The compiled screening index: what every instance would otherwise build
-- from screening_lists at start-up and after each import (seconds of CPU
-- on the OFAC list), written once by whichever instance builds it first.
-- key names the matcher version and the lists it was built from, so an
-- upgrade or an import never loads stale tables; lists is the lists part
-- alone, to drop indexes of lists no longer stored.
CREATE TABLE screening_index (
    key        TEXT PRIMARY KEY,
    lists      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    data       BYTEA NOT NULL
);

-- +goose Down
DROP TABLE screening_index;
