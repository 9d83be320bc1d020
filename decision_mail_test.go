package kycd_test

import (
	"strings"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestDecisionMail: the email after a retry rejection lists what to redo,
// one reason a line with its fix, never doubles a full stop ("..", "。。"),
// and links to the status page, in the applicant's language (issue 13,
// item 7).
func TestDecisionMail(t *testing.T) {
	e := newScreeningEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) },
		func(o *kycd.Options) { o.Settings.PublicURL = "https://kyc.example/" })
	rev := kycd.Principal{AccountID: "rev", Role: kycd.RoleReviewer}
	for i, lang := range []string{"en", "zh-CN"} {
		email := "mail." + strings.ToLower(lang) + "@example.com"
		who, v := e.submit(email, "+861390000004"+string(rune('0'+i)), "王芳", "310104198611204572", "1986-11-20", "M")
		if err := e.svc.SetLocale(e.ctx, who, lang); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Claim(e.ctx, rev, v.ID); err != nil {
			t.Fatal(err)
		}
		reasons := []kycd.Reason{{Code: "review.selfie_mismatch", Item: "selfie"}, {Code: "review.data_mismatch", Item: "document_number"}}
		note, comment := "Please retake the selfie in daylight.", "desk only: second look at the card"
		if _, err := e.svc.Decide(e.ctx, rev, v.ID, kycd.DecisionInput{Decision: "reject", RejectType: "retry", Reasons: reasons,
			Note: note, Comment: comment}); err != nil {
			t.Fatal(err)
		}
		// The reviewer's note reaches the applicant; the desk's comment
		// does not.
		if got, err := e.svc.GetApplication(e.ctx, who, v.ID); err != nil || got.Note != note {
			t.Errorf("%s: view Note=%q (%v), want %q", lang, got.Note, err, note)
		}
		var body string
		for _, m := range e.outbox.Messages() {
			if m.To == email && m.Subject == reason.T(lang, "mail.decision.action_required.subject") {
				body = m.Body
			}
		}
		if body == "" {
			for _, m := range e.outbox.Messages() {
				t.Logf("%s %q", m.To, m.Subject)
			}
			t.Fatalf("%s: no decision email", lang)
		}
		for _, bad := range []string{"..", "。。", "{"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: the email contains %q:\n%s", lang, bad, body)
			}
		}
		for _, r := range reasons {
			f := reason.New(r.Code).Localize(lang)
			if !strings.Contains(body, f.Message) || !strings.Contains(body, f.Fix) {
				t.Errorf("%s: the email does not say %q and what to do (%q):\n%s", lang, f.Message, f.Fix, body)
			}
		}
		if !strings.Contains(body, note) || strings.Contains(body, comment) {
			t.Errorf("%s: the email must carry the note and not the comment:\n%s", lang, body)
		}
		if !strings.Contains(body, "https://kyc.example/status") {
			t.Errorf("%s: the email has no link to the status page:\n%s", lang, body)
		}
	}
}
