package kycd

import (
	"context"
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"strings"
	"time"
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
	if err := checkText("kind", kind, "filename", filename); err != nil {
		return nil, err
	}
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
	lim := s.Settings.Uploads
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		// Counted and created in one transaction that holds the account's
		// row, so parallel creations cannot all slip under the quota.
		n, total, err := tx.PendingUploads(ctx, who.AccountID)
		if err != nil {
			return err
		}
		if (lim.MaxPending > 0 && n >= lim.MaxPending) || (lim.MaxPendingBytes > 0 && total+size > lim.MaxPendingBytes) {
			return ErrorWith("upload.quota_exceeded", "max_count", itoa(int64(lim.MaxPending)),
				"max_mb", itoa(lim.MaxPendingBytes>>20))
		}
		return tx.CreateUpload(ctx, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// UploadLimits bound the unattached uploads (receiving or finished) one
// account may hold, and how long an upload lives before the sweep removes
// it (tus's expiration extension announces that time). Zero disables each.
type UploadLimits struct {
	MaxPending      int
	MaxPendingBytes int64
	TTL             time.Duration
}

// DefaultUploadLimits leave room for every document of the highest level
// at once, with retries, and a day to finish them.
func DefaultUploadLimits() UploadLimits {
	return UploadLimits{MaxPending: 20, MaxPendingBytes: 300 << 20, TTL: 24 * time.Hour}
}

// UploadExpires is when an unattached upload expires; zero when uploads
// do not expire.
func (s *Service) UploadExpires(u *Upload) time.Time {
	if s.Settings.Uploads.TTL <= 0 {
		return time.Time{}
	}
	return u.CreatedAt.Add(s.Settings.Uploads.TTL)
}

// Crash-injection points (see Options.FaultHook).
const (
	// FaultBeforeFinish is after an upload's last segment is stored and
	// before the upload is marked finished.
	FaultBeforeFinish = "upload.before_finish"
	// FaultAttachChecked is after an attach has checked the bytes and
	// stored the document's blob, before its transaction.
	FaultAttachChecked = "attach.checked"
)

func (s *Service) fault(step string) error {
	if s.faultHook == nil {
		return nil
	}
	return s.faultHook(step)
}

// UploadOf returns the caller's upload; anyone else's is "not found".
// An expired upload is not found either. One that holds every byte but was
// never marked finished (the process stopped in between) is finished now,
// so no request ever sees it stuck.
func (s *Service) UploadOf(ctx context.Context, who Principal, id string) (*Upload, error) {
	u, err := s.Store.FindUpload(ctx, id)
	if IsNotFound(err) || (err == nil && u.AccountID != who.AccountID) {
		return nil, ErrorWith("upload.not_found")
	} else if err != nil {
		return nil, err
	}
	if exp := s.UploadExpires(u); u.State != UploadAttached && !exp.IsZero() && !s.Now().Before(exp) {
		return nil, ErrorWith("upload.not_found")
	}
	if u.State == UploadReceiving && u.Offset == u.Size {
		if err := s.FinishUpload(ctx, u); err != nil && ErrorCode(err) != "upload.checksum_mismatch" {
			return nil, err
		}
	}
	return u, nil
}

// WriteUpload appends what r yields at offset as one sealed segment. Bytes
// that arrived before a broken connection are kept, so the client resumes
// from there. The offset advances only if nobody else wrote meanwhile.
// The bytes are hashed as they pass, and the running checksum advances
// with the offset, so finishing the upload reads nothing back.
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
	src := io.LimitReader(r, u.Size-offset)
	sum := runningSum(u)
	hashed := &countWriter{}
	if sum != nil {
		hashed.w = sum
		src = io.TeeReader(src, hashed)
	}
	n, readErr := s.Blobs.Put(ctx, key, src)
	if n == 0 {
		s.dropBlob(context.WithoutCancel(ctx), key, "empty upload segment", "upload", u.ID)
		return 0, readErr
	}
	// Record the segment even if the client went away: the bytes are safe
	// on disk and the next HEAD must report them.
	seg := Segment{UploadID: u.ID, Offset: offset, Length: n, BlobKey: key}
	// The checksum holds only if it saw exactly the bytes stored; a store
	// that read more than it kept leaves it unknown, and the finish
	// hashes the stored bytes instead.
	if sum != nil && hashed.n == n {
		seg.SumAfter = sumState(sum, offset+n)
	}
	ok, err := s.Store.AppendSegment(context.WithoutCancel(ctx), seg)
	if err != nil || !ok {
		s.dropBlob(context.WithoutCancel(ctx), key, "unrecorded upload segment", "upload", u.ID)
		if err == nil {
			err = ErrorWith("upload.invalid", "detail", "another request wrote to this upload at the same time")
		}
		return 0, err
	}
	u.Offset, u.SumState = u.Offset+n, seg.SumAfter
	return n, readErr
}

// runningSum returns a hash holding the upload's first u.Offset bytes, or
// nil when they were not hashed as they came (some were written by a kycd
// that did not keep the checksum).
func runningSum(u *Upload) hash.Hash {
	h := sha256.New()
	if u.Offset == 0 {
		return h
	}
	b := u.SumState
	if len(b) < 8 || binary.BigEndian.Uint64(b) != uint64(u.Offset) {
		return nil
	}
	if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(b[8:]); err != nil {
		return nil
	}
	return h
}

// sumState is h's state after offset bytes, as SumState keeps it: the
// offset first, so a state that fell behind the upload (a write by a kycd
// that did not keep it) is recognised and never used.
func sumState(h hash.Hash, offset int64) []byte {
	st, err := h.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		return nil
	}
	return append(binary.BigEndian.AppendUint64(nil, uint64(offset)), st...)
}

