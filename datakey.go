package kycd

import (
	"context"
	"strings"
	"time"
)

// EERASED says a value cannot be opened or written because its subject's
// data key was destroyed: the data was erased (crypto-shredding).
const EERASED = "data.erased"

// IsErased reports whether err says the data was erased.
func IsErased(err error) bool { return ErrorCode(err) == EERASED }

// DataKeyTx is the part of Tx that manages per-subject data keys. A
// subject (today: an application id) has its own data key; its personal
// data and its documents are sealed under it, and the key is stored
// wrapped under the active master key of the key provider, which never
// reaches the database.
type DataKeyTx interface {
	// DestroyDataKey destroys subject's data key for good: the wrapped key
	// is overwritten and a tombstone kept, so nothing sealed under it
	// opens again and nothing new can be sealed for subject (EERASED).
	// It is idempotent, and leaves a tombstone for a subject that never
	// had a key. Rows read afterwards come back with their sealed fields
	// empty and marked (Application.Erased, Document.Reading nil, ...).
	// Other instances may still hold the key in memory for a short while
	// (KeyCacheTTL); copies of the database taken before hold it wrapped
	// until the master key of that time is retired (docs/deploy.md, Keys).
	DestroyDataKey(ctx context.Context, subject string, at time.Time) error
	// DataKeyDestroyed reports whether subject's key was destroyed.
	DataKeyDestroyed(ctx context.Context, subject string) (bool, error)
}

// KeyCacheTTL bounds how long an instance keeps an unwrapped data key in
// memory, so a key destroyed on one instance is forgotten by the others
// within this time.
const KeyCacheTTL = 30 * time.Second

// ApplicationBlobPrefix is the prefix of every blob of an application
// sealed under its data key: documents (a/<id>/doc/…) and upload segments
// (a/<id>/seg/…). Erasure lists and deletes it.
func ApplicationBlobPrefix(appID string) string { return "a/" + appID + "/" }

// BlobSubject returns the application a blob key belongs to, or "" for a
// key outside every application's prefix (blobs from before per-application
// keys, sealed under a master key).
func BlobSubject(key string) string {
	rest, ok := strings.CutPrefix(key, "a/")
	if !ok {
		return ""
	}
	id, _, ok := strings.Cut(rest, "/")
	if !ok {
		return ""
	}
	return id
}
