package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/kycd/kycd"
)

func (q queries) PutScreeningList(ctx context.Context, l *kycd.ScreeningList) error {
	entries, err := json.Marshal(l.Entries)
	if err != nil {
		return err
	}
	_, err = q.exec(ctx, "put screening list", `INSERT INTO screening_lists (name, format, version, source, loaded_at,
		entries, entry_count) VALUES (?,?,?,?,?,?,?) ON CONFLICT (name) DO UPDATE SET format = excluded.format,
		version = excluded.version, source = excluded.source, loaded_at = excluded.loaded_at, entries = excluded.entries,
		entry_count = excluded.entry_count`, l.Name, l.Format, l.Version, l.Source, micros(l.LoadedAt), string(entries), l.Count)
	return err
}

func (q queries) FindScreeningLists(ctx context.Context, withEntries bool) ([]*kycd.ScreeningList, error) {
	cols := "name, format, version, source, loaded_at, entry_count, ''"
	if withEntries {
		cols = "name, format, version, source, loaded_at, entry_count, entries"
	}
	rows, err := q.rows(ctx, `SELECT `+cols+` FROM screening_lists ORDER BY name`)
	if err != nil {
		return nil, q.s.translate(err, "find screening lists")
	}
	defer rows.Close()
	out := []*kycd.ScreeningList{}
	for rows.Next() {
		var l kycd.ScreeningList
		var loaded int64
		var entries string
		if err := rows.Scan(&l.Name, &l.Format, &l.Version, &l.Source, &loaded, &l.Count, &entries); err != nil {
			return nil, q.s.translate(err, "scan screening list")
		}
		l.LoadedAt = fromMicros(loaded)
		if withEntries {
			if err := json.Unmarshal([]byte(entries), &l.Entries); err != nil {
				return nil, err
			}
		}
		out = append(out, &l)
	}
	return out, q.s.translate(rows.Err(), "find screening lists")
}

func (q queries) CreateAlert(ctx context.Context, a *kycd.ScreeningAlert) error {
	hit, _ := json.Marshal(a.Hit)
	_, err := q.exec(ctx, "create alert", `INSERT INTO screening_alerts (id, account_id, application_id, list, entry_id,
		hit, created_at, resolved_at, resolved_by, resolution) VALUES (?,?,?,?,?,?,?,?,?,?)`, a.ID, a.AccountID,
		a.ApplicationID, a.List, a.EntryID, string(hit), micros(a.CreatedAt), nullMicros(a.ResolvedAt), a.ResolvedBy, a.Resolution)
	return err
}

const alertCols = `id, account_id, application_id, list, entry_id, hit, created_at, resolved_at, resolved_by, resolution`

func scanAlert(r scanner) (*kycd.ScreeningAlert, error) {
	var a kycd.ScreeningAlert
	var hit string
	var created int64
	var resolved sql.NullInt64
	if err := r.Scan(&a.ID, &a.AccountID, &a.ApplicationID, &a.List, &a.EntryID, &hit, &created, &resolved,
		&a.ResolvedBy, &a.Resolution); err != nil {
		return nil, err
	}
	a.CreatedAt, a.ResolvedAt = fromMicros(created), timePtr(resolved)
	return &a, json.Unmarshal([]byte(hit), &a.Hit)
}

func (q queries) FindAlerts(ctx context.Context, onlyOpen bool) ([]*kycd.ScreeningAlert, error) {
	where := ""
	if onlyOpen {
		where = " WHERE resolved_at IS NULL"
	}
	rows, err := q.rows(ctx, `SELECT `+alertCols+` FROM screening_alerts`+where+` ORDER BY created_at, id LIMIT 1000`)
	if err != nil {
		return nil, q.s.translate(err, "find alerts")
	}
	defer rows.Close()
	out := []*kycd.ScreeningAlert{}
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, q.s.translate(err, "scan alert")
		}
		out = append(out, a)
	}
	return out, q.s.translate(rows.Err(), "find alerts")
}

func (q queries) FindAlertByID(ctx context.Context, id string) (*kycd.ScreeningAlert, error) {
	a, err := scanAlert(q.row(ctx, `SELECT `+alertCols+` FROM screening_alerts WHERE id = ?`, id))
	if err != nil {
		return nil, q.s.translate(err, "find alert")
	}
	return a, nil
}

func (q queries) UpdateAlert(ctx context.Context, a *kycd.ScreeningAlert) error {
	return q.execOne(ctx, "update alert", a.ID, `UPDATE screening_alerts SET resolved_at = ?, resolved_by = ?, resolution = ?
		WHERE id = ?`, nullMicros(a.ResolvedAt), a.ResolvedBy, a.Resolution, a.ID)
}

// PutScreeningIndex stores a compiled index and drops those built from
// other lists: they can never be loaded again once the lists changed.
func (q queries) PutScreeningIndex(ctx context.Context, key, lists string, createdAt time.Time, data []byte) error {
	if _, err := q.exec(ctx, "drop stale screening index", `DELETE FROM screening_index WHERE lists <> ?`, lists); err != nil {
		return err
	}
	_, err := q.exec(ctx, "put screening index", `INSERT INTO screening_index (key, lists, created_at, data)
		VALUES (?,?,?,?) ON CONFLICT (key) DO UPDATE SET lists = excluded.lists, created_at = excluded.created_at,
		data = excluded.data`, key, lists, micros(createdAt), data)
	return err
}

func (q queries) FindScreeningIndex(ctx context.Context, key string) ([]byte, error) {
	var data []byte
	if err := q.row(ctx, `SELECT data FROM screening_index WHERE key = ?`, key).Scan(&data); err != nil {
		return nil, q.s.translate(err, "find screening index")
	}
	return data, nil
}
