package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/kycd/kycd"
)

func (q queries) CreateWebhookEndpoint(ctx context.Context, e *kycd.WebhookEndpoint) error {
	secret, err := q.s.sealer.Seal([]byte(e.Secret), []byte(e.ID+"|secret"))
	if err != nil {
		return err
	}
	events, _ := json.Marshal(e.Events)
	_, err = q.exec(ctx, "create webhook", `INSERT INTO webhook_endpoints (id, url, secret_enc, events, created_at, disabled_at)
		VALUES (?,?,?,?,?,?)`, e.ID, e.URL, secret, string(events), micros(e.CreatedAt), nullMicros(e.DisabledAt))
	return err
}

func (q queries) DisableWebhookEndpoint(ctx context.Context, id string, at time.Time) error {
	return q.execOne(ctx, "disable webhook", id, `UPDATE webhook_endpoints SET disabled_at = COALESCE(disabled_at, ?) WHERE id = ?`, micros(at), id)
}

func (q queries) SetWebhookSecret(ctx context.Context, id, secret string) error {
	enc, err := q.s.sealer.Seal([]byte(secret), []byte(id+"|secret"))
	if err != nil {
		return err
	}
	res, err := q.exec(ctx, "rotate webhook secret", `UPDATE webhook_endpoints SET secret_enc = ? WHERE id = ? AND disabled_at IS NULL`, enc, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kycd.Errorf(kycd.ENOTFOUND, "rotate webhook secret %s", id)
	}
	return nil
}

func (q queries) FindWebhookEndpoints(ctx context.Context) ([]*kycd.WebhookEndpoint, error) {
	rows, err := q.rows(ctx, `SELECT id, url, secret_enc, events, created_at, disabled_at FROM webhook_endpoints ORDER BY created_at, id`)
	if err != nil {
		return nil, q.s.translate(err, "find webhooks")
	}
	defer rows.Close()
	out := []*kycd.WebhookEndpoint{}
	for rows.Next() {
		var e kycd.WebhookEndpoint
		var secret []byte
		var events string
		var created int64
		var disabled sql.NullInt64
		if err := rows.Scan(&e.ID, &e.URL, &secret, &events, &created, &disabled); err != nil {
			return nil, q.s.translate(err, "scan webhook")
		}
		pt, err := q.s.sealer.Open(secret, []byte(e.ID+"|secret"))
		if err != nil {
			return nil, openErr("webhook_endpoints", "secret", e.ID, err)
		}
		e.Secret, e.CreatedAt, e.DisabledAt = string(pt), fromMicros(created), timePtr(disabled)
		if err := json.Unmarshal([]byte(events), &e.Events); err != nil {
			return nil, err
		}
		out = append(out, &e)
	}
	return out, q.s.translate(rows.Err(), "find webhooks")
}

func (q queries) CreateDelivery(ctx context.Context, d *kycd.Delivery) error {
	_, err := q.exec(ctx, "create delivery", `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type,
		payload, attempts, state, next_at, lease_until, last_status, last_error, created_at, delivered_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`, d.ID, d.EndpointID, d.EventID, d.EventType, d.Payload, d.Attempts, d.State,
		micros(d.NextAt), nullMicros(d.LeaseUntil), d.LastStatus, d.LastError, micros(d.CreatedAt), nullMicros(d.DeliveredAt))
	return err
}

const deliveryCols = `id, endpoint_id, event_id, event_type, payload, attempts, state, next_at, lease_until,
	last_status, last_error, created_at, delivered_at`

func scanDelivery(r scanner) (*kycd.Delivery, error) {
	var d kycd.Delivery
	var next, created int64
	var lease, delivered sql.NullInt64
	if err := r.Scan(&d.ID, &d.EndpointID, &d.EventID, &d.EventType, &d.Payload, &d.Attempts, &d.State, &next, &lease,
		&d.LastStatus, &d.LastError, &created, &delivered); err != nil {
		return nil, err
	}
	d.NextAt, d.LeaseUntil, d.CreatedAt, d.DeliveredAt = fromMicros(next), timePtr(lease), fromMicros(created), timePtr(delivered)
	return &d, nil
}

func (q queries) queryDeliveries(ctx context.Context, query string, args ...any) ([]*kycd.Delivery, error) {
	rows, err := q.rows(ctx, query, args...)
	if err != nil {
		return nil, q.s.translate(err, "find deliveries")
	}
	defer rows.Close()
	out := []*kycd.Delivery{}
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, q.s.translate(err, "scan delivery")
		}
		out = append(out, d)
	}
	return out, q.s.translate(rows.Err(), "find deliveries")
}

func (q queries) LeaseDeliveries(ctx context.Context, now, until time.Time, limit int) ([]*kycd.Delivery, error) {
	cands, err := q.queryDeliveries(ctx, `SELECT `+deliveryCols+` FROM webhook_deliveries WHERE state = 'pending'
		AND next_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_at, id LIMIT ?`, micros(now), micros(now), limit)
	if err != nil {
		return nil, err
	}
	out := []*kycd.Delivery{}
	for _, d := range cands {
		// The conditional update is the lease: only one instance's UPDATE
		// matches the row.
		res, err := q.exec(ctx, "lease delivery", `UPDATE webhook_deliveries SET lease_until = ? WHERE id = ?
			AND state = 'pending' AND (lease_until IS NULL OR lease_until <= ?)`, micros(until), d.ID, micros(now))
		if err != nil {
			return nil, err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			d.LeaseUntil = &until
			out = append(out, d)
		}
	}
	return out, nil
}

func (q queries) UpdateDelivery(ctx context.Context, d *kycd.Delivery) error {
	return q.execOne(ctx, "update delivery", d.ID, `UPDATE webhook_deliveries SET attempts = ?, state = ?, next_at = ?,
		lease_until = ?, last_status = ?, last_error = ?, delivered_at = ? WHERE id = ?`, d.Attempts, d.State,
		micros(d.NextAt), nullMicros(d.LeaseUntil), d.LastStatus, d.LastError, nullMicros(d.DeliveredAt), d.ID)
}

func (q queries) FindDeliveries(ctx context.Context, limit int) ([]*kycd.Delivery, error) {
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	return q.queryDeliveries(ctx, `SELECT `+deliveryCols+` FROM webhook_deliveries ORDER BY created_at DESC, id LIMIT ?`, limit)
}
