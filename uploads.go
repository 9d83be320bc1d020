package kycd

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
)

type principalCtxKey struct{}

// WithPrincipal returns ctx carrying the authenticated caller, for adapters
// (such as the tus store) that receive only a context.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalCtxKey{}, p)
}

// PrincipalFrom returns the caller carried by ctx.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalCtxKey{}).(Principal)
	return p, ok && p.AccountID != ""
}

// BeginUpload checks that the caller may upload a file of kind to the
// application and records the upload. sha256, when given, is the hex digest
// the finished bytes must match.
func (s *Service) BeginUpload(ctx context.Context, who Principal, appID, kind, filename string, size int64, sum string) (*Upload, error) {
	app, err := s.appTakingDocument(ctx, who, appID, kind)
	if err != nil {
		return nil, err
	}
	if max := MaxUploadBytes(kind); size > max {
		return nil, ErrorWith("document.too_large", "max_mb", itoa(max>>20))
	}
	if size <= 0 {
		return nil, ErrorWith("upload.invalid", "detail", "the upload must declare its length")
	}
	sum = strings.ToLower(strings.TrimSpace(sum))
	if sum != "" {
		if b, err := hex.DecodeString(sum); err != nil || len(b) != sha256.Size {
			return nil, ErrorWith("upload.invalid", "detail", "sha256 must be 64 hexadecimal characters")
		}
	}
	if len(filename) > 255 {
		filename = filename[:255]
	}
	u := &Upload{ID: NewID(), AccountID: who.AccountID, ApplicationID: app.ID, Kind: kind, Filename: filename,
		Size: size, DeclaredSHA256: sum, State: UploadReceiving, CreatedAt: s.Now()}
	if err := s.Store.CreateUpload(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// UploadOf returns the caller's upload; anyone else's is "not found".
func (s *Service) UploadOf(ctx context.Context, who Principal, id string) (*Upload, error) {
	u, err := s.Store.FindUpload(ctx, id)
	if IsNotFound(err) || (err == nil && u.AccountID != who.AccountID) {
		return nil, ErrorWith("upload.not_found")
	}
	return u, err
}

// WriteUpload appends what r yields at offset as one sealed segment. Bytes
// that arrived before a broken connection are kept, so the client resumes
// from there. The offset advances only if nobody else wrote meanwhile.
func (s *Service) WriteUpload(ctx context.Context, u *Upload, offset int64, r io.Reader) (int64, error) {
	if u.State != UploadReceiving {
		return 0, ErrorWith("upload.invalid", "detail", "the upload is already complete")
	}
	if offset != u.Offset {
		return 0, ErrorWith("upload.invalid", "detail", "the offset does not match")
	}
	// Under the application's prefix, so the segment is sealed under its
	// data key and goes when the application is erased.
	key := ApplicationBlobPrefix(u.ApplicationID) + "seg/" + u.ID + "/" + NewID()
	n, readErr := s.Blobs.Put(ctx, key, io.LimitReader(r, u.Size-offset))
	if n == 0 {
		s.Blobs.Delete(context.WithoutCancel(ctx), key)
		return 0, readErr
	}
	// Record the segment even if the client went away: the bytes are safe
	// on disk and the next HEAD must report them.
	ok, err := s.Store.AppendSegment(context.WithoutCancel(ctx), Segment{UploadID: u.ID, Offset: offset, Length: n, BlobKey: key})
	if err != nil || !ok {
		s.Blobs.Delete(context.WithoutCancel(ctx), key)
		if err == nil {
			err = ErrorWith("upload.invalid", "detail", "another request wrote to this upload at the same time")
		}
		return 0, err
	}
	u.Offset += n
	return n, readErr
}

// FinishUpload marks a complete upload finished and verifies the declared
// checksum; a mismatch fails the upload with upload.checksum_mismatch.
func (s *Service) FinishUpload(ctx context.Context, u *Upload) error {
	data, err := s.ReadUpload(ctx, u)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	now := s.Now()
	u.SHA256, u.FinishedAt, u.State = hex.EncodeToString(sum[:]), &now, UploadFinished
	if u.DeclaredSHA256 != "" && u.DeclaredSHA256 != u.SHA256 {
		u.State = UploadFailed
	}
	if err := s.Store.UpdateUpload(ctx, u); err != nil {
		return err
	}
	if u.State == UploadFailed {
		s.dropSegments(context.WithoutCancel(ctx), u.ID)
		return ErrorWith("upload.checksum_mismatch")
	}
	return nil
}

// TerminateUpload deletes an upload and its bytes (tus termination).
func (s *Service) TerminateUpload(ctx context.Context, u *Upload) error {
	s.dropSegments(ctx, u.ID)
	return s.Store.DeleteUpload(ctx, u.ID)
}
