package kycd_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestStats feeds the audit log the entries the service writes on the way
// through the funnel and checks the dashboard's counts, on both databases.
func TestStats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		ctx := context.Background()
		st := open(t)
		day := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
		now := day.Add(12 * time.Hour)
		svc := storetest.Service(t, st, storetest.Keyring(t), kycd.Options{Now: func() time.Time { return now }})
		put := func(at time.Time, action, subject, data string) {
			t.Helper()
			err := st.WithTx(ctx, func(tx kycd.Tx) error {
				seq, prev, err := tx.AuditHead(ctx)
				if err != nil {
					return err
				}
				e := &kycd.AuditEntry{Seq: seq + 1, At: at, Actor: "system", Action: action, Subject: subject, Data: data, PrevHash: prev}
				e.Hash = e.ComputeHash()
				return tx.InsertAudit(ctx, e)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		y := day.Add(-24 * time.Hour).Add(time.Hour) // the day before
		put(y, "account.registered", "a1", `{}`)
		put(y, "account.registered", "a2", `{}`)
		put(day.Add(time.Hour), "account.registered", "a3", `{}`)
		put(y, "account.level_changed", "a1", `{"from":0,"to":1}`)
		put(day, "account.level_changed", "a2", `{"from":0,"to":1}`)
		put(day, "application.identity_saved", "p1", `{"findings":["id_number.checksum"]}`)
		put(day, "document.attached", "p1", `{"findings":["photo.blurry","photo.glare"]}`)
		put(y, "document.attached", "p1", `{"findings":["photo.blurry"]}`)
		// Submitted twice (a resubmission): one application in the funnel.
		put(day, "application.state_changed", "p1", `{"from":"draft","to":"submitted"}`)
		put(day, "application.state_changed", "p1", `{"from":"action_required","to":"submitted"}`)
		put(day, "review.decided", "p1", `{"decision":"reject","reject_type":"retry","reasons":["review.selfie_mismatch"]}`)
		put(day, "review.decided", "p1", `{"decision":"approve","reasons":[]}`)
		put(day, "application.state_changed", "p1", `{"from":"in_review","to":"approved"}`)
		put(day.Add(-10*24*time.Hour), "account.registered", "old", `{}`) // outside the period
		put(day, "retention.erased", "sessions", `{"class":"sessions","sessions":3,"codes":2}`)
		put(day, "retention.erased", "p9", `{"class":"abandoned_drafts","documents":2}`)
		put(day, "retention.erased", "p8", `{"class":"abandoned_drafts"}`)
		put(day.Add(-10*24*time.Hour), "retention.erased", "p7", `{"class":"abandoned_drafts"}`) // outside the period

		if _, err := svc.Stats(ctx, kycd.Principal{Role: kycd.RoleReviewer}, y, now); kycd.ErrorCode(err) != "auth.forbidden" {
			t.Errorf("Stats as a reviewer: Code=%q, want %q", kycd.ErrorCode(err), "auth.forbidden")
		}
		got, err := svc.Stats(ctx, kycd.Principal{Role: kycd.RoleAdmin}, y, now)
		if err != nil {
			t.Fatal(err)
		}
		wantFunnel := []kycd.FunnelStep{{Key: "registered", Count: 3}, {Key: "level1", Count: 2}, {Key: "submitted", Count: 1}, {Key: "approved", Count: 1}}
		if diff := cmp.Diff(wantFunnel, got.Funnel); diff != "" {
			t.Errorf("funnel (-want +got):\n%s", diff)
		}
		if len(got.Days) != 2 {
			t.Fatalf("Days=%v, want the two days of the period", got.Days)
		}
		wantPre := []kycd.ReasonSeries{{Code: "photo.blurry", Total: 2, Counts: []int{1, 1}},
			{Code: "id_number.checksum", Total: 1, Counts: []int{0, 1}}, {Code: "photo.glare", Total: 1, Counts: []int{0, 1}}}
		if diff := cmp.Diff(wantPre, got.Prechecks); diff != "" {
			t.Errorf("pre-check reasons (-want +got):\n%s", diff)
		}
		wantRej := []kycd.ReasonSeries{{Code: "review.selfie_mismatch", Total: 1, Counts: []int{0, 1}}}
		if diff := cmp.Diff(wantRej, got.Rejections); diff != "" {
			t.Errorf("rejection reasons (-want +got):\n%s", diff)
		}
		// Erasures: bulk ones by row, the rest by subject; every class listed.
		erased := map[kycd.DataClass]int{}
		for _, c := range got.Erased {
			erased[c.Class] = c.Count
		}
		if len(got.Erased) != len(kycd.DataClasses) || erased[kycd.ClassSessions] != 5 || erased[kycd.ClassDrafts] != 2 || erased[kycd.ClassDocuments] != 0 {
			t.Errorf("erased = %+v, want sessions 5, drafts 2, zero for the other classes", got.Erased)
		}
	})
}
