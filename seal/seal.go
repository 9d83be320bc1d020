// Package seal encrypts personal data at rest with AES-256-GCM and computes
// blind indexes (HMAC-SHA256) for equality look-ups.
//
// Ciphertexts name the key that sealed them, so keys can rotate: new data is
// sealed with the active key while older keys stay available to open what
// they sealed. The blind-index key is separate and long-lived, because
// changing it would orphan every index already stored.
//
// The keyring's keys are master keys. Personal data of one application is
// sealed under a data key of its own (DataKey), which is stored wrapped
// under a master key; destroying that one data key erases the application
// (crypto-shredding), and retiring a master key after its data keys were
// re-wrapped makes every older copy of the database unreadable.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
)

const version = 1

// Keyring holds the master keys, the index key and the audit key. A running
// instance keeps one Keyring for its lifetime and Replaces its contents when
// the key provider's keys change (a rotation), so that every component
// holding it sees the new keys at once.
type Keyring struct {
	st atomic.Pointer[ring]
}

// ring is one immutable set of keys.
type ring struct {
	active   string
	aeads    map[string]cipher.AEAD
	raw      map[string][]byte
	indexKey []byte
	auditKey []byte
}

func (k *Keyring) r() *ring { return k.st.Load() }

// New builds a keyring. keys maps key id → 32-byte key; active names the
// key new data is sealed with.
func New(active string, keys map[string][]byte, indexKey []byte) (*Keyring, error) {
	return newRing(active, keys, indexKey, nil)
}

// newRing is New with an audit key of its own; nil derives it from the
// index key (see AuditKey).
func newRing(active string, keys map[string][]byte, indexKey, auditKey []byte) (*Keyring, error) {
	if len(indexKey) < 32 {
		return nil, errors.New("seal: the index key must be at least 32 bytes")
	}
	if auditKey == nil {
		var err error
		if auditKey, err = hkdf.Key(sha256.New, indexKey, nil, "kycd audit chain v2", 32); err != nil {
			return nil, err
		}
	} else if len(auditKey) < 32 {
		return nil, errors.New("seal: the audit key must be at least 32 bytes")
	}
	k := &ring{active: active, aeads: map[string]cipher.AEAD{}, raw: map[string][]byte{}, indexKey: indexKey, auditKey: auditKey}
	for id, key := range keys {
		// '@' starts the name of a data key in a sealed blob's header, so
		// a master key may not begin with it.
		if id == "" || len(id) > 255 || strings.ContainsAny(id, ":,") || id[0] == '@' {
			return nil, fmt.Errorf("seal: bad key id %q", id)
		}
		if len(key) != 32 {
			return nil, fmt.Errorf("seal: key %q must be 32 bytes (AES-256), not %d", id, len(key))
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, err
		}
		if k.aeads[id], err = cipher.NewGCM(block); err != nil {
			return nil, err
		}
		k.raw[id] = append([]byte(nil), key...)
	}
	if _, ok := k.aeads[active]; !ok {
		return nil, fmt.Errorf("seal: active key %q is not in the keyring", active)
	}
	kr := &Keyring{}
	kr.st.Store(k)
	return kr, nil
}

// Replace gives k the keys of n (a rotated key file, say). The index and
// audit keys must stay the same: changing them would orphan every stored
// blind index and every signature of the audit chain.
func (k *Keyring) Replace(n *Keyring) error {
	cur, next := k.r(), n.r()
	if !hmac.Equal(cur.indexKey, next.indexKey) {
		return errors.New("seal: the new keys have another index key; it must never change")
	}
	if !hmac.Equal(cur.auditKey, next.auditKey) {
		return errors.New("seal: the new keys have another audit key; it must never change")
	}
	k.st.Store(next)
	return nil
}

// ActiveKeyID names the key new data is sealed with.
func (k *Keyring) ActiveKeyID() string { return k.r().active }

