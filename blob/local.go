// Package blob stores documents encrypted at rest. Local keeps them in the
// data directory (the embedded default); every file is sealed in 64 KiB
// AES-256-GCM frames with a key derived for that file alone, so nothing
// readable ever touches the disk and a truncated or altered file is
// detected when read.
package blob

import (
	"bufio"
	"context"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/seal"
)

const (
	magic     = "KYCB"
	frameSize = 64 << 10
	saltSize  = 32
)

// Local is a BlobStore on the local filesystem.
type Local struct {
	root string
	keys *seal.Keyring
}

// NewLocal stores blobs under root.
func NewLocal(root string, keys *seal.Keyring) (*Local, error) {
	if err := os.MkdirAll(root, 0o700); err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	removeStale(root, time.Now().Add(-staleAfter))
	return &Local{root: root, keys: keys}, nil
}

// staleAfter is how old an unfinished temporary file must be before it is
// taken for the leftover of a crashed write: far longer than any write.
const staleAfter = time.Hour

// removeStale deletes temporary files that a process killed mid-write left
// behind (sealed, but useless and never referenced).
func removeStale(root string, before time.Time) {
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasPrefix(d.Name(), ".put-") {
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().Before(before) {
			os.Remove(p)
		}
		return nil
	})
}

var _ kycd.BlobStore = (*Local)(nil)

func (l *Local) path(key string) (string, error) {
	if key == "" || len(key) > 200 || strings.Contains(key, "..") || strings.HasPrefix(key, "/") ||
		strings.Trim(key, "abcdefghijklmnopqrstuvwxyz0123456789/_.-") != "" {
		return "", fmt.Errorf("blob: invalid key %q", key)
	}
	return filepath.Join(l.root, filepath.FromSlash(key)), nil
}

// frameNonce is the frame counter; each file has its own key, so a counter
// never repeats under one key.
func frameNonce(n uint64) []byte {
	nonce := make([]byte, 12)
	binary.BigEndian.PutUint64(nonce[4:], n)
	return nonce
}

// frameAAD marks the last frame, so cutting a file at a frame boundary is
// detected as truncation rather than read as a shorter file.
func frameAAD(final bool) []byte {
	if final {
		return []byte{1}
	}
	return []byte{0}
}

// Put implements kycd.BlobStore.
func (l *Local) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	p, err := l.path(key)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return 0, fmt.Errorf("blob: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".put-*")
	if err != nil {
		return 0, fmt.Errorf("blob: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	n, readErr, err := l.writeSealed(tmp, r)
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
		return 0, fmt.Errorf("blob: put %s: %w", key, err)
	}
	return n, readErr
}

// writeSealed copies r into w as sealed frames. readErr is r's failure
// (the frames read before it are kept); err is a failure to write.
func (l *Local) writeSealed(w io.Writer, r io.Reader) (n int64, readErr, err error) {
	id := l.keys.ActiveKeyID()
	salt := make([]byte, saltSize)
	if _, err := rand.Read(salt); err != nil {
		return 0, nil, err
	}
	aead, err := l.keys.FileKey(id, salt)
	if err != nil {
		return 0, nil, err
	}
	bw := bufio.NewWriterSize(w, frameSize+64)
	hdr := append([]byte(magic), 1, byte(len(id)))
	hdr = append(append(hdr, id...), salt...)
	if _, err := bw.Write(hdr); err != nil {
		return 0, nil, err
	}
	buf := make([]byte, frameSize)
	var ct []byte
	var lenBuf [4]byte
	for counter := uint64(0); ; counter++ {
		m, rerr := io.ReadFull(r, buf)
		final := rerr != nil
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			rerr = nil
		}
		ct = aead.Seal(ct[:0], frameNonce(counter), buf[:m], frameAAD(final))
		binary.BigEndian.PutUint32(lenBuf[:], uint32(len(ct)))
		if _, err := bw.Write(lenBuf[:]); err != nil {
			return n, nil, err
		}
		if _, err := bw.Write(ct); err != nil {
			return n, nil, err
		}
		n += int64(m)
		if final {
			return n, rerr, bw.Flush()
		}
	}
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
	br := bufio.NewReaderSize(f, frameSize+64)
	hdr := make([]byte, len(magic)+2)
	if _, err := io.ReadFull(br, hdr); err != nil || string(hdr[:4]) != magic || hdr[4] != 1 {
		f.Close()
		return nil, fmt.Errorf("blob: %s is not a sealed blob", key)
	}
	id := make([]byte, hdr[5])
	salt := make([]byte, saltSize)
	if _, err := io.ReadFull(br, id); err != nil {
		f.Close()
		return nil, fmt.Errorf("blob: %s: truncated header", key)
	}
	if _, err := io.ReadFull(br, salt); err != nil {
		f.Close()
		return nil, fmt.Errorf("blob: %s: truncated header", key)
	}
	aead, err := l.keys.FileKey(string(id), salt)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &reader{f: f, r: br, aead: aead, key: key}, nil
}

type reader struct {
	f       *os.File
	r       *bufio.Reader
	aead    cipher.AEAD
	key     string
	counter uint64
	plain   []byte
	ct      []byte
	done    bool
}

func (r *reader) Read(p []byte) (int, error) {
	for len(r.plain) == 0 {
		if r.done {
			return 0, io.EOF
		}
		if err := r.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.plain)
	r.plain = r.plain[n:]
	return n, nil
}

func (r *reader) next() error {
	var lenBuf [4]byte
	if _, err := io.ReadFull(r.r, lenBuf[:]); err != nil {
		return fmt.Errorf("blob: %s is truncated", r.key)
	}
	size := binary.BigEndian.Uint32(lenBuf[:])
	if size > frameSize+uint32(r.aead.Overhead()) {
		return fmt.Errorf("blob: %s has a malformed frame", r.key)
	}
	if cap(r.ct) < int(size) {
		r.ct = make([]byte, size)
	}
	r.ct = r.ct[:size]
	if _, err := io.ReadFull(r.r, r.ct); err != nil {
		return fmt.Errorf("blob: %s is truncated", r.key)
	}
	nonce := frameNonce(r.counter)
	pt, err := r.aead.Open(r.plain[:0], nonce, r.ct, frameAAD(false))
	if err != nil {
		pt, err = r.aead.Open(r.plain[:0], nonce, r.ct, frameAAD(true))
		if err != nil {
			return fmt.Errorf("blob: %s does not authenticate (altered or wrong key)", r.key)
		}
		r.done = true
	}
	r.counter++
	r.plain = pt
	return nil
}

func (r *reader) Close() error { return r.f.Close() }

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
