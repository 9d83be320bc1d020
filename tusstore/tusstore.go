// Package tusstore is a tusd data store over kycd's database and BlobStore.
//
// tusd's own file store writes the bytes in clear to a local folder. This
// store writes each PATCH request's bytes as one sealed segment in the
// BlobStore and keeps the upload's size and offset in the database, so
// nothing is ever on disk in clear, and any kycd instance can resume an
// upload another one started (the scale-out path needs no sticky sessions).
package tusstore

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/tus/tusd/v2/pkg/handler"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/http/httperr"
)

// Store implements tusd's DataStore and TerminaterDataStore.
type Store struct {
	svc *kycd.Service
}

// New returns a store over svc.
func New(svc *kycd.Service) *Store { return &Store{svc: svc} }

// UseIn registers the store and its extensions with a composer.
func (s *Store) UseIn(c *handler.StoreComposer) {
	c.UseCore(s)
	c.UseTerminater(s)
}

// Outcome is what the store learned while serving one tus request, for the
// HTTP layer to answer with: the error behind a refusal (so it is written
// in kycd's JSON shape with the status of kycd's one table) and the
// upload's expiry (tus's Upload-Expires).
type Outcome struct {
	mu      sync.Mutex
	err     error
	expires time.Time
}

type outcomeKey struct{}

// WithOutcome returns ctx carrying a fresh Outcome for one request.
func WithOutcome(ctx context.Context) (context.Context, *Outcome) {
	o := &Outcome{}
	return context.WithValue(ctx, outcomeKey{}, o), o
}

// Err is the error the store refused the request with, if any.
func (o *Outcome) Err() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

// Expires is when the request's upload expires (zero if unknown).
func (o *Outcome) Expires() time.Time {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.expires
}

func note(ctx context.Context, f func(o *Outcome)) {
	if o, ok := ctx.Value(outcomeKey{}).(*Outcome); ok {
		o.mu.Lock()
		f(o)
		o.mu.Unlock()
	}
}

func (s *Store) noteExpiry(ctx context.Context, u *kycd.Upload) {
	exp := s.svc.UploadExpires(u)
	note(ctx, func(o *Outcome) { o.expires = exp })
}

// tusError records err for the HTTP layer (which answers it in kycd's JSON
// shape) and turns it into a tusd error with the status of httperr's table
// and a body in the caller's language. Unexpected errors never carry their
// own text: it may hold paths or SQL.
func tusError(ctx context.Context, err error) error {
	note(ctx, func(o *Outcome) { o.err = err })
	pb := httperr.Of(err)
	if pb.Unexpected {
		return handler.NewError("internal", pb.Text(httperr.Lang(ctx)), http.StatusInternalServerError)
	}
	return handler.NewError(pb.Code, pb.Text(httperr.Lang(ctx)), pb.TusStatus())
}

func principal(ctx context.Context) (kycd.Principal, error) {
	p, ok := kycd.PrincipalFrom(ctx)
	if !ok {
		return p, kycd.ErrorWith("auth.required")
	}
	return p, nil
}

// NewUpload implements handler.DataStore.
func (s *Store) NewUpload(ctx context.Context, info handler.FileInfo) (handler.Upload, error) {
	who, err := principal(ctx)
	if err != nil {
		return nil, tusError(ctx, err)
	}
	if info.SizeIsDeferred || info.IsPartial || info.IsFinal {
		return nil, tusError(ctx, kycd.ErrorWith("upload.invalid", "detail", "declare the length up front; partial uploads are not supported"))
	}
	m := info.MetaData
	u, err := s.svc.BeginUpload(ctx, who, m["application_id"], m["kind"], m["filename"], info.Size, m["sha256"])
	if err != nil {
		return nil, tusError(ctx, err)
	}
	s.noteExpiry(ctx, u)
	return &upload{s: s, u: u, meta: info.MetaData}, nil
}

// GetUpload implements handler.DataStore; only the owner finds an upload.
func (s *Store) GetUpload(ctx context.Context, id string) (handler.Upload, error) {
	who, err := principal(ctx)
	if err != nil {
		return nil, tusError(ctx, err)
	}
	u, err := s.svc.UploadOf(ctx, who, id)
	if err != nil {
		if kycd.ErrorCode(err) == "upload.not_found" {
			note(ctx, func(o *Outcome) { o.err = err })
			return nil, handler.ErrNotFound
		}
		return nil, tusError(ctx, err)
	}
	s.noteExpiry(ctx, u)
	return &upload{s: s, u: u}, nil
}

// AsTerminatableUpload implements handler.TerminaterDataStore.
func (s *Store) AsTerminatableUpload(u handler.Upload) handler.TerminatableUpload { return u.(*upload) }

type upload struct {
	s    *Store
	u    *kycd.Upload
	meta handler.MetaData
}

func (up *upload) WriteChunk(ctx context.Context, offset int64, src io.Reader) (int64, error) {
	n, err := up.s.svc.WriteUpload(ctx, up.u, offset, src)
	var de *kycd.Error
	if errors.As(err, &de) {
		return n, tusError(ctx, err)
	}
	return n, err
}

func (up *upload) GetInfo(ctx context.Context) (handler.FileInfo, error) {
	meta := up.meta
	if meta == nil {
		meta = handler.MetaData{"application_id": up.u.ApplicationID, "kind": up.u.Kind}
	}
	return handler.FileInfo{ID: up.u.ID, Size: up.u.Size, Offset: up.u.Offset, MetaData: meta,
		Storage: map[string]string{"Type": "kycd"}}, nil
}

func (up *upload) GetReader(ctx context.Context) (io.ReadCloser, error) {
	data, err := up.s.svc.ReadUpload(ctx, up.u)
	if err != nil {
		return nil, tusError(ctx, err)
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}

func (up *upload) FinishUpload(ctx context.Context) error {
	if err := up.s.svc.FinishUpload(ctx, up.u); err != nil {
		return tusError(ctx, err)
	}
	return nil
}

func (up *upload) Terminate(ctx context.Context) error {
	if err := up.s.svc.TerminateUpload(ctx, up.u); err != nil {
		return tusError(ctx, err)
	}
	return nil
}
