package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kycd/kycd"
)

func (q queries) CreateUpload(ctx context.Context, u *kycd.Upload) error {
	var name []byte
	var err error
	if u.Filename != "" {
		name, err = q.sealFor(ctx, u.ApplicationID, []byte(u.Filename), []byte(u.ID+"|filename"))
	}
	if err != nil {
		return err
	}
	_, err = q.exec(ctx, "create upload", `INSERT INTO uploads (id, account_id, application_id, kind, filename_enc, size,
		upload_offset, declared_sha256, sha256, state, created_at, finished_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		u.ID, u.AccountID, u.ApplicationID, u.Kind, name, u.Size, u.Offset, u.DeclaredSHA256, u.SHA256, string(u.State),
		micros(u.CreatedAt), nullMicros(u.FinishedAt))
	return err
}

const uploadCols = `id, account_id, application_id, kind, filename_enc, size, upload_offset, declared_sha256,
	sha256, state, created_at, finished_at, sum_state`

// sealedUpload is an upload as scanned, its file name still sealed: it
// is opened after the rows close (see collect).
type sealedUpload struct {
	u    *kycd.Upload
	name []byte
}

func (q queries) scanUpload(r scanner) (sealedUpload, error) {
	var u kycd.Upload
	var name []byte
	var state string
	var created int64
	var finished sql.NullInt64
	err := r.Scan(&u.ID, &u.AccountID, &u.ApplicationID, &u.Kind, &name, &u.Size, &u.Offset, &u.DeclaredSHA256,
		&u.SHA256, &state, &created, &finished, &u.SumState)
	if err != nil {
		return sealedUpload{}, err
	}
	u.State, u.CreatedAt, u.FinishedAt = kycd.UploadState(state), fromMicros(created), timePtr(finished)
	return sealedUpload{u: &u, name: name}, nil
}

// open opens the file name; an erased application's reads as empty.
func (su sealedUpload) open(ctx context.Context, q queries) (*kycd.Upload, error) {
	if len(su.name) > 0 {
		pt, err := q.openAny(ctx, "uploads", su.u.ID, "filename", su.name)
		if err != nil && !kycd.IsErased(err) {
			return nil, err
		}
		su.u.Filename = string(pt)
	}
	return su.u, nil
}

func (q queries) FindUpload(ctx context.Context, id string) (*kycd.Upload, error) {
	su, err := q.scanUpload(q.row(ctx, `SELECT `+uploadCols+` FROM uploads WHERE id = ?`, id))
	if err != nil {
		return nil, q.s.translate(err, "find upload")
	}
	return su.open(ctx, q)
}

func (q queries) AppendSegment(ctx context.Context, seg kycd.Segment) (bool, error) {
	// The offset and the segment row move together: a crash between two
	// separate statements would leave an offset with no bytes behind it.
	if _, pooled := q.x.(*sql.DB); pooled {
		var ok bool
		err := q.s.WithTx(ctx, func(tx kycd.Tx) error {
			var err error
			ok, err = tx.AppendSegment(ctx, seg)
			return err
		})
		return ok, err
	}
	res, err := q.exec(ctx, "advance upload", `UPDATE uploads SET upload_offset = upload_offset + ?, sum_state = ?
		WHERE id = ? AND upload_offset = ? AND state = 'receiving'`, seg.Length, seg.SumAfter, seg.UploadID, seg.Offset)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return false, nil
	}
	_, err = q.exec(ctx, "append segment", `INSERT INTO upload_segments (upload_id, segment_offset, length, blob_key)
		VALUES (?,?,?,?)`, seg.UploadID, seg.Offset, seg.Length, seg.BlobKey)
	return err == nil, err
}

func (q queries) FindSegments(ctx context.Context, uploadID string) ([]kycd.Segment, error) {
	rows, err := q.rows(ctx, `SELECT upload_id, segment_offset, length, blob_key FROM upload_segments
		WHERE upload_id = ? ORDER BY segment_offset`, uploadID)
	if err != nil {
		return nil, q.s.translate(err, "find segments")
	}
	defer rows.Close()
	var out []kycd.Segment
	for rows.Next() {
		var s kycd.Segment
		if err := rows.Scan(&s.UploadID, &s.Offset, &s.Length, &s.BlobKey); err != nil {
			return nil, q.s.translate(err, "scan segment")
		}
		out = append(out, s)
	}
	return out, q.s.translate(rows.Err(), "find segments")
}

func (q queries) AttachUpload(ctx context.Context, id string) (bool, error) {
	res, err := q.exec(ctx, "attach upload", `UPDATE uploads SET state = 'attached' WHERE id = ? AND state = 'finished'`, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, q.s.translate(err, "attach upload")
}

func (q queries) DeleteUpload(ctx context.Context, id string) error {
	if _, err := q.exec(ctx, "delete segments", `DELETE FROM upload_segments WHERE upload_id = ?`, id); err != nil {
		return err
	}
	_, err := q.exec(ctx, "delete upload", `DELETE FROM uploads WHERE id = ?`, id)
	return err
}

func (q queries) CompleteUpload(ctx context.Context, u *kycd.Upload) (bool, error) {
	res, err := q.exec(ctx, "complete upload", `UPDATE uploads SET sha256 = ?, state = ?, finished_at = ?, sum_state = NULL
		WHERE id = ? AND state = 'receiving' AND upload_offset = size`,
		u.SHA256, string(u.State), nullMicros(u.FinishedAt), u.ID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, q.s.translate(err, "complete upload")
}

func (q queries) DeleteSegments(ctx context.Context, uploadID string) error {
	_, err := q.exec(ctx, "delete segments", `DELETE FROM upload_segments WHERE upload_id = ?`, uploadID)
	return err
}

func (q queries) PendingUploads(ctx context.Context, accountID string) (int, int64, error) {
	// Inside a transaction on an engine with row locks, hold the account's
	// row: a concurrent creation for the same account waits for this one.
	// An id without an account has no uploads (as on SQLite, which has no
	// row to lock): no row is no error.
	if _, pooled := q.x.(*sql.DB); !pooled && q.s.d.ForUpdate != "" {
		var id string
		err := q.row(ctx, `SELECT id FROM accounts WHERE id = ?`+q.s.d.ForUpdate, accountID).Scan(&id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, 0, q.s.translate(err, "lock account")
		}
	}
	var n int
	var total int64
	err := q.row(ctx, `SELECT COUNT(*), COALESCE(SUM(size), 0) FROM uploads
		WHERE account_id = ? AND state IN ('receiving', 'finished')`, accountID).Scan(&n, &total)
	return n, total, q.s.translate(err, "count pending uploads")
}

func (q queries) FindStaleUploads(ctx context.Context, before time.Time, limit int) ([]*kycd.Upload, error) {
	rows, err := q.rows(ctx, `SELECT id, account_id, application_id, kind, size, upload_offset, state, created_at
		FROM uploads WHERE state <> 'attached' AND created_at < ? ORDER BY created_at, id LIMIT ?`, micros(before), limit)
	if err != nil {
		return nil, q.s.translate(err, "find stale uploads")
	}
	defer rows.Close()
	var out []*kycd.Upload
	for rows.Next() {
		var u kycd.Upload
		var state string
		var created int64
		if err := rows.Scan(&u.ID, &u.AccountID, &u.ApplicationID, &u.Kind, &u.Size, &u.Offset, &state, &created); err != nil {
			return nil, q.s.translate(err, "scan stale upload")
		}
		u.State, u.CreatedAt = kycd.UploadState(state), fromMicros(created)
		out = append(out, &u)
	}
	return out, q.s.translate(rows.Err(), "find stale uploads")
}

func (q queries) BlobRefs(ctx context.Context) (map[string]string, error) {
	// A blob in blob_trash is one the re-sealing moved and deletes a
	// little later, so that a reader holding the old location still reads
	// it: referred to until then, not an orphan.
	rows, err := q.rows(ctx, `SELECT blob_key, 'upload:' || upload_id FROM upload_segments
		UNION ALL SELECT blob_key, 'document:' || id FROM documents
		UNION ALL SELECT blob_key, 'trash:' || blob_key FROM blob_trash`)
	if err != nil {
		return nil, q.s.translate(err, "blob refs")
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var key, owner string
		if err := rows.Scan(&key, &owner); err != nil {
			return nil, q.s.translate(err, "scan blob ref")
		}
		out[key] = owner
	}
	return out, q.s.translate(rows.Err(), "blob refs")
}
