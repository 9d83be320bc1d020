package kycd_test

import (
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestFinalRejectionBlocksReapplying: a final rejection cannot be undone
// by opening a new application at once; after the waiting period it can.
func TestFinalRejectionBlocksReapplying(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		now := time.Now().UTC()
		e := newScreeningEnv(t, open, func(o *kycd.Options) {
			o.Settings.FourEyes = false
			o.Now = func() time.Time { return now.Truncate(time.Microsecond) }
		})
		who, v := e.submit("fr@example.com", "+8613900000003", "王芳", "310104198611204572", "1986-11-20", "M")
		rev := kycd.Principal{AccountID: "rev", Role: kycd.RoleReviewer}
		if _, err := e.svc.Claim(e.ctx, rev, v.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Decide(e.ctx, rev, v.ID, kycd.DecisionInput{Decision: "reject", RejectType: "final",
			Reasons: []kycd.Reason{{Code: "review.suspected_fraud"}}}); err != nil {
			t.Fatal(err)
		}
		_, err := e.svc.OpenApplication(e.ctx, who, 2)
		if kycd.ErrorCode(err) != "application.rejected_final" {
			t.Fatalf("reapplying at once: Code=%q, want %q", kycd.ErrorCode(err), "application.rejected_final")
		}
		// The view says when, so pages need not work it out (issue 13).
		got, err := e.svc.GetApplication(e.ctx, who, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := now.Truncate(time.Microsecond).Add(e.svc.Settings.ReapplyAfter)
		if got.ReapplyAt == nil || !got.ReapplyAt.Equal(want) {
			t.Errorf("view ReapplyAt=%v, want %v", got.ReapplyAt, want)
		}
		now = now.Add(e.svc.Settings.ReapplyAfter + time.Hour)
		if got, _ := e.svc.GetApplication(e.ctx, who, v.ID); got.ReapplyAt != nil {
			t.Errorf("view ReapplyAt=%v after the waiting period, want none", got.ReapplyAt)
		}
		if _, err := e.svc.OpenApplication(e.ctx, who, 2); err != nil {
			t.Errorf("reapplying after the waiting period: %v", err)
		}
	})
}

func TestSetLocale(t *testing.T) {
	e := newScreeningEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) })
	a, _, err := e.svc.Register(e.ctx, kycd.RegisterInput{Email: "loc@example.com", Phone: "+8613900000009",
		Password: "correct horse battery 7", Locale: "en", ClientIP: "192.0.2.9"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.SetLocale(e.ctx, kycd.Principal{AccountID: a.ID}, "zh-Hans-CN"); err != nil {
		t.Fatal(err)
	}
	got, _ := e.st.FindAccountByID(e.ctx, a.ID)
	if got.Locale != "zh-CN" {
		t.Errorf("Locale=%q, want %q", got.Locale, "zh-CN")
	}
}
