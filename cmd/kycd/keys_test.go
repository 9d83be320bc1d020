package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/seal"
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
		AuditKey string `json:"audit_key"`
	}
	if err := json.Unmarshal([]byte(out), &kf); err != nil || !strings.HasPrefix(kf.Keys, "k7:") || kf.IndexKey == "" || kf.AuditKey == "" {
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
	if string(a.svc.AuditKey) != string(b.svc.AuditKey) {
		t.Error("two instances on one key file sign the audit chain with different keys")
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
}

func keyStatus(t *testing.T, args ...string) kycd.KeyReport {
	t.Helper()
	code, out, errOut := opRun(context.Background(), "", nil, append([]string{"keys", "rotate", "--status", "--json"}, args...)...)
	if code != exitOK {
		t.Fatalf("keys rotate --status: exit %d: %s", code, errOut)
	}
	var rep kycd.KeyReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--status --json printed %q: %v", out, err)
	}
	return rep
}

// `kycd keys rotate` on the embedded default: a new active key in the data
// directory's key file, progress in --status, the re-sealing run as serve
// runs it, and `kycd keys retire` refusing while the old key is needed and
// removing it after.
func TestKeysRotate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	base := append([]string{"--data", dir}, fastHashing...)
	if code, _, errOut := opRun(ctx, "pw-long-enough-1\n", nil, append([]string{"admin", "create-user", "--role", "reviewer",
		"--email", "rev@example.com"}, base...)...); code != exitOK {
		t.Fatalf("create-user: %s", errOut)
	}
	code, out, errOut := opRun(ctx, "", nil, append([]string{"keys", "rotate"}, base...)...)
	if code != exitOK || !strings.Contains(out, "k2 is the active key") {
		t.Fatalf("keys rotate: exit %d, %q %s", code, out, errOut)
	}
	rep := keyStatus(t, base...)
	if rep.Active != "k2" || rep.Done || rep.References.Values["k1"] == 0 || len(rep.Retirable) != 0 {
		t.Fatalf("after rotate: %+v", rep)
	}
	if code, _, _ := opRun(ctx, "", nil, append([]string{"keys", "retire", "k1"}, base...)...); code != exitInvalid {
		t.Errorf("retiring a key still in use: exit %d, want %d", code, exitInvalid)
	}
	if code, _, _ := opRun(ctx, "", nil, append([]string{"keys", "retire", "k2"}, base...)...); code != exitInvalid {
		t.Errorf("retiring the active key: exit %d, want %d", code, exitInvalid)
	}
	// What serve's leader does on each poll.
	a := openTestApp(t, base...)
	if err := newResealer(a).Run(ctx); err != nil {
		t.Fatal(err)
	}
	a.store.Close()
	rep = keyStatus(t, base...)
	if !rep.Done || len(rep.Retirable) != 1 || rep.Retirable[0] != "k1" {
		t.Fatalf("after re-sealing: %+v", rep)
	}
	code, out, errOut = opRun(ctx, "", nil, append([]string{"keys", "rotate", "--status"}, base...)...)
	if code != exitOK || !strings.Contains(out, "re-sealing: done") || !strings.Contains(out, "may be retired (nothing references them): k1") {
		t.Errorf("--status: %q %s", out, errOut)
	}
	if code, out, errOut := opRun(ctx, "", nil, append([]string{"keys", "retire", "k1"}, base...)...); code != exitOK {
		t.Fatalf("retire k1: exit %d %q %s", code, out, errOut)
	}
	k, err := seal.Load(filepath.Join(dir, "keys.json"))
	if err != nil || k.Has("k1") || k.ActiveKeyID() != "k2" {
		t.Fatalf("key file after retire: %v %v", k.KeyIDs(), err)
	}
	b := openTestApp(t, base...)
	if acct, err := b.store.FindAccountByEmail(ctx, "rev@example.com"); err != nil || acct.Email != "rev@example.com" {
		t.Errorf("after retiring k1 the account reads %v", err)
	}
}

