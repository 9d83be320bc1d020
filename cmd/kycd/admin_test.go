package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/kycd/kycd"
)

// lockedBuffer is an output stream that a running server and the test can
// share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// opRun runs kycd with args and stdin, with an environment holding only
// env (the test process's own KYCD_* variables must not leak in).
func opRun(ctx context.Context, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	var out, errb lockedBuffer
	code = run(ctx, args, stdio{strings.NewReader(stdin), &out, &errb, func(k string) string { return env[k] }})
	return code, out.String(), errb.String()
}

// fastHashing keeps CLI tests quick; the hash cost is not what they prove.
var fastHashing = []string{"--argon2-memory-kib", "64", "--argon2-time", "1"}

// openTestApp opens the same store the CLI used, as a second process would.
func openTestApp(t *testing.T, args ...string) *app {
	t.Helper()
	c, _, err := parseConfig("test", args, func(string) string { return "" }, io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := openApp(context.Background(), c, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.store.Close() })
	return a
}

func TestAdminCreateUser(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	base := append([]string{"--data", dir}, fastHashing...)
	const password = "correct horse battery staple"

	code, out, errOut := opRun(ctx, password+"\n", nil, append([]string{"admin", "create-user", "--role", "reviewer", "--email", "Rev@Example.com"}, base...)...)
	if code != exitOK {
		t.Fatalf("create-user: exit %d, want 0; stderr %s", code, errOut)
	}
	if !regexp.MustCompile(`^created reviewer [a-z2-7]{26}\n$`).MatchString(out) {
		t.Errorf("create-user printed %q, want \"created reviewer ID\"", out)
	}
	if strings.Contains(out+errOut, password) {
		t.Error("create-user echoed the password")
	}

	a := openTestApp(t, base...)
	_, tok, err := a.svc.Login(ctx, "rev@example.com", password, "127.0.0.1")
	if err != nil {
		t.Fatalf("log in as the new reviewer: %v", err)
	}
	p, err := a.svc.Authenticate(ctx, tok)
	if err != nil || p.Role != kycd.RoleReviewer {
		t.Errorf("new user authenticates as %q (%v), want %q", p.Role, err, kycd.RoleReviewer)
	}
	a.store.Close()

	for _, tc := range []struct {
		name, stdin string
		args        []string
		code        int
		mention     string
	}{
		{"applicant role", password + "\n", []string{"--role", "applicant", "--email", "x@example.com"}, exitUsage, "--role"},
		{"unknown role", password + "\n", []string{"--role", "root", "--email", "x@example.com"}, exitUsage, "--role"},
		{"no password", "", []string{"--role", "admin", "--email", "x@example.com"}, exitUsage, "stdin"},
		{"short password", "short\n", []string{"--role", "admin", "--email", "x@example.com"}, exitInvalid, "password.too_short"},
		{"bad email", password + "\n", []string{"--role", "admin", "--email", "not-an-email"}, exitInvalid, "email.invalid"},
		{"taken email", password + "\n", []string{"--role", "admin", "--email", "rev@example.com"}, exitInvalid, "account.exists"},
		// A password without a final newline (echo -n) is accepted.
		{"password without newline", password, []string{"--role", "senior_reviewer", "--email", "senior@example.com"}, exitOK, ""},
	} {
		code, out, errOut := opRun(ctx, tc.stdin, nil, append(append([]string{"admin", "create-user"}, tc.args...), base...)...)
		if code != tc.code || !strings.Contains(out+errOut, tc.mention) {
			t.Errorf("%s: exit %d, want %d mentioning %q; stdout %q stderr %q", tc.name, code, tc.code, tc.mention, out, errOut)
		}
	}
}

