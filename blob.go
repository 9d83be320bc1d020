package kycd

import (
	"context"
	"io"
	"time"
)

// BlobStore keeps documents and upload segments. Implementations encrypt
// what they store; callers handle plaintext only.
type BlobStore interface {
	// Put stores what it reads from r under key until EOF or a read error.
	// On a read error the bytes read so far are still stored, and Put
	// returns their count with the error, so that an upload cut off
	// mid-way keeps what arrived (also when ctx ends with the client's
	// connection). Keys are made of [a-z0-9/_.-].
	Put(ctx context.Context, key string, r io.Reader) (int64, error)
	// Open returns the plaintext of key; ENOTFOUND when it does not exist,
	// and an error from Read when the stored bytes fail to authenticate.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes key; a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// List calls fn for every stored blob whose key starts with prefix
	// ("" lists all), in no fixed order, and stops at fn's first error.
	// Writes still in progress are not listed, nor what interrupted
	// writes left behind (see StaleSweeper). The reconciliation uses it to
	// find blobs that no row references.
	List(ctx context.Context, prefix string, fn func(BlobInfo) error) error
}

// StaleSweeper is an optional capability of a BlobStore whose interrupted
// writes leave something that is not a blob: the local store's temporary
// files, an S3 multipart upload never completed. Each store knows its own
// leftovers, so List stays "objects only" on every store and the
// reconciliation asks the store to sweep the rest.
type StaleSweeper interface {
	// SweepStale removes the leftovers of writes begun before before and
	// says how many it removed.
	SweepStale(ctx context.Context, before time.Time) (int, error)
}

// BlobInfo describes one stored blob in a listing.
type BlobInfo struct {
	Key string
	// Size is the stored (sealed) size, a little more than the plaintext.
	Size     int64
	Modified time.Time
}
