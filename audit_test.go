package kycd_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestKeyedHashCoversEveryField checks that rule v2 changes with each
// field, the sequence number and time included — which rule v1 did not
// cover — and with the key.
func TestKeyedHashCoversEveryField(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	base := kycd.AuditEntry{Seq: 7, At: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC), Actor: "a", Action: "x",
		Subject: "s", Data: "{}", PrevHash: []byte{1, 2}}
	want := base.ComputeKeyedHash(key)
	for name, edit := range map[string]func(e *kycd.AuditEntry){
		"seq":     func(e *kycd.AuditEntry) { e.Seq = 8 },
		"at":      func(e *kycd.AuditEntry) { e.At = e.At.Add(-30 * 24 * time.Hour) },
		"actor":   func(e *kycd.AuditEntry) { e.Actor = "b" },
		"action":  func(e *kycd.AuditEntry) { e.Action = "y" },
		"subject": func(e *kycd.AuditEntry) { e.Subject = "t" },
		"data":    func(e *kycd.AuditEntry) { e.Data = `{"a":1}` },
		"prev":    func(e *kycd.AuditEntry) { e.PrevHash = []byte{1, 3} },
		"shift":   func(e *kycd.AuditEntry) { e.Actor, e.Action = "ax", "" },
	} {
		e := base
		edit(&e)
		if string(e.ComputeKeyedHash(key)) == string(want) {
			t.Errorf("changing %s leaves the v2 hash unchanged", name)
		}
	}
	if string(base.ComputeKeyedHash([]byte("another key, another key, anothe"))) == string(want) {
		t.Error("the v2 hash does not depend on the key")
	}
	// The v1 rule stays as it was so that old entries keep verifying:
	// its blindness to time is the documented flaw, not a regression.
	moved := base
	moved.At = moved.At.Add(time.Hour)
	if string(moved.ComputeHash()) != string(base.ComputeHash()) {
		t.Error("rule v1 changed: entries written under it would no longer verify")
	}
}

// TestAuditLegacyChain checks a log begun under rule v1 (as kycd wrote it
// before keyed chains) keeps verifying once keyed entries follow, that
// verify counts each rule, that the head of such a log is signed at
// start, and that an unkeyed entry after keyed ones is refused — on both
// databases.
func TestAuditLegacyChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		ctx := context.Background()
		st := open(t)
		svc := storetest.Service(t, st, storetest.Keyring(t), kycd.Options{})
		appendOld := func(action string, rule int) {
			t.Helper()
			err := st.WithTx(ctx, func(tx kycd.Tx) error {
				seq, prev, err := tx.AuditHead(ctx)
				if err != nil {
					return err
				}
				e := &kycd.AuditEntry{Seq: seq + 1, At: svc.Now(), Actor: "system", Action: action, Subject: "s", Data: "{}", PrevHash: prev, Rule: rule}
				e.Hash = e.ComputeHash()
				if rule == kycd.AuditRuleV2 {
					e.Hash = e.ComputeKeyedHash(svc.AuditKey)
				}
				return tx.InsertAudit(ctx, e)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		appendV1 := func(action string) { appendOld(action, kycd.AuditRuleV1) }
		appendV1("old.one")
		appendV1("old.two")
		appendOld("keyed.before.v3", kycd.AuditRuleV2)
		rep, err := svc.VerifyAudit(ctx, nil)
		if err != nil || rep.Break == nil || !strings.Contains(rep.Break.Reason, "not signed") {
			t.Fatalf("an unsigned head: %+v, %v; want a break naming the missing signature", rep, err)
		}
		if err := svc.SignAuditHeadAtStart(ctx); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.CreateAPIKey(ctx, kycd.System, "new"); err != nil {
			t.Fatal(err)
		}
		rep, err = svc.VerifyAudit(ctx, nil)
		if err != nil || rep.Break != nil || rep.Entries != 5 || rep.ByRule[kycd.AuditRuleV1] != 2 ||
			rep.ByRule[kycd.AuditRuleV2] != 1 || rep.ByRule[kycd.AuditRuleV3] != 2 || !rep.HeadSigned {
			t.Fatalf("mixed chain: %+v, %v; want intact, 2 under v1, 1 under v2, 2 under v3, signed head", rep, err)
		}
		if !strings.Contains(rep.Rules(), "2 under rule v1") || !strings.Contains(rep.Rules(), "1 under rule v2") ||
			!strings.Contains(rep.Rules(), "2 under rule v3") {
			t.Errorf("Rules()=%q", rep.Rules())
		}
		// An unkeyed entry after keyed ones: the downgrade is refused.
		appendV1("forged")
		rep, err = svc.VerifyAudit(ctx, nil)
		if err != nil || rep.Break == nil || rep.Break.Seq != 6 || !strings.Contains(rep.Break.Reason, "unkeyed") {
			t.Fatalf("v1 after keyed entries: %+v, %v; want a break at 6", rep, err)
		}
	})
}
