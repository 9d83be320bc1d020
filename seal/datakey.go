package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
)

// versionData marks a value sealed under a data key: the layout is that of
// a master-sealed value (version 1), with the data key's subject where the
// master key id would be.
const versionData = 2

// DataKey is the key of one subject (an application): its personal data
// and documents are sealed under it, and destroying it — every copy of it
// unwrapped or wrapped under a live master key — erases them.
type DataKey struct {
	subject string
	aead    cipher.AEAD
	raw     []byte
}

// NewDataKeyBytes returns a fresh random 32-byte data key.
func NewDataKeyBytes() []byte {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return b
}

// OpenDataKey makes a DataKey of raw (32 bytes) for subject.
func OpenDataKey(subject string, raw []byte) (*DataKey, error) {
	if subject == "" || len(subject) > 255 {
		return nil, fmt.Errorf("seal: bad data key subject %q", subject)
	}
	if len(raw) != 32 {
		return nil, errors.New("seal: a data key must be 32 bytes")
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, err
	}
	a, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &DataKey{subject: subject, aead: a, raw: append([]byte(nil), raw...)}, nil
}

// Subject names whose key this is.
func (d *DataKey) Subject() string { return d.subject }

// Seal encrypts plaintext bound to aad under the data key.
func (d *DataKey) Seal(plaintext, aad []byte) ([]byte, error) {
	return sealWith(versionData, d.subject, d.aead, plaintext, aad)
}

// Open decrypts a value that Seal wrote for the same subject.
func (d *DataKey) Open(ct, aad []byte) ([]byte, error) {
	s, ok := Subject(ct)
	if !ok || s != d.subject {
		return nil, errors.New("seal: the value is not sealed under this data key")
	}
	return openWith(d.aead, ct, len(s), aad)
}

// FileKey derives a file's own key from the data key and the file's salt,
// as Keyring.FileKey does from a master key.
func (d *DataKey) FileKey(salt []byte) (cipher.AEAD, error) { return fileKey(d.raw, salt) }

// Subject returns the subject of a value sealed under a data key, and
// false for anything else (a value sealed under a master key).
func Subject(ct []byte) (string, bool) {
	if len(ct) < 2 || ct[0] != versionData || len(ct) < 2+int(ct[1]) || ct[1] == 0 {
		return "", false
	}
	return string(ct[2 : 2+int(ct[1])]), true
}

// wrapAAD binds a wrapped data key to its subject, so a wrapped key copied
// to another subject's row does not unwrap.
func wrapAAD(subject string) []byte { return []byte("kycd data key v1|" + subject) }

// Wrap seals raw, the data key of subject, under the active master key. The
// result names that master key (KeyID), which is how re-wrapping finds the
// keys still under an old one.
func (k *Keyring) Wrap(subject string, raw []byte) ([]byte, error) {
	return k.Seal(raw, wrapAAD(subject))
}

// Unwrap opens a wrapped data key of subject.
func (k *Keyring) Unwrap(subject string, wrapped []byte) (*DataKey, error) {
	raw, err := k.Open(wrapped, wrapAAD(subject))
	if err != nil {
		return nil, err
	}
	return OpenDataKey(subject, raw)
}

// Rewrap opens a wrapped data key of subject and wraps it again under the
// active master key: a rotation moves data keys, never the data.
func (k *Keyring) Rewrap(subject string, wrapped []byte) ([]byte, error) {
	raw, err := k.Open(wrapped, wrapAAD(subject))
	if err != nil {
		return nil, err
	}
	return k.Wrap(subject, raw)
}

// NewFileKey implements the blob stores' key source for a keyring alone:
// every file under the active master key, whatever its subject.
func (k *Keyring) NewFileKey(blobKey string, salt []byte) (string, cipher.AEAD, error) {
	id := k.ActiveKeyID()
	a, err := k.FileKey(id, salt)
	return id, a, err
}
