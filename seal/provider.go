package seal

import (
	"errors"
	"fmt"
	"strings"
)

// Provider supplies an instance's keyring. Every instance of a cluster
// must get the same keys from it; none of them is ever stored in the
// database.
type Provider interface {
	Load() (*Keyring, error)
	// String names the source for logs, never the keys.
	String() string
}

// LocalFile is the embedded default: a key file in the data directory,
// generated with fresh keys on first use.
type LocalFile struct{ Path string }

// Load implements Provider.
func (p LocalFile) Load() (*Keyring, error) { return LoadOrCreate(p.Path) }

func (p LocalFile) String() string { return "generated key file " + p.Path }

// Mounted is a key file that every instance mounts (a Kubernetes secret
// volume, say), in the format `kycd keys generate` prints. It is only
// read: a missing file is an error, so that an instance cannot come up
// with keys of its own that its peers would not have.
type Mounted struct{ Path string }

// Load implements Provider.
func (p Mounted) Load() (*Keyring, error) {
	k, err := Load(p.Path)
	if err != nil {
		return nil, fmt.Errorf("seal: key file: %w", err)
	}
	return k, nil
}

func (p Mounted) String() string { return "mounted key file " + p.Path }

// Static is keys given as configuration values (KYCD_ENCRYPTION_KEYS,
// KYCD_INDEX_KEY and KYCD_AUDIT_KEY, or their flags): environment
// variables from a secret. Without an audit key it is derived from the
// index key, as it was before the provider owned it.
type Static struct{ Keys, IndexKey, AuditKey string }

// Load implements Provider.
func (p Static) Load() (*Keyring, error) {
	if strings.TrimSpace(p.IndexKey) == "" {
		return nil, errors.New("seal: --encryption-keys needs --index-key (KYCD_INDEX_KEY) too")
	}
	return ParseWithAudit(p.Keys, p.IndexKey, p.AuditKey)
}

func (p Static) String() string { return "configured keys" }

// Generate returns a new key file (JSON) with one master key named id and
// fresh index and audit keys.
func Generate(id string) ([]byte, error) {
	if id == "" || strings.ContainsAny(id, ":,") || len(id) > 255 {
		return nil, fmt.Errorf("seal: bad key id %q", id)
	}
	return newKeyFile(id).marshal(), nil
}