// Staged rotation for clusters: the key is known everywhere before it
// seals anything; and keys from the environment are the operator's.
func TestKeysRotateStaged(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "keys.json")
	_, out, _ := opRun(ctx, "", nil, "keys", "generate")
	os.WriteFile(file, []byte(out), 0o600)
	base := []string{"--data", t.TempDir(), "--keys-file", file}
	if code, out, errOut := opRun(ctx, "", nil, append([]string{"keys", "rotate", "--stage", "--id", "blue"}, base...)...); code != exitOK ||
		!strings.Contains(out, "--activate blue") {
		t.Fatalf("stage: exit %d %q %s", code, out, errOut)
	}
	if k, _ := seal.Load(file); k.ActiveKeyID() != "k1" || !k.Has("blue") {
		t.Fatalf("staged key file: %v", k.KeyIDs())
	}
	if code, _, errOut := opRun(ctx, "", nil, append([]string{"keys", "rotate", "--activate", "blue"}, base...)...); code != exitOK {
		t.Fatalf("activate: %s", errOut)
	}
	if k, _ := seal.Load(file); k.ActiveKeyID() != "blue" {
		t.Fatalf("after activate: %v", k.KeyIDs())
	}
	env := map[string]string{"KYCD_ENCRYPTION_KEYS": "k1:" + strings.Repeat("A", 43) + "=", "KYCD_INDEX_KEY": strings.Repeat("B", 43) + "="}
	code, _, errOut := opRun(ctx, "", env, "keys", "rotate", "--data", t.TempDir())
	if code != exitUsage || !strings.Contains(errOut, "add a new key LAST on every instance") {
		t.Errorf("rotate with keys from the environment: exit %d, %s", code, errOut)
	}
}

// A running instance takes a rotated key file within a poll, without a
// restart, and refuses one whose index key changed.
func TestKeysReload(t *testing.T) {
	dir := t.TempDir()
	a := openTestApp(t, "--data", dir)
	if a.reloadKeys() {
		t.Error("reloaded unchanged keys")
	}
	if err := seal.AddKey(filepath.Join(dir, "keys.json"), "k2", true); err != nil {
		t.Fatal(err)
	}
	if !a.reloadKeys() || a.keys.ActiveKeyID() != "k2" {
		t.Fatalf("after the rotation the instance seals with %q", a.keys.ActiveKeyID())
	}
	other, _ := seal.Generate("k9")
	os.WriteFile(filepath.Join(dir, "keys.json"), other, 0o600)
	if a.reloadKeys() || a.keys.ActiveKeyID() != "k2" {
		t.Error("took keys with another index key")
	}
}

// A rotation while kycd serve runs: the running instance takes the new key
// file, its key-reseal job re-seals, the old key is retired, and the
// instance still logs the account in and reads it.
func TestKeysRotateWhileServing(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	srv := startServeProcess(t, data, "--job-poll", "200ms")
	var acct struct{ ID, Token string }
	srv.json(t, "POST", "/v1/accounts", "", map[string]string{"email": "rot@example.com", "phone": "+8613900000077",
		"password": "correct horse battery staple"}, &acct, http.StatusCreated)
	base := []string{"--data", data}
	if code, _, errOut := opRun(ctx, "", nil, append([]string{"keys", "rotate"}, base...)...); code != exitOK {
		t.Fatalf("keys rotate: %s", errOut)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		rep := keyStatus(t, base...)
		if rep.Done && slices.Equal(rep.Retirable, []string{"k1"}) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the serving instance did not re-seal within 30 s: %+v\n%s", rep, srv.stderr.String())
		}
	}
	if code, _, errOut := opRun(ctx, "", nil, append([]string{"keys", "retire", "k1"}, base...)...); code != exitOK {
		t.Fatalf("keys retire: %s", errOut)
	}
	time.Sleep(time.Second) // a few --job-poll: the instance drops k1
	var tok struct{ Token string }
	srv.json(t, "POST", "/v1/sessions", "", map[string]string{"email": "rot@example.com", "password": "correct horse battery staple"},
		&tok, http.StatusCreated)
	var me struct{ Email string }
	srv.json(t, "GET", "/v1/me", tok.Token, nil, &me, http.StatusOK)
	if me.Email != "rot@example.com" {
		t.Errorf("after the rotation /v1/me says %q", me.Email)
	}
	if !strings.Contains(srv.stderr.String(), `"keys: reloaded"`) {
		t.Error("the instance did not log that it reloaded its keys")
	}
}

// --status on a data directory without keys says so and makes none up.
func TestKeysStatusMakesNoKeys(t *testing.T) {
	dir := t.TempDir()
	if code, _, _ := opRun(context.Background(), "", nil, "keys", "rotate", "--status", "--data", dir); code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if _, err := os.Stat(filepath.Join(dir, "keys.json")); err == nil {
		t.Error("--status generated a key file")
	}
}