// KeyIDs lists the master keys' ids, the active one first.
func (k *Keyring) KeyIDs() []string {
	r := k.r()
	ids := []string{r.active}
	for id := range r.aeads {
		if id != r.active {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids[1:])
	return ids
}

// Has reports whether the keyring holds the master key id.
func (k *Keyring) Has(id string) bool {
	_, ok := k.r().aeads[id]
	return ok
}

// Seal encrypts plaintext bound to aad with the active key.
// Layout: version(1) | len(keyID)(1) | keyID | nonce(12) | ciphertext+tag.
func (k *Keyring) Seal(plaintext, aad []byte) ([]byte, error) {
	r := k.r()
	return sealWith(version, r.active, r.aeads[r.active], plaintext, aad)
}

// sealWith writes the layout both sealed forms share: a version byte, the
// name of the key (a master key id, or a data key's subject), a random
// nonce and the AES-GCM ciphertext.
func sealWith(v byte, name string, a cipher.AEAD, plaintext, aad []byte) ([]byte, error) {
	out := make([]byte, 0, 2+len(name)+a.NonceSize()+len(plaintext)+a.Overhead())
	out = append(out, v, byte(len(name)))
	out = append(out, name...)
	nonce := make([]byte, a.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	out = append(out, nonce...)
	return a.Seal(out, nonce, plaintext, aad), nil
}

// openWith opens what sealWith wrote, given the name's length.
func openWith(a cipher.AEAD, ct []byte, nameLen int, aad []byte) ([]byte, error) {
	rest := ct[2+nameLen:]
	if len(rest) < a.NonceSize()+a.Overhead() {
		return nil, errors.New("seal: sealed value is truncated")
	}
	pt, err := a.Open(nil, rest[:a.NonceSize()], rest[a.NonceSize():], aad)
	if err != nil {
		return nil, errors.New("seal: sealed value does not authenticate (wrong key, row or tampering)")
	}
	return pt, nil
}

// KeyID returns the id of the master key that sealed ct; an error for a
// value sealed under a data key (see Subject).
func KeyID(ct []byte) (string, error) {
	if len(ct) < 2 || ct[0] != version || len(ct) < 2+int(ct[1]) {
		return "", errors.New("seal: not a value sealed under a master key")
	}
	return string(ct[2 : 2+int(ct[1])]), nil
}

// Open decrypts ct with the key it names.
func (k *Keyring) Open(ct, aad []byte) ([]byte, error) {
	id, err := KeyID(ct)
	if err != nil {
		return nil, err
	}
	a, ok := k.r().aeads[id]
	if !ok {
		return nil, fmt.Errorf("seal: key %q is not in the keyring", id)
	}
	return openWith(a, ct, len(id), aad)
}

// BlindIndex returns HMAC-SHA256(indexKey, domain || 0 || value).
func (k *Keyring) BlindIndex(domain, value string) []byte {
	m := hmac.New(sha256.New, k.r().indexKey)
	m.Write([]byte(domain))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return m.Sum(nil)
}

// AuditKey returns the key of the audit chain (HMAC-SHA256, rule v2), as
// the key provider gave it (`audit_key` in a key file, KYCD_AUDIT_KEY).
// A provider without one — every key file written before the provider
// owned this key — gets it derived from the index key with HKDF, exactly
// as before, so chains signed then keep verifying. Either way it is
// long-lived and held outside the database.
func (k *Keyring) AuditKey() []byte { return append([]byte(nil), k.r().auditKey...) }

// LinkKey derives the key that signs reviewers' short-lived document
// links from the index key (HKDF, its own label), so every instance with
// the same configuration shares it without a new secret to distribute,
// and a link signature is never a blind index.
func (k *Keyring) LinkKey() []byte {
	lk, err := hkdf.Key(sha256.New, k.r().indexKey, nil, "kycd document links v1", 32)
	if err != nil {
		panic(err) // only for lengths HKDF cannot produce; 32 is fine
	}
	return lk
}

// FileKey derives a per-file AES-256-GCM cipher from data key id and a
// random salt (HKDF-SHA256). Files are sealed in many frames whose nonces
// are frame counters; a key of their own per file is what makes counter
// nonces safe, since no two files ever share a key.
func (k *Keyring) FileKey(id string, salt []byte) (cipher.AEAD, error) {
	raw, ok := k.r().raw[id]
	if !ok {
		return nil, fmt.Errorf("seal: key %q is not in the keyring", id)
	}
	return fileKey(raw, salt)
}

// fileKey derives a file's own AES-256-GCM key from a master or data key.
func fileKey(raw, salt []byte) (cipher.AEAD, error) {
	fk, err := hkdf.Key(sha256.New, raw, salt, "kycd file v1", 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(fk)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// Parse reads keys in the configuration form "id:BASE64,id2:BASE64" (the
// first is active) and a base64 index key.
func Parse(keys, indexKey string) (*Keyring, error) { return ParseWithAudit(keys, indexKey, "") }

// ParseWithAudit is Parse with the audit chain's key (base64); empty
// derives it from the index key as keys written before it existed do.
func ParseWithAudit(keys, indexKey, auditKey string) (*Keyring, error) {
	m := map[string][]byte{}
	active := ""
	for _, part := range strings.Split(keys, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, b64, ok := strings.Cut(part, ":")
		if !ok {
			return nil, fmt.Errorf("seal: key %q is not in the form id:base64", redact(part))
		}
		key, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return nil, fmt.Errorf("seal: key %q is not valid base64", id)
		}
		if active == "" {
			active = id
		}
		m[id] = key
	}
	if active == "" {
		return nil, errors.New("seal: no encryption key given")
	}
	ik, err := base64.StdEncoding.DecodeString(strings.TrimSpace(indexKey))
	if err != nil {
		return nil, errors.New("seal: the index key is not valid base64")
	}
	var ak []byte
	if strings.TrimSpace(auditKey) != "" {
		if ak, err = base64.StdEncoding.DecodeString(strings.TrimSpace(auditKey)); err != nil {
			return nil, errors.New("seal: the audit key is not valid base64")
		}
	}
	return newRing(active, m, ik, ak)
}

func redact(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[:i] + ":…"
	}
	return "…"
}
