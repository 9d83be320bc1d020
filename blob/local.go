// Package blob stores documents encrypted at rest: Local keeps them in the
// data directory (the embedded default), S3 in an S3-compatible bucket (the
// scale-out path). Every blob is sealed in 64 KiB AES-256-GCM frames with a
// key derived for that blob alone, so nothing readable ever reaches the
// disk or the bucket and a truncated or altered blob is detected when read.
package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/kycd/kycd"
)

// Local is a BlobStore on the local filesystem.
type Local struct {
	root string
	keys Keys
}

// NewLocal stores blobs under root.
func NewLocal(root string, keys Keys) (*Local, error) {
	if err := os.MkdirAll(root, 0o700); err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	l := &Local{root: root, keys: keys}
	l.SweepStale(context.Background(), time.Now().Add(-staleAfter))
	return l, nil
}

// staleAfter is how old an unfinished temporary file must be before it is
// taken for the leftover of a crashed write: far longer than any write.
const staleAfter = time.Hour

// SweepStale implements kycd.StaleSweeper: it deletes temporary files
// older than before that a process killed mid-write left behind (sealed,
// but useless and never referenced).
func (l *Local) SweepStale(ctx context.Context, before time.Time) (int, error) {
	n := 0
	err := filepath.WalkDir(l.root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasPrefix(d.Name(), ".put-") {
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().Before(before) && os.Remove(p) == nil {
			n++
		}
		return ctx.Err()
	})
	return n, err
}

var (
	_ kycd.BlobStore    = (*Local)(nil)
	_ kycd.StaleSweeper = (*Local)(nil)
)

func (l *Local) path(key string) (string, error) {
	if err := validKey(key); err != nil {
		return "", err
	}
	return filepath.Join(l.root, filepath.FromSlash(key)), nil
}

// Put implements kycd.BlobStore.
func (l *Local) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	p, err := l.path(key)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return 0, classify(fmt.Errorf("blob: %w", err))
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".put-*")
	if err != nil {
		return 0, classify(fmt.Errorf("blob: %w", err))
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	n, readErr, err := writeSealed(l.keys, key, tmp, r)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		return 0, classify(fmt.Errorf("blob: put %s: %w", key, err))
	}
	return n, readErr
}

// classify names the failures a caller must answer specifically: a full
// disk (or quota) is storage.full, not an internal error.
func classify(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return &kycd.Error{Code: "storage.full", Detail: err.Error()}
	}
	return err
}

// Open implements kycd.BlobStore.
func (l *Local) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	p, err := l.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, kycd.Errorf(kycd.ENOTFOUND, "blob %s", key)
	} else if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	return openSealed(l.keys, key, f)
}

// Delete implements kycd.BlobStore.
func (l *Local) Delete(ctx context.Context, key string) error {
	p, err := l.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("blob: %w", err)
	}
	return nil
}

// List implements kycd.BlobStore. Temporary files of writes in progress
// (".put-*") are not blobs and are skipped.
func (l *Local) List(ctx context.Context, prefix string, fn func(kycd.BlobInfo) error) error {
	err := filepath.WalkDir(l.root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while we walked
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(l.root, p)
		key := filepath.ToSlash(rel)
		if d.IsDir() {
			// Skip directories that cannot hold a key with the prefix.
			if key != "." && !strings.HasPrefix(key+"/", prefix) && !strings.HasPrefix(prefix, key+"/") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || !strings.HasPrefix(key, prefix) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // removed while we walked
		}
		return fn(kycd.BlobInfo{Key: key, Size: info.Size(), Modified: info.ModTime()})
	})
	if err != nil {
		return fmt.Errorf("blob: list %q: %w", prefix, err)
	}
	return nil
}
