package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
)

// TestRetentionCLI: `kycd retention plan` lists what is due and erases
// nothing; `run` erases it; a legal hold placed with `kycd admin hold`
// keeps the account's data out of both.
func TestRetentionCLI(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	args := append([]string{"--data", dir, "--otp-ttl", "1ms"}, fastHashing...)
	a := openTestApp(t, args...)
	var ids []string
	for _, email := range []string{"one@example.com", "two@example.com"} {
		acct, _, err := a.svc.Register(ctx, kycd.RegisterInput{Email: email, Phone: map[string]string{"one@example.com": "+8613900000081",
			"two@example.com": "+8613900000082"}[email], Password: "correct horse battery 7", ClientIP: "192.0.2.1"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, acct.ID)
	}
	a.store.Close()
	time.Sleep(5 * time.Millisecond) // the codes (1 ms) have expired

	if code, out, errOut := opRun(ctx, "", nil, append([]string{"admin", "hold", "--account", ids[1], "--reason", "case 42"}, args...)...); code != exitOK || !strings.Contains(out, "placed") {
		t.Fatalf("admin hold: exit %d, %s %s", code, out, errOut)
	}
	plan := func() kycd.RetentionPlan {
		t.Helper()
		code, out, errOut := opRun(ctx, "", nil, append([]string{"retention", "plan", "--json"}, args...)...)
		if code != exitOK {
			t.Fatalf("retention plan: exit %d: %s", code, errOut)
		}
		var p kycd.RetentionPlan
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			t.Fatalf("retention plan --json printed %q: %v", out, err)
		}
		return p
	}
	p := plan()
	if len(p.Erasures) != 1 || p.Erasures[0].Class != kycd.ClassSessions || p.Erasures[0].Count != 2 {
		t.Fatalf("plan = %+v, want the unheld account's 2 expired codes", p.Erasures)
	}
	if again := plan(); len(again.Erasures) != 1 {
		t.Errorf("a second plan = %+v: planning erased something", again.Erasures)
	}
	code, out, errOut := opRun(ctx, "", nil, append([]string{"retention", "run"}, args...)...)
	if code != exitOK || !strings.Contains(out, "sessions=2") {
		t.Fatalf("retention run: exit %d: %s %s", code, out, errOut)
	}
	if p := plan(); len(p.Erasures) != 0 {
		t.Errorf("plan after the run = %+v, want nothing", p.Erasures)
	}
	code, out, _ = opRun(ctx, "", nil, append([]string{"admin", "holds"}, args...)...)
	var hs struct{ Items []kycd.LegalHold }
	if err := json.Unmarshal([]byte(out), &hs); code != exitOK || err != nil || len(hs.Items) != 1 || hs.Items[0].AccountID != ids[1] {
		t.Fatalf("admin holds: exit %d, %s", code, out)
	}
	if code, _, _ := opRun(ctx, "", nil, append([]string{"admin", "release-hold", "--hold", hs.Items[0].ID}, args...)...); code != exitOK {
		t.Fatalf("release-hold: exit %d", code)
	}
	if p := plan(); len(p.Erasures) != 1 || p.Erasures[0].Count != 2 {
		t.Errorf("plan after the release = %+v, want the other account's 2 codes", p.Erasures)
	}
	if code, _, _ := opRun(ctx, "", nil, "retention", "erase-everything"); code != exitUsage {
		t.Errorf("unknown retention task: exit %d, want %d", code, exitUsage)
	}
}
