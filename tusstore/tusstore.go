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

	"github.com/tus/tusd/v2/pkg/handler"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
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

// tusError turns a kycd error into a tusd error with a fitting status; the
// body carries the stable code.
func tusError(err error) error {
	code := kycd.ErrorCode(err)
	status := http.StatusUnprocessableEntity
	switch code {
	case "upload.not_found", "application.not_found", kycd.ENOTFOUND:
		status = http.StatusNotFound
	case "document.too_large":
		status = http.StatusRequestEntityTooLarge
	case "auth.required":
		status = http.StatusUnauthorized
	case "upload.checksum_mismatch":
		status = 460 // tus checksum extension's "Checksum Mismatch"
	case "internal":
		return err
	}
	var params []string
	var de *kycd.Error
	if errors.As(err, &de) {
		params = de.Params
	}
	return handler.NewError(code, reason.Message("en", code, params...), status)
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
		return nil, tusError(err)
	}
	if info.SizeIsDeferred || info.IsPartial || info.IsFinal {
		return nil, tusError(kycd.ErrorWith("upload.invalid", "detail", "declare the length up front; partial uploads are not supported"))
	}
	m := info.MetaData
	u, err := s.svc.BeginUpload(ctx, who, m["application_id"], m["kind"], m["filename"], info.Size, m["sha256"])
	if err != nil {
		return nil, tusError(err)
	}
	return &upload{s: s, u: u, meta: info.MetaData}, nil
}

// GetUpload implements handler.DataStore; only the owner finds an upload.
func (s *Store) GetUpload(ctx context.Context, id string) (handler.Upload, error) {
	who, err := principal(ctx)
	if err != nil {
		return nil, tusError(err)
	}
	u, err := s.svc.UploadOf(ctx, who, id)
	if err != nil {
		if kycd.ErrorCode(err) == "upload.not_found" {
			return nil, handler.ErrNotFound
		}
		return nil, tusError(err)
	}
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
		return n, tusError(err)
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
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}

func (up *upload) FinishUpload(ctx context.Context) error {
	if err := up.s.svc.FinishUpload(ctx, up.u); err != nil {
		return tusError(err)
	}
	return nil
}

func (up *upload) Terminate(ctx context.Context) error {
	return up.s.svc.TerminateUpload(ctx, up.u)
}
