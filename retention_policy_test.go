package kycd_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
)

// TestRetentionDefaults pins the built-in rules the issue asks for: drafts
// after 30 days of inactivity, replaced photos at the decision, the rest
// of a closed account after the five-year AML period.
func TestRetentionDefaults(t *testing.T) {
	r := kycd.DefaultPolicy().Retention
	want := map[kycd.DataClass]string{
		kycd.ClassDrafts:            "abandoned_drafts:30d:last_activity",
		kycd.ClassReplacedDocuments: "replaced_documents:0d:decision",
		kycd.ClassSessions:          "sessions:0d:expiry",
		kycd.ClassDocuments:         "documents:5y:account_closure",
		kycd.ClassIdentity:          "identity:5y:account_closure",
		kycd.ClassScreening:         "screening:5y:account_closure",
		kycd.ClassReviewerComments:  "reviewer_comments:5y:account_closure",
		kycd.ClassAudit:             "audit:5y:account_closure",
	}
	if len(r) != len(want) {
		t.Errorf("built-in policy has %d retention rules, want %d", len(r), len(want))
	}
	for c, name := range want {
		if got := r.Rule(c); got.Name() != name || got.Why == "" {
			t.Errorf("rule %s = %q (why %q), want %q with a reason", c, got.Name(), got.Why, name)
		}
	}
}

func TestRetentionPolicyFile(t *testing.T) {
	levels := "levels:\n  - level: 0\n    name: {en: a, zh-CN: b}\n  - level: 1\n    name: {en: a, zh-CN: b}\n"
	p, err := kycd.ParsePolicy([]byte(levels + "retention:\n  abandoned_drafts: {keep: 7d, from: last_activity}\n  documents: {keep: 1y180d, from: decision}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Retention.Rule(kycd.ClassDrafts).Name(); got != "abandoned_drafts:7d:last_activity" {
		t.Errorf("drafts rule = %q, want the file's 7d", got)
	}
	if got := p.Retention.Rule(kycd.ClassIdentity).Name(); got != "identity:5y:account_closure" {
		t.Errorf("identity rule = %q, want the built-in one for a class the file leaves out", got)
	}
	start := time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
	if got := p.Retention.Rule(kycd.ClassDocuments).Keep.After(start); !got.Equal(time.Date(2025, 8, 28, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("1y180d after %s = %s", start, got)
	}
	for name, tc := range map[string]struct{ yaml, want string }{
		"unknown class": {"  photos: {keep: 1d, from: decision}\n", "unknown data class"},
		"wrong event":   {"  abandoned_drafts: {keep: 1d, from: decision}\n", "not one of"},
		"unknown event": {"  documents: {keep: 1d, from: birthday}\n", "not one of"},
		"bad unit":      {"  documents: {keep: 5m, from: decision}\n", "unit"},
		"no number":     {"  documents: {keep: y, from: decision}\n", "number"},
		"empty period":  {"  documents: {keep: '', from: decision}\n", "empty"},
		"unit twice":    {"  documents: {keep: 1y2y, from: decision}\n", "twice"},
		"negative":      {"  documents: {keep: -1d, from: decision}\n", "number"},
	} {
		_, err := kycd.ParsePolicy([]byte(levels + "retention:\n" + tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want one mentioning %q", name, err, tc.want)
		}
	}
}
