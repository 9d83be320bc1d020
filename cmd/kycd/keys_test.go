package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A key file from `kycd keys generate`, mounted by two instances with
// different data directories, gives both the same keys; a missing mounted
// file is an error, never a freshly generated key.
func TestKeysGenerateAndMount(t *testing.T) {
	ctx := context.Background()
	code, out, errOut := opRun(ctx, "", nil, "keys", "generate", "--id", "k7")
	if code != exitOK {
		t.Fatalf("keys generate: exit %d: %s", code, errOut)
	}
	var kf struct {
		Keys     string `json:"keys"`
		IndexKey string `json:"index_key"`
	}
	if err := json.Unmarshal([]byte(out), &kf); err != nil || !strings.HasPrefix(kf.Keys, "k7:") || kf.IndexKey == "" {
		t.Fatalf("keys generate printed %q (%v)", out, err)
	}
	if strings.Contains(errOut, kf.IndexKey) {
		t.Error("the key is on stderr")
	}
	file := filepath.Join(t.TempDir(), "keys.json")
	os.WriteFile(file, []byte(out), 0o600)
	a := openTestApp(t, "--data", t.TempDir(), "--keys-file", file)
	b := openTestApp(t, "--data", t.TempDir(), "--keys-file", file)
	if a.keys.ActiveKeyID() != "k7" {
		t.Errorf("active key %q, want k7", a.keys.ActiveKeyID())
	}
	ct, err := a.keys.Seal([]byte("secret"), []byte("row"))
	if err != nil {
		t.Fatal(err)
	}
	if pt, err := b.keys.Open(ct, []byte("row")); err != nil || string(pt) != "secret" {
		t.Errorf("the other instance opens %q, %v", pt, err)
	}
	data := t.TempDir()
	c, _, err := parseConfig("kycd serve", []string{"--data", data, "--keys-file", filepath.Join(data, "missing.json")}, func(string) string { return "" }, os.Stderr, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.keyProvider().Load(); err == nil {
		t.Error("a missing mounted key file was accepted")
	}
	if _, err := os.Stat(filepath.Join(data, "keys.json")); err == nil {
		t.Error("a key file was generated although one was to be mounted")
	}
	if code, _, _ := opRun(ctx, "", nil, "keys", "rotate"); code != exitUsage {
		t.Errorf("keys rotate: exit %d, want usage (not built)", code)
	}
}
