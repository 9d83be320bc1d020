// Package seal encrypts personal data at rest with AES-256-GCM and computes
// blind indexes (HMAC-SHA256) for equality look-ups.
//
// Ciphertexts name the key that sealed them, so keys can rotate: new data is
// sealed with the active key while older keys stay available to open what
// they sealed. The blind-index key is separate and long-lived, because
// changing it would orphan every index already stored.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const version = 1

// Keyring holds the data keys and the index key.
type Keyring struct {
	active   string
	aeads    map[string]cipher.AEAD
	raw      map[string][]byte
	indexKey []byte
}

// New builds a keyring. keys maps key id → 32-byte key; active names the
// key new data is sealed with.
func New(active string, keys map[string][]byte, indexKey []byte) (*Keyring, error) {
	if len(indexKey) < 32 {
		return nil, errors.New("seal: the index key must be at least 32 bytes")
	}
	k := &Keyring{active: active, aeads: map[string]cipher.AEAD{}, raw: map[string][]byte{}, indexKey: indexKey}
	for id, key := range keys {
		if id == "" || len(id) > 255 || strings.ContainsAny(id, ":,") {
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
	return k, nil
}

// ActiveKeyID names the key new data is sealed with.
func (k *Keyring) ActiveKeyID() string { return k.active }

// Seal encrypts plaintext bound to aad with the active key.
// Layout: version(1) | len(keyID)(1) | keyID | nonce(12) | ciphertext+tag.
func (k *Keyring) Seal(plaintext, aad []byte) ([]byte, error) {
	a := k.aeads[k.active]
	out := make([]byte, 0, 2+len(k.active)+a.NonceSize()+len(plaintext)+a.Overhead())
	out = append(out, version, byte(len(k.active)))
	out = append(out, k.active...)
	nonce := make([]byte, a.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	out = append(out, nonce...)
	return a.Seal(out, nonce, plaintext, aad), nil
}

// KeyID returns the id of the key that sealed ct.
func KeyID(ct []byte) (string, error) {
	if len(ct) < 2 || ct[0] != version || len(ct) < 2+int(ct[1]) {
		return "", errors.New("seal: not a sealed value")
	}
	return string(ct[2 : 2+int(ct[1])]), nil
}

// Open decrypts ct with the key it names.
func (k *Keyring) Open(ct, aad []byte) ([]byte, error) {
	id, err := KeyID(ct)
	if err != nil {
		return nil, err
	}
	a, ok := k.aeads[id]
	if !ok {
		return nil, fmt.Errorf("seal: key %q is not in the keyring", id)
	}
	rest := ct[2+len(id):]
	if len(rest) < a.NonceSize()+a.Overhead() {
		return nil, errors.New("seal: sealed value is truncated")
	}
	pt, err := a.Open(nil, rest[:a.NonceSize()], rest[a.NonceSize():], aad)
	if err != nil {
		return nil, errors.New("seal: sealed value does not authenticate (wrong key, row or tampering)")
	}
	return pt, nil
}

// BlindIndex returns HMAC-SHA256(indexKey, domain || 0 || value).
func (k *Keyring) BlindIndex(domain, value string) []byte {
	m := hmac.New(sha256.New, k.indexKey)
	m.Write([]byte(domain))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return m.Sum(nil)
}

// AuditKey derives the key of the audit chain (HMAC-SHA256, rule v2) from
// the index key, with HKDF. The index key fits: it is long-lived (rotating
// it would orphan stored indexes, as rotating the audit key would orphan
// the chain's signatures) and, like every key here, it is held outside
// the database. This is the one place the derivation lives, so a key
// provider can take it over.
func (k *Keyring) AuditKey() []byte {
	ak, err := hkdf.Key(sha256.New, k.indexKey, nil, "kycd audit chain v2", 32)
	if err != nil {
		panic(err) // only for lengths HKDF cannot produce; 32 is fine
	}
	return ak
}

// LinkKey derives the key that signs reviewers' short-lived document
// links from the index key (HKDF, its own label), so every instance with
// the same configuration shares it without a new secret to distribute,
// and a link signature is never a blind index.
func (k *Keyring) LinkKey() []byte {
	lk, err := hkdf.Key(sha256.New, k.indexKey, nil, "kycd document links v1", 32)
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
	raw, ok := k.raw[id]
	if !ok {
		return nil, fmt.Errorf("seal: key %q is not in the keyring", id)
	}
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
func Parse(keys, indexKey string) (*Keyring, error) {
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
	return New(active, m, ik)
}

func redact(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[:i] + ":…"
	}
	return "…"
}

// keyFile is the on-disk form of generated keys for the embedded default.
type keyFile struct {
	Keys     string `json:"keys"`
	IndexKey string `json:"index_key"`
}

// LoadOrCreate reads the key file at path, creating it with fresh random
// keys (mode 0600) when it does not exist. This lets `kycd serve` run with
// no configuration; production deployments pass keys from a secret store.
func LoadOrCreate(path string) (*Keyring, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		kf := keyFile{Keys: "k1:" + randomB64(32), IndexKey: randomB64(32)}
		raw, _ = json.MarshalIndent(kf, "", "  ")
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return LoadOrCreate(path) // another process created it first
		} else if err != nil {
			return nil, err
		}
		if _, err := f.Write(raw); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	return parseKeyFile(path, raw)
}

// Load reads the key file at path and, unlike LoadOrCreate, fails when it
// does not exist: read-only tools must not make up keys.
func Load(path string) (*Keyring, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseKeyFile(path, raw)
}

func parseKeyFile(path string, raw []byte) (*Keyring, error) {
	var kf keyFile
	if err := json.Unmarshal(raw, &kf); err != nil {
		return nil, fmt.Errorf("seal: %s: %w", path, err)
	}
	return Parse(kf.Keys, kf.IndexKey)
}

func randomB64(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}
