package seal

import (
	"bytes"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"
)

// A key file without audit_key (every file written before the provider
// owned the audit key) gets the key the chain was always signed with:
// HKDF of the index key. One with audit_key gets that key.
func TestAuditKeyFromProvider(t *testing.T) {
	ik := randomB64(32)
	raw, _ := base64.StdEncoding.DecodeString(ik)
	want, _ := hkdf.Key(sha256.New, raw, nil, "kycd audit chain v2", 32)
	old, err := Parse("a:"+randomB64(32), ik)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(old.AuditKey(), want) {
		t.Error("without an audit key of its own, the keyring does not derive the one old chains were signed with")
	}
	ak := randomB64(32)
	own, err := ParseWithAudit("a:"+randomB64(32), ik, ak)
	if err != nil {
		t.Fatal(err)
	}
	if got := base64.StdEncoding.EncodeToString(own.AuditKey()); got != ak {
		t.Error("the provider's audit key is not used")
	}
	gen, err := Generate("k1")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "keys.json")
	os.WriteFile(p, gen, 0o600)
	k, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	derived, _ := hkdf.Key(sha256.New, k.r().indexKey, nil, "kycd audit chain v2", 32)
	if bytes.Equal(k.AuditKey(), derived) {
		t.Error("a generated key file has no audit key of its own")
	}
}

// Rotating in a key file: a staged key is known but not used, activating
// it makes it the sealing key, and old keys open what they sealed until
// they are removed; the index and audit keys never change.
func TestKeyFileRotation(t *testing.T) {
	p := filepath.Join(t.TempDir(), "keys.json")
	k1, err := LoadOrCreate(p)
	if err != nil {
		t.Fatal(err)
	}
	ct, _ := k1.Seal([]byte("v"), nil)
	if err := AddKey(p, "k2", false); err != nil {
		t.Fatal(err)
	}
	staged, _ := Load(p)
	if staged.ActiveKeyID() != "k1" || !staged.Has("k2") {
		t.Fatalf("staged: active %q, has k2 %v", staged.ActiveKeyID(), staged.Has("k2"))
	}
	if err := Activate(p, "k2"); err != nil {
		t.Fatal(err)
	}
	rotated, _ := Load(p)
	if rotated.ActiveKeyID() != "k2" {
		t.Fatalf("active %q, want k2", rotated.ActiveKeyID())
	}
	if err := k1.Replace(rotated); err != nil {
		t.Fatal(err)
	}
	if k1.ActiveKeyID() != "k2" {
		t.Error("Replace did not take the new keys")
	}
	if _, err := k1.Open(ct, nil); err != nil {
		t.Errorf("an old value no longer opens after the rotation: %v", err)
	}
	if err := Remove(p, "k2"); err == nil {
		t.Error("removed the active key")
	}
	if err := AddKey(p, "k1", true); err == nil {
		t.Error("added a second key named k1")
	}
	if err := Remove(p, "k1"); err != nil {
		t.Fatal(err)
	}
	retired, _ := Load(p)
	if retired.Has("k1") {
		t.Fatal("k1 is still in the file")
	}
	if _, err := retired.Open(ct, nil); err == nil {
		t.Error("a value sealed under a retired key still opens")
	}
	if info, _ := os.Stat(p); info.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", info.Mode().Perm())
	}
	other, _ := Parse("k9:"+randomB64(32), randomB64(32))
	if err := k1.Replace(other); err == nil {
		t.Error("Replace took keys with another index key")
	}
}

func TestDataKey(t *testing.T) {
	k, _ := Parse("m1:"+randomB64(32), randomB64(32))
	raw := NewDataKeyBytes()
	w, err := k.Wrap("app1", raw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Unwrap("app2", w); err == nil {
		t.Error("a wrapped key moved to another subject unwrapped")
	}
	dk, err := k.Unwrap("app1", w)
	if err != nil {
		t.Fatal(err)
	}
	ct, _ := dk.Seal([]byte("张三"), []byte("row|col"))
	if s, ok := Subject(ct); !ok || s != "app1" {
		t.Errorf("Subject=%q, %v", s, ok)
	}
	if _, err := KeyID(ct); err == nil {
		t.Error("a data-key value passed for a master-key value")
	}
	if pt, err := dk.Open(ct, []byte("row|col")); err != nil || string(pt) != "张三" {
		t.Errorf("Open=%q, %v", pt, err)
	}
	other, _ := OpenDataKey("app1", NewDataKeyBytes())
	if _, err := other.Open(ct, []byte("row|col")); err == nil {
		t.Error("another key opened the value")
	}
	if _, err := New("@x", map[string][]byte{"@x": raw}, raw); err == nil {
		t.Error("a master key named like a data key was accepted")
	}
}
