package blob

import (
	"bufio"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"github.com/kycd/kycd/seal"
)

// Keys gives a blob store the key of each file. A *seal.Keyring seals every
// file under its active master key; the database store (sqlstore) seals a
// file whose key starts with an application's prefix (a/<id>/) under that
// application's data key, so erasing the application erases its files.
type Keys interface {
	// NewFileKey returns the name to write in a new file's header and the
	// file's cipher, derived with salt, for the blob stored under blobKey.
	NewFileKey(blobKey string, salt []byte) (id string, aead cipher.AEAD, err error)
	// FileKey returns the cipher of a file whose header names id.
	FileKey(id string, salt []byte) (cipher.AEAD, error)
}

var _ Keys = (*seal.Keyring)(nil)

// The sealed format is the same in every store, so a blob copied between
// a directory and a bucket still opens:
//
//	"KYCB" | version 1 | len(keyID) | keyID | salt(32) | frames
//	frame: len(4, big-endian) | AES-256-GCM(64 KiB of plaintext)
const (
	magic     = "KYCB"
	frameSize = 64 << 10
	saltSize  = 32
)

// validKey refuses keys that could escape a directory or a prefix.
func validKey(key string) error {
	if key == "" || len(key) > 200 || strings.Contains(key, "..") || strings.HasPrefix(key, "/") ||
		strings.Trim(key, "abcdefghijklmnopqrstuvwxyz0123456789/_.-") != "" {
		return fmt.Errorf("blob: invalid key %q", key)
	}
	return nil
}

// frameNonce is the frame counter; each blob has its own key, so a counter
// never repeats under one key.
func frameNonce(n uint64) []byte {
	nonce := make([]byte, 12)
	binary.BigEndian.PutUint64(nonce[4:], n)
	return nonce
}

// frameAAD marks the last frame, so cutting a blob at a frame boundary is
// detected as truncation rather than read as a shorter blob.
func frameAAD(final bool) []byte {
	if final {
		return []byte{1}
	}
	return []byte{0}
}

// writeSealed copies r into w as sealed frames under the key that keys give
// the blob named key. readErr is r's failure (the frames read before it are
// kept and closed with a final frame); err is a failure to write.
func writeSealed(keys Keys, key string, w io.Writer, r io.Reader) (n int64, readErr, err error) {
	salt := make([]byte, saltSize)
	if _, err := rand.Read(salt); err != nil {
		return 0, nil, err
	}
	id, aead, err := keys.NewFileKey(key, salt)
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

// openSealed reads the header of a sealed blob from rc and returns a reader
// of its plaintext. It closes rc when the header is bad.
func openSealed(keys Keys, key string, rc io.ReadCloser) (io.ReadCloser, error) {
	br := bufio.NewReaderSize(rc, frameSize+64)
	hdr := make([]byte, len(magic)+2)
	if _, err := io.ReadFull(br, hdr); err != nil || string(hdr[:4]) != magic || hdr[4] != 1 {
		rc.Close()
		return nil, fmt.Errorf("blob: %s is not a sealed blob", key)
	}
	id := make([]byte, hdr[5])
	salt := make([]byte, saltSize)
	if _, err := io.ReadFull(br, id); err != nil {
		rc.Close()
		return nil, fmt.Errorf("blob: %s: truncated header", key)
	}
	if _, err := io.ReadFull(br, salt); err != nil {
		rc.Close()
		return nil, fmt.Errorf("blob: %s: truncated header", key)
	}
	aead, err := keys.FileKey(string(id), salt)
	if err != nil {
		rc.Close()
		return nil, err
	}
	return &reader{c: rc, r: br, aead: aead, key: key}, nil
}

type reader struct {
	c       io.Closer
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

func (r *reader) Close() error { return r.c.Close() }