func TestAdminCreateAPIKey(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var keys []string
	for range 2 {
		code, out, errOut := opRun(ctx, "", nil, "admin", "create-api-key", "--name", "exchange-backend", "--data", dir)
		if code != exitOK {
			t.Fatalf("create-api-key: exit %d; stderr %s", code, errOut)
		}
		// The key alone on stdout (so it can be piped into a secret
		// store); the explanation on stderr, without the key.
		key := strings.TrimSuffix(out, "\n")
		if !strings.HasPrefix(key, kycd.APIKeyPrefix) || strings.Contains(key, "\n") || len(key) < 40 {
			t.Fatalf("create-api-key printed %q, want one %s… key", out, kycd.APIKeyPrefix)
		}
		if strings.Contains(errOut, key) || !strings.Contains(errOut, "shown once") {
			t.Errorf("create-api-key stderr = %q, want the shown-once notice without the key", errOut)
		}
		keys = append(keys, key)
	}
	if keys[0] == keys[1] {
		t.Error("two create-api-key runs printed the same key")
	}
	a := openTestApp(t, "--data", dir)
	for _, k := range keys {
		p, err := a.svc.Authenticate(ctx, k)
		if err != nil || p.Role != kycd.RoleAPI {
			t.Errorf("the printed key authenticates as %q (%v), want %q", p.Role, err, kycd.RoleAPI)
		}
	}
	if _, err := a.svc.Authenticate(ctx, keys[0]+"x"); kycd.ErrorCode(err) != "auth.required" {
		t.Errorf("altered key: Code=%q, want %q", kycd.ErrorCode(err), "auth.required")
	}
	if code, _, _ := opRun(ctx, "", nil, "admin", "create-api-key", "--data", dir); code != exitInvalid {
		t.Errorf("create-api-key without --name: exit %d, want %d", code, exitInvalid)
	}
}

func TestConfigDump(t *testing.T) {
	ctx := context.Background()
	secrets := []string{"s3cr3t-db", "s3cr3t-smtp", "s3cr3t-token", "s3cr3t-q", "AAAAkey", "BBBBindex"}
	args := []string{"config", "dump",
		"--database", "postgres://kycd:s3cr3t-db@db.example:5432/kycd?sslmode=require",
		"--smtp-url", "smtp://mailer:s3cr3t-smtp@smtp.example:587",
		"--encryption-keys", "k1:AAAAkeyAAAAkeyAAAAkeyAAAAkeyAAAAkeyAAAAkey0=",
		"--index-key", "BBBBindexBBBBindexBBBBindexBBBBindexBBBBind=",
	}
	env := map[string]string{"KYCD_SMS_WEBHOOK_TOKEN": "s3cr3t-token", "KYCD_ADDR": "0.0.0.0:9000"}

	code, out, errOut := opRun(ctx, "", env, append(args, "--json")...)
	if code != exitOK {
		t.Fatalf("config dump: exit %d; stderr %s", code, errOut)
	}
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("config dump --json shows the secret %q:\n%s", s, out)
		}
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("config dump --json: %v\n%s", err, out)
	}
	for k, want := range map[string]string{
		"database":          "postgres://kycd:REDACTED@db.example:5432/kycd?sslmode=require",
		"smtp_url":          "smtp://mailer:REDACTED@smtp.example:587",
		"encryption_keys":   "REDACTED",
		"index_key":         "REDACTED",
		"sms_webhook_token": "REDACTED",
		"addr":              "0.0.0.0:9000", // from the environment
		"argon2_memory_kib": "19456",
		"data":              "./kycd-data",
	} {
		if got[k] != want {
			t.Errorf("config dump %s=%q, want %q", k, got[k], want)
		}
	}
	// Unset secrets stay visibly unset rather than "REDACTED".
	if code, out, _ := opRun(ctx, "", nil, "config", "dump", "--json"); code != exitOK || !strings.Contains(out, `"database": ""`) {
		t.Errorf("config dump without a database: exit %d, want database \"\":\n%s", code, out)
	}

	// The plain table too, and a password given as a URL parameter (pgx
	// accepts ?password=) is just as secret as one in the user part.
	args[3] = "postgres://kycd@db.example/kycd?password=s3cr3t-q&sslmode=disable"
	code, out, _ = opRun(ctx, "", env, args...)
	if code != exitOK {
		t.Fatalf("config dump: exit %d", code)
	}
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("config dump shows the secret %q:\n%s", s, out)
		}
	}
	if !strings.Contains(out, "index_key:") || !strings.Contains(out, `"REDACTED"`) {
		t.Errorf("config dump table lacks the redacted keys:\n%s", out)
	}
}

