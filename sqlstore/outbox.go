package sqlstore

import (
	"context"
	"encoding/json"
	"time"

	"github.com/kycd/kycd"
)

// The outbox's messages hold an address and a one-time code: the whole
// message is sealed, bound to its row.

func (q queries) QueueMessage(ctx context.Context, m *kycd.OutboxMessage) error {
	raw, err := json.Marshal(m.Message)
	if err != nil {
		return err
	}
	enc, err := q.seal(m.ID, "message", string(raw))
	if err != nil {
		return err
	}
	_, err = q.exec(ctx, "queue message", `INSERT INTO message_outbox (id, account_id, purpose, message_enc, attempts,
		next_at, lease_until, created_at) VALUES (?,?,?,?,?,?,?,?)`, m.ID, m.AccountID, string(m.Purpose), enc,
		m.Attempts, micros(m.NextAt), nil, micros(m.CreatedAt))
	return err
}

func (q queries) LeaseMessages(ctx context.Context, now, until time.Time, limit int) ([]*kycd.OutboxMessage, error) {
	rows, err := q.rows(ctx, `SELECT id, account_id, purpose, message_enc, attempts, next_at, created_at FROM message_outbox
		WHERE next_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_at, id LIMIT ?`, micros(now), micros(now), limit)
	if err != nil {
		return nil, q.s.translate(err, "find messages")
	}
	var cands []*kycd.OutboxMessage
	var encs [][]byte
	for rows.Next() {
		var m kycd.OutboxMessage
		var purpose string
		var enc []byte
		var next, created int64
		if err := rows.Scan(&m.ID, &m.AccountID, &purpose, &enc, &m.Attempts, &next, &created); err != nil {
			rows.Close()
			return nil, q.s.translate(err, "scan message")
		}
		m.Purpose, m.NextAt, m.CreatedAt = kycd.Purpose(purpose), fromMicros(next), fromMicros(created)
		cands, encs = append(cands, &m), append(encs, enc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, q.s.translate(err, "find messages")
	}
	out := []*kycd.OutboxMessage{}
	for i, m := range cands {
		// The conditional update is the lease: only one instance's UPDATE
		// matches the row.
		res, err := q.exec(ctx, "lease message", `UPDATE message_outbox SET lease_until = ? WHERE id = ?
			AND (lease_until IS NULL OR lease_until <= ?)`, micros(until), m.ID, micros(now))
		if err != nil {
			return nil, err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			continue
		}
		raw, err := q.open(m.ID, "message", encs[i])
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(raw), &m.Message); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

func (q queries) RetryMessage(ctx context.Context, id string, attempts int, next time.Time) error {
	_, err := q.exec(ctx, "retry message", `UPDATE message_outbox SET attempts = ?, next_at = ?, lease_until = NULL WHERE id = ?`,
		attempts, micros(next), id)
	return err
}

func (q queries) DeleteMessage(ctx context.Context, id string) error {
	_, err := q.exec(ctx, "delete message", `DELETE FROM message_outbox WHERE id = ?`, id)
	return err
}
