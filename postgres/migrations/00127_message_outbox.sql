-- +goose Up
-- Messages that must not be sent inside a request (the password-reset
-- email) wait here, sealed, until a sender takes them: a crash between the
-- request and the send no longer loses them. A row is deleted once sent.
CREATE TABLE message_outbox (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    message_enc BYTEA NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     BIGINT NOT NULL,
    lease_until BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX message_outbox_next ON message_outbox (next_at);

-- +goose Down
DROP TABLE message_outbox;