// TestAdminTakesAccessBack: disable-user, revoke-api-key,
// rotate-webhook-secret and delete-webhook act on the shared store, so a
// server holding the same database refuses the session and the key on
// their next request; each is audited.
func TestAdminTakesAccessBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	base := append([]string{"--data", dir}, fastHashing...)
	const password = "correct horse battery staple"
	if code, _, errOut := opRun(ctx, password+"\n", nil, append([]string{"admin", "create-user", "--role", "reviewer", "--email", "gone@example.com"}, base...)...); code != exitOK {
		t.Fatalf("create-user: exit %d; %s", code, errOut)
	}
	code, keySecret, errOut := opRun(ctx, "", nil, append([]string{"admin", "create-api-key", "--name", "leaked"}, base...)...)
	if code != exitOK {
		t.Fatalf("create-api-key: exit %d; %s", code, errOut)
	}
	keySecret = strings.TrimSpace(keySecret)
	keyID := regexp.MustCompile(`API key ([a-z2-7]{26})`).FindStringSubmatch(errOut)
	if keyID == nil {
		t.Fatalf("create-api-key did not name the key's id: %q", errOut)
	}

	// "The server": a second process on the same data, holding a session
	// and the key.
	srv := openTestApp(t, base...)
	_, session, err := srv.svc.Login(ctx, "gone@example.com", password, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	ep, err := srv.svc.CreateWebhook(ctx, kycd.System, "https://hooks.example.com/kycd", nil)
	if err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		args    []string
		printed string
	}{
		{[]string{"disable-user", "--user", "Gone@Example.com"}, "disabled reviewer"},
		{[]string{"revoke-api-key", "--id", keyID[1]}, "revoked API key"},
		{[]string{"rotate-webhook-secret", "--id", ep.ID}, "whsec_"},
		{[]string{"delete-webhook", "--id", ep.ID}, "deleted webhook"},
	} {
		code, out, errOut := opRun(ctx, "", nil, append(append([]string{"admin"}, tc.args...), base...)...)
		if code != exitOK || !strings.Contains(out, tc.printed) {
			t.Errorf("admin %s: exit %d stdout %q, want 0 and %q; stderr %s", tc.args[0], code, out, tc.printed, errOut)
		}
		if tc.args[0] == "rotate-webhook-secret" {
			eps, _ := srv.svc.Webhooks(ctx)
			if len(eps) != 1 || eps[0].Secret != strings.TrimSpace(out) || eps[0].Secret == ep.Secret {
				t.Errorf("after rotate-webhook-secret the stored secret is not the printed new one")
			}
		}
	}
	if _, err := srv.svc.Authenticate(ctx, session); kycd.ErrorCode(err) != "auth.required" {
		t.Errorf("the disabled reviewer's session: %v, want auth.required", err)
	}
	if _, err := srv.svc.Authenticate(ctx, keySecret); kycd.ErrorCode(err) != "auth.required" {
		t.Errorf("the revoked key: %v, want auth.required", err)
	}
	if eps, _ := srv.svc.Webhooks(ctx); len(eps) != 1 || eps[0].DisabledAt == nil {
		t.Errorf("the deleted webhook is still enabled")
	}
	entries, err := srv.store.AuditEntries(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.Action] = true
	}
	for _, a := range []string{"staff.disabled", "apikey.revoked", "webhook.secret_rotated", "webhook.deleted"} {
		if !seen[a] {
			t.Errorf("no %s in the audit log", a)
		}
	}
	// Unknown ids are refused with their codes.
	if code, _, errOut := opRun(ctx, "", nil, append([]string{"admin", "revoke-api-key", "--id", "nosuchkey"}, base...)...); code != exitInvalid || !strings.Contains(errOut, "apikey.not_found") {
		t.Errorf("revoke an unknown key: exit %d %q, want 1 apikey.not_found", code, errOut)
	}
}
