package seal

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// keyFile is the on-disk form of keys: the generated file of the embedded
// default and the file `kycd keys generate` prints for a cluster.
type keyFile struct {
	// Keys are the master keys, "id:BASE64,…", the active one first.
	Keys     string `json:"keys"`
	IndexKey string `json:"index_key"`
	// AuditKey keys the audit chain. Files written before it existed lack
	// it; their audit key is derived from the index key, as it always was.
	AuditKey string `json:"audit_key,omitempty"`
}

func newKeyFile(id string) keyFile {
	return keyFile{Keys: id + ":" + randomB64(32), IndexKey: randomB64(32), AuditKey: randomB64(32)}
}

func (kf keyFile) marshal() []byte {
	raw, _ := json.MarshalIndent(kf, "", "  ")
	return append(raw, '\n')
}

// LoadOrCreate reads the key file at path, creating it with fresh random
// keys (mode 0600) when it does not exist. This lets `kycd serve` run with
// no configuration; production deployments pass keys from a secret store.
func LoadOrCreate(path string) (*Keyring, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		raw = newKeyFile("k1").marshal()
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

func readKeyFile(path string) (keyFile, error) {
	var kf keyFile
	raw, err := os.ReadFile(path)
	if err != nil {
		return kf, err
	}
	if err := json.Unmarshal(raw, &kf); err != nil {
		return kf, fmt.Errorf("seal: %s: %w", path, err)
	}
	return kf, nil
}

func parseKeyFile(path string, raw []byte) (*Keyring, error) {
	var kf keyFile
	if err := json.Unmarshal(raw, &kf); err != nil {
		return nil, fmt.Errorf("seal: %s: %w", path, err)
	}
	return ParseWithAudit(kf.Keys, kf.IndexKey, kf.AuditKey)
}

// AddKey writes a new random master key named id into the key file at
// path: first (active) when activate is set, else last (staged: every
// instance learns it before any of them seals with it). The file is
// replaced whole (a temporary file renamed over it), so a crash leaves
// the old file or the new one, never half of one.
func AddKey(path, id string, activate bool) error {
	kf, err := readKeyFile(path)
	if err != nil {
		return err
	}
	k, err := ParseWithAudit(kf.Keys, kf.IndexKey, kf.AuditKey)
	if err != nil {
		return err
	}
	if k.Has(id) {
		return fmt.Errorf("seal: the key file already has a key %q; choose a new name", id)
	}
	entry := id + ":" + randomB64(32)
	if activate {
		kf.Keys = entry + "," + kf.Keys
	} else {
		kf.Keys = kf.Keys + "," + entry
	}
	return writeKeyFile(path, kf)
}

// Activate makes the staged key id the active one in the key file.
func Activate(path, id string) error {
	return editKeys(path, id, func(parts []string, i int) ([]string, error) {
		return append([]string{parts[i]}, append(parts[:i:i], parts[i+1:]...)...), nil
	})
}

// Remove deletes the master key id from the key file: the retirement of a
// key nothing references any more. The active key cannot be removed.
func Remove(path, id string) error {
	return editKeys(path, id, func(parts []string, i int) ([]string, error) {
		if i == 0 {
			return nil, fmt.Errorf("seal: %q is the active key; rotate first", id)
		}
		return append(parts[:i:i], parts[i+1:]...), nil
	})
}

// editKeys rewrites the key file's keys with edit, given them and the
// position of the key id.
func editKeys(path, id string, edit func(parts []string, i int) ([]string, error)) error {
	kf, err := readKeyFile(path)
	if err != nil {
		return err
	}
	parts := splitKeys(kf.Keys)
	for i, p := range parts {
		if strings.HasPrefix(p, id+":") {
			next, err := edit(parts, i)
			if err != nil {
				return err
			}
			kf.Keys = strings.Join(next, ",")
			return writeKeyFile(path, kf)
		}
	}
	return fmt.Errorf("seal: the key file has no key %q", id)
}

func splitKeys(keys string) []string {
	var out []string
	for _, p := range strings.Split(keys, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func writeKeyFile(path string, kf keyFile) error {
	if _, err := ParseWithAudit(kf.Keys, kf.IndexKey, kf.AuditKey); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".keys-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // no-op after the rename
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(kf.marshal()); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync() // make the rename durable
		d.Close()
	}
	return nil
}

func randomB64(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}
