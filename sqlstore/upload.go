package sqlstore

import (
	"context"
	"database/sql"

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

func (q queries) FindUpload(ctx context.Context, id string) (*kycd.Upload, error) {
	var u kycd.Upload
	var name []byte
	var state string
	var created int64
	var finished sql.NullInt64
	err := q.row(ctx, `SELECT id, account_id, application_id, kind, filename_enc, size, upload_offset, declared_sha256,
		sha256, state, created_at, finished_at FROM uploads WHERE id = ?`, id).Scan(&u.ID, &u.AccountID, &u.ApplicationID,
		&u.Kind, &name, &u.Size, &u.Offset, &u.DeclaredSHA256, &u.SHA256, &state, &created, &finished)
	if err != nil {
		return nil, q.s.translate(err, "find upload")
	}
	u.State, u.CreatedAt, u.FinishedAt = kycd.UploadState(state), fromMicros(created), timePtr(finished)
	if len(name) > 0 {
		pt, err := q.openAny(ctx, name, []byte(u.ID+"|filename"))
		if err != nil && !kycd.IsErased(err) {
			return nil, err
		}
		u.Filename = string(pt)
	}
	return &u, nil
}

func (q queries) AppendSegment(ctx context.Context, seg kycd.Segment) (bool, error) {
	res, err := q.exec(ctx, "advance upload", `UPDATE uploads SET upload_offset = upload_offset + ?
		WHERE id = ? AND upload_offset = ? AND state = 'receiving'`, seg.Length, seg.UploadID, seg.Offset)
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

func (q queries) UpdateUpload(ctx context.Context, u *kycd.Upload) error {
	_, err := q.exec(ctx, "update upload", `UPDATE uploads SET sha256 = ?, state = ?, finished_at = ? WHERE id = ?`,
		u.SHA256, string(u.State), nullMicros(u.FinishedAt), u.ID)
	return err
}

func (q queries) DeleteUpload(ctx context.Context, id string) error {
	if _, err := q.exec(ctx, "delete segments", `DELETE FROM upload_segments WHERE upload_id = ?`, id); err != nil {
		return err
	}
	_, err := q.exec(ctx, "delete upload", `DELETE FROM uploads WHERE id = ?`, id)
	return err
}
