package sqlstore

import (
	"context"
	"crypto/cipher"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/seal"
)

// keyWrapper is what per-application data keys need from the sealer: the
// master keys wrap and unwrap them. seal.Keyring offers it; a sealer that
// does not (a test's stand-in) seals everything under itself instead.
type keyWrapper interface {
	Wrap(subject string, raw []byte) ([]byte, error)
	Unwrap(subject string, wrapped []byte) (*seal.DataKey, error)
	Rewrap(subject string, wrapped []byte) ([]byte, error)
	ActiveKeyID() string
	NewFileKey(blobKey string, salt []byte) (string, cipher.AEAD, error)
	FileKey(id string, salt []byte) (cipher.AEAD, error)
}

// keyCache keeps unwrapped data keys for kycd.KeyCacheTTL, so listing a
// review queue does not read and unwrap one key per row each time. Only
// keys read outside a transaction are kept: a key created inside one may
// still roll back with it.
type keyCache struct {
	mu sync.Mutex
	m  map[string]cachedKey
}

type cachedKey struct {
	k  *seal.DataKey
	at time.Time
}

// keyCacheMax bounds the cache; when full it is emptied, which costs a
// few look-ups and keeps the code free of an eviction order.
const keyCacheMax = 4096

func (c *keyCache) get(subject string) *seal.DataKey {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[subject]
	if !ok || time.Since(e.at) > kycd.KeyCacheTTL {
		return nil
	}
	return e.k
}

func (c *keyCache) put(k *seal.DataKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= keyCacheMax {
		c.m = map[string]cachedKey{}
	}
	c.m[k.Subject()] = cachedKey{k, time.Now()}
}

func (c *keyCache) drop(subject string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, subject)
}

// forget empties the cache: after a rotation, say, or in tests that show
// what another instance would see.
func (c *keyCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = nil
}

func (q queries) inTx() bool { _, ok := q.x.(*sql.Tx); return ok }

func erasedErr(subject string) error {
	return kycd.Errorf(kycd.EERASED, "the data key of %s was destroyed", subject)
}

// dataKey returns subject's data key, creating it when create is set and
// the subject has none yet (an application made before per-application
// keys, on its first write). A destroyed key answers EERASED.
func (q queries) dataKey(ctx context.Context, subject string, create bool) (*seal.DataKey, error) {
	if !q.inTx() {
		if k := q.s.keyCache.get(subject); k != nil {
			return k, nil
		}
	}
	for try := 0; try < 2; try++ {
		var wrapped []byte
		var destroyed sql.NullInt64
		err := q.row(ctx, `SELECT wrapped, destroyed_at FROM data_keys WHERE subject = ?`, subject).Scan(&wrapped, &destroyed)
		switch {
		case err == nil && (destroyed.Valid || wrapped == nil):
			return nil, erasedErr(subject)
		case err == nil:
			k, err := q.s.wrap.Unwrap(subject, wrapped)
			if err != nil {
				return nil, err
			}
			if !q.inTx() {
				q.s.keyCache.put(k)
			}
			return k, nil
		case !errors.Is(err, sql.ErrNoRows):
			return nil, q.s.translate(err, "find data key")
		case !create:
			// A value names a key that has no row: the row was deleted
			// by hand. Nothing can open the value any more.
			return nil, erasedErr(subject)
		}
		raw := seal.NewDataKeyBytes()
		w, err := q.s.wrap.Wrap(subject, raw)
		if err != nil {
			return nil, err
		}
		// Two writers may create the same subject's key at once: one
		// insert wins, and both then read the winner's key.
		if _, err := q.exec(ctx, "create data key", `INSERT INTO data_keys (subject, master_key, wrapped, created_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (subject) DO NOTHING`, subject, q.s.wrap.ActiveKeyID(), w, micros(time.Now())); err != nil {
			return nil, err
		}
	}
	return nil, kycd.Errorf("internal", "data key of %s: created but not found", subject)
}

// sealFor seals pt under subject's data key, bound to aad.
func (q queries) sealFor(ctx context.Context, subject string, pt, aad []byte) ([]byte, error) {
	if q.s.wrap == nil {
		return q.s.sealer.Seal(pt, aad)
	}
	k, err := q.dataKey(ctx, subject, true)
	if err != nil {
		return nil, err
	}
	return k.Seal(pt, aad)
}

