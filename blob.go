package kycd

import (
	"context"
	"io"
)

// BlobStore keeps documents and upload segments. Implementations encrypt
// what they store; callers handle plaintext only.
type BlobStore interface {
	// Put stores what it reads from r under key until EOF or a read error.
	// On a read error the bytes read so far are still stored, and Put
	// returns their count with the error, so that an upload cut off
	// mid-way keeps what arrived. Keys are made of [a-z0-9/_.-].
	Put(ctx context.Context, key string, r io.Reader) (int64, error)
	// Open returns the plaintext of key; ENOTFOUND when it does not exist,
	// and an error from Read when the stored bytes fail to authenticate.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes key; a missing key is not an error.
	Delete(ctx context.Context, key string) error
}
