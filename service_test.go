package kycd_test

import (
	"bytes"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/mail"
	"github.com/kycd/kycd/storetest"
)

// TestNewServiceValidates: a Service is whole when built, or not built.
func TestNewServiceValidates(t *testing.T) {
	keys := storetest.Keyring(t)
	st := storetest.OpenSQLite(t, keys)
	whole := storetest.Service(t, st, keys, kycd.Options{})
	out := mail.NewOutbox(1)
	base := kycd.Options{Store: st, Sealer: keys, Blobs: whole.Blobs, Mail: out, SMS: out, LinkKey: keys.LinkKey()}
	bad := map[string]func(o *kycd.Options){
		"no store":             func(o *kycd.Options) { o.Store = nil },
		"no sealer":            func(o *kycd.Options) { o.Sealer = nil },
		"short audit key":      func(o *kycd.Options) { o.AuditKey = []byte("short") },
		"short link key":       func(o *kycd.Options) { o.LinkKey = []byte("short") },
		"threshold above 1":    func(o *kycd.Options) { o.ScreeningThreshold = 1.5 },
		"negative threshold":   func(o *kycd.Options) { o.ScreeningThreshold = -0.1 },
		"no levels":            func(o *kycd.Options) { o.Policy = &kycd.Policy{} },
		"negative check queue": func(o *kycd.Options) { o.Checks = &kycd.CheckLimits{Queue: -1} },
		"zero session TTL": func(o *kycd.Options) {
			set := kycd.DefaultSettings()
			set.SessionTTL = 0
			o.Settings = &set
		},
	}
	for name, spoil := range bad {
		o := base
		spoil(&o)
		if svc, err := kycd.NewService(o); err == nil || svc != nil {
			t.Errorf("%s: NewService = %v, %v; want an error", name, svc, err)
		}
	}
	svc, err := kycd.NewService(base)
	if err != nil {
		t.Fatal(err)
	}
	if svc.Screener.Threshold <= 0 || svc.Wake == nil || svc.Now == nil || len(svc.Policy.Levels) == 0 {
		t.Error("defaults not filled in")
	}
	// The checks are always gated: by default at the machine's size, and
	// a partial limit keeps the defaults for what it leaves out.
	if svc.Checks == nil || svc.Checks.Limits() != kycd.DefaultCheckLimits() {
		t.Errorf("check gate %+v, want the defaults", svc.Checks)
	}
	gated := base
	gated.Checks = &kycd.CheckLimits{Slots: 3}
	if svc, err := kycd.NewService(gated); err != nil || svc.Checks.Limits().Slots != 3 ||
		svc.Checks.Limits().PerAccount != kycd.DefaultCheckLimits().PerAccount {
		t.Errorf("check limits from options: %+v %v", svc.Checks.Limits(), err)
	}
	// Without a document store or senders the service still works for
	// what needs neither, and refuses the rest as unavailable, not a panic.
	bare := base
	bare.Blobs, bare.Mail, bare.SMS = nil, nil, nil
	svc, err = kycd.NewService(bare)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Blobs.Put(t.Context(), "k", strings.NewReader("x")); kycd.ErrorCode(err) != "unavailable" {
		t.Errorf("Put without a document store: %v, want unavailable", err)
	}
	if err := svc.Mail.Send(t.Context(), kycd.Message{}); kycd.ErrorCode(err) != "unavailable" {
		t.Errorf("Send without a sender: %v, want unavailable", err)
	}
	base.ScreeningThreshold = 0.9
	if svc, _ := kycd.NewService(base); svc.Screener.Threshold != 0.9 {
		t.Errorf("screening threshold %v, want 0.9", svc.Screener.Threshold)
	}
}

// TestDocumentLinks: links are signed with their own key (not the blind
// index), bound to the reviewer and the document, and expire.
func TestDocumentLinks(t *testing.T) {
	keys := storetest.Keyring(t)
	st := storetest.OpenSQLite(t, keys)
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	svc := storetest.Service(t, st, keys, kycd.Options{Now: func() time.Time { return now }})
	exp, sig := svc.DocumentLink("doc1", "rev1")
	if exp != now.Add(kycd.DocumentLinkTTL).Unix() {
		t.Errorf("expiry %d, want now+TTL", exp)
	}
	raw, err := hex.DecodeString(sig)
	if err != nil {
		t.Fatal(err)
	}
	msg := "doc1|rev1|" + strconv.FormatInt(exp, 10)
	for _, domain := range []string{"doclink", "document links", ""} {
		if bytes.Equal(raw, keys.BlindIndex(domain, msg)) {
			t.Errorf("the link signature is the blind index %q of the message: links share the index key", domain)
		}
	}
	if !svc.DocumentLinkValid("doc1", "rev1", exp, sig) {
		t.Error("a fresh link does not verify")
	}
	if svc.DocumentLinkValid("doc2", "rev1", exp, sig) || svc.DocumentLinkValid("doc1", "rev2", exp, sig) ||
		svc.DocumentLinkValid("doc1", "rev1", exp+1, sig) {
		t.Error("a link verifies for another document, reviewer or expiry")
	}
	now = now.Add(kycd.DocumentLinkTTL + time.Second)
	if svc.DocumentLinkValid("doc1", "rev1", exp, sig) {
		t.Error("an expired link verifies")
	}
	other := storetest.Service(t, st, keys, kycd.Options{LinkKey: bytes.Repeat([]byte{7}, 32), Now: func() time.Time { return now.Add(-time.Minute) }})
	if other.DocumentLinkValid("doc1", "rev1", exp, sig) {
		t.Error("a link verifies under another link key")
	}
}