// openAny opens column col of row id in table, sealed under a data key
// or, for data from before per-application keys, under a master key.
// EERASED when its data key was destroyed; any other failure names the
// table, column and row (never the value), so a bad row can be found.
func (q queries) openAny(ctx context.Context, table, id, col string, ct []byte) ([]byte, error) {
	aad := []byte(id + "|" + col)
	subject, ok := seal.Subject(ct)
	if !ok || q.s.wrap == nil {
		pt, err := q.s.sealer.Open(ct, aad)
		return pt, openErr(table, col, id, err)
	}
	k, err := q.dataKey(ctx, subject, false)
	if err != nil {
		if kycd.IsErased(err) {
			return nil, err
		}
		return nil, openErr(table, col, id, err)
	}
	pt, err := k.Open(ct, aad)
	return pt, openErr(table, col, id, err)
}

// openErr gives a failure to open a sealed value its place.
func openErr(table, col, id string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("sqlstore: open %s.%s of %s: %w", table, col, id, err)
}

// DestroyDataKey implements kycd.DataKeyTx.
func (q queries) DestroyDataKey(ctx context.Context, subject string, at time.Time) error {
	res, err := q.exec(ctx, "destroy data key", `UPDATE data_keys SET wrapped = NULL, master_key = '', destroyed_at = ?
		WHERE subject = ?`, micros(at), subject)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := q.exec(ctx, "destroy data key", `INSERT INTO data_keys (subject, master_key, wrapped, created_at,
			destroyed_at) VALUES (?, '', NULL, ?, ?) ON CONFLICT (subject) DO NOTHING`, subject, micros(at), micros(at)); err != nil {
			return err
		}
	}
	q.s.keyCache.drop(subject)
	return nil
}

// DataKeyDestroyed implements kycd.DataKeyTx.
func (q queries) DataKeyDestroyed(ctx context.Context, subject string) (bool, error) {
	var destroyed sql.NullInt64
	err := q.row(ctx, `SELECT destroyed_at FROM data_keys WHERE subject = ?`, subject).Scan(&destroyed)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, q.s.translate(err, "find data key")
	}
	return destroyed.Valid, nil
}

// ForgetKeys empties this instance's cache of unwrapped data keys.
func (s *DB) ForgetKeys() { s.keyCache.forget() }

// keyTimeout bounds a blob's key look-up, which runs without the request's
// context: a blob store keeps storing after its caller went away.
const keyTimeout = 10 * time.Second

// NewFileKey implements blob.Keys: a blob under an application's prefix is
// sealed under the application's data key (its header names "@" and the
// application), any other under the active master key.
func (s *DB) NewFileKey(blobKey string, salt []byte) (string, cipher.AEAD, error) {
	subject := kycd.BlobSubject(blobKey)
	if subject == "" || s.wrap == nil {
		return s.wrapOrSealer().NewFileKey(blobKey, salt)
	}
	ctx, cancel := context.WithTimeout(context.Background(), keyTimeout)
	defer cancel()
	k, err := s.dataKey(ctx, subject, true)
	if err != nil {
		return "", nil, err
	}
	a, err := k.FileKey(salt)
	return "@" + subject, a, err
}

// FileKey implements blob.Keys.
func (s *DB) FileKey(id string, salt []byte) (cipher.AEAD, error) {
	subject, ok := strings.CutPrefix(id, "@")
	if !ok {
		return s.wrapOrSealer().FileKey(id, salt)
	}
	ctx, cancel := context.WithTimeout(context.Background(), keyTimeout)
	defer cancel()
	k, err := s.dataKey(ctx, subject, false)
	if err != nil {
		return nil, err
	}
	return k.FileKey(salt)
}

func (s *DB) wrapOrSealer() keyWrapper {
	if s.wrap != nil {
		return s.wrap
	}
	return noFileKeys{}
}

type noFileKeys struct{ keyWrapper }

func (noFileKeys) NewFileKey(string, []byte) (string, cipher.AEAD, error) {
	return "", nil, errors.New("sqlstore: the sealer has no file keys")
}

func (noFileKeys) FileKey(string, []byte) (cipher.AEAD, error) {
	return nil, errors.New("sqlstore: the sealer has no file keys")
}