// countWriter passes writes to w and counts them.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// FinishUpload marks a complete upload finished and verifies the declared
// checksum; a mismatch fails the upload with upload.checksum_mismatch.
// Finishing is idempotent: whoever comes second (a retry after a crash, a
// HEAD racing the last PATCH) finds the stored state and reports it.
// The checksum is the one taken as the bytes arrived; only an upload
// begun by a kycd that did not keep it is read back, once, to hash it.
func (s *Service) FinishUpload(ctx context.Context, u *Upload) error {
	if err := s.fault(FaultBeforeFinish); err != nil {
		return err
	}
	sum := runningSum(u)
	if sum == nil || u.Offset != u.Size {
		segs, err := s.Store.FindSegments(ctx, u.ID)
		if err != nil {
			return fmt.Errorf("finish upload %s: %w", u.ID, err)
		}
		sum = sha256.New()
		if err := s.copySegments(ctx, u, segs, sum); err != nil {
			return err
		}
	}
	now := s.Now()
	done := *u
	done.SHA256, done.FinishedAt, done.State = hex.EncodeToString(sum.Sum(nil)), &now, UploadFinished
	done.SumState = nil
	if done.DeclaredSHA256 != "" && done.DeclaredSHA256 != done.SHA256 {
		done.State = UploadFailed
	}
	ok, err := s.Store.CompleteUpload(ctx, &done)
	if err != nil {
		return err
	}
	if !ok {
		cur, err := s.Store.FindUpload(ctx, u.ID)
		if err != nil {
			return err
		}
		done = *cur
	}
	*u = done
	if u.State == UploadFailed {
		if ok {
			s.dropSegments(context.WithoutCancel(ctx), u.ID)
		}
		return ErrorWith("upload.checksum_mismatch")
	}
	return nil
}

// TerminateUpload deletes an upload and its bytes (tus termination).
func (s *Service) TerminateUpload(ctx context.Context, u *Upload) error {
	s.dropSegments(ctx, u.ID)
	return s.Store.DeleteUpload(ctx, u.ID)
}
