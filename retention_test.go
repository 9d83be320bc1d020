package kycd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// lifeEnv is a service over a real store whose clock the test moves.
type lifeEnv struct {
	t   *testing.T
	ctx context.Context
	svc *kycd.Service
	st  *sqlstore.DB
	now time.Time
	n   int
}

func newLifeEnv(t *testing.T, st *sqlstore.DB, o kycd.Options) *lifeEnv {
	e := &lifeEnv{t: t, ctx: context.Background(), st: st, now: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)}
	set := kycd.DefaultSettings()
	set.Argon2 = kycd.Argon2Params{MemoryKiB: 1024, Time: 1, Threads: 1}
	set.RegisterRate.Max = 1000
	o.Settings, o.Now = &set, func() time.Time { return e.now }
	e.svc = storetest.Service(t, st, storetest.Keyring(t), o)
	return e
}

const lifePassword = "correct horse battery 7"

// account registers an applicant at level 1.
func (e *lifeEnv) account() kycd.Principal {
	e.t.Helper()
	e.n++
	a, _, err := e.svc.Register(e.ctx, kycd.RegisterInput{Email: "life" + itoa(e.n) + "@example.com",
		Phone: "+86139000000" + itoa(e.n), Password: lifePassword, ClientIP: "192.0.2.1"})
	if err != nil {
		e.t.Fatal(err)
	}
	one := 1
	if err := e.st.UpdateAccount(e.ctx, a.ID, kycd.AccountUpdate{Level: &one, UpdatedAt: e.now}); err != nil {
		e.t.Fatal(err)
	}
	return kycd.Principal{AccountID: a.ID, Role: kycd.RoleApplicant}
}

func itoa(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

// draft opens a level-2 application with the identity saved.
func (e *lifeEnv) draft(who kycd.Principal) string {
	e.t.Helper()
	app, err := e.svc.OpenApplication(e.ctx, who, 2)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.svc.SaveIdentity(e.ctx, who, app.ID, kycd.Identity{FullName: "王芳", DocumentType: "cn_rid",
		DocumentNumber: "310104198611204572", BirthDate: "1986-11-20", Sex: "M", Nationality: "CHN"}); err != nil {
		e.t.Fatal(err)
	}
	return app.ID
}

// attach uploads a test photo as kind and returns the document. A file
// name ending in "+" is the photo with a byte after its end: the same
// picture, other bytes (a redo must change the bytes).
func (e *lifeEnv) attach(who kycd.Principal, appID, kind, file string) *kycd.DocumentView {
	e.t.Helper()
	data, err := os.ReadFile(filepath.Join("checks", "photo", "testdata", strings.TrimSuffix(file, "+")))
	if err != nil {
		e.t.Fatal(err)
	}
	if strings.HasSuffix(file, "+") {
		data = append(data, 0)
	}
	up, err := e.svc.BeginUpload(e.ctx, who, appID, kind, file, int64(len(data)), "")
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.svc.WriteUpload(e.ctx, up, 0, bytes.NewReader(data)); err != nil {
		e.t.Fatal(err)
	}
	if err := e.svc.FinishUpload(e.ctx, up); err != nil {
		e.t.Fatal(err)
	}
	d, err := e.svc.AttachDocument(e.ctx, who, appID, up.ID, kind)
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

// submitted returns an application in review with all three photos.
func (e *lifeEnv) submitted(who kycd.Principal) string {
	e.t.Helper()
	id := e.draft(who)
	e.attach(who, id, "id_front", "card_good.jpg")
	e.attach(who, id, "id_back", "card_back.jpg")
	e.attach(who, id, "selfie", "selfie_good.jpg")
	if _, err := e.svc.Submit(e.ctx, who, id); err != nil {
		e.t.Fatal(err)
	}
	return id
}

var reviewer = kycd.Principal{AccountID: "rev", Role: kycd.RoleReviewer}

func (e *lifeEnv) decide(id string, in kycd.DecisionInput) {
	e.t.Helper()
	if _, err := e.svc.Claim(e.ctx, reviewer, id); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.svc.Decide(e.ctx, reviewer, id, in); err != nil {
		e.t.Fatal(err)
	}
}

// approved returns an approved application whose selfie was refused and
// replaced on the way.
func (e *lifeEnv) approved(who kycd.Principal) string {
	e.t.Helper()
	id := e.submitted(who)
	e.decide(id, kycd.DecisionInput{Decision: "reject", RejectType: "retry", Comment: "looks like a printout",
		Reasons: []kycd.Reason{{Code: "review.selfie_mismatch", Item: "selfie"}}})
	e.attach(who, id, "selfie", "selfie_good.jpg+")
	if _, err := e.svc.Submit(e.ctx, who, id); err != nil {
		e.t.Fatal(err)
	}
	e.decide(id, kycd.DecisionInput{Decision: "approve"})
	return id
}

func (e *lifeEnv) run() *kycd.RetentionResult {
	e.t.Helper()
	res, err := e.svc.RunRetention(e.ctx, kycd.System)
	if err != nil {
		e.t.Fatal(err)
	}
	return res
}

// blobGone reports whether a document's bytes are gone from the store.
func (e *lifeEnv) blobGone(key string) bool {
	rc, err := e.svc.Blobs.Open(e.ctx, key)
	if err == nil {
		rc.Close()
	}
	return kycd.IsNotFound(err)
}

func (e *lifeEnv) docs(appID string) []*kycd.Document {
	e.t.Helper()
	ds, err := e.st.FindDocuments(e.ctx, appID)
	if err != nil {
		e.t.Fatal(err)
	}
	return ds
}

// TestRetentionSchedules walks the clock through the default policy on
// both databases: a draft idle for 30 days goes with its uploads; a
// decided application's refused photo goes at the decision while the rest
// stays; expired sessions go; a closed account's data stays through the
// AML period and goes after it; a held account is kept until released.
// Every erasure has an audit entry without personal data, and the chain
// still verifies.
func TestRetentionSchedules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newLifeEnv(t, open(t), kycd.Options{})
		start := e.now

		// A draft with a photo, idle from the start.
		idle := e.account()
		draftID := e.draft(idle)
		draftDoc := e.attach(idle, draftID, "id_front", "card_good.jpg")
		draftKey := e.docs(draftID)[0].BlobKey

		// An approved application with a replaced selfie.
		kept := e.account()
		appID := e.approved(kept)
		var replaced *kycd.Document
		for _, d := range e.docs(appID) {
			if d.ReplacedAt != nil {
				replaced = d
			}
		}
		if replaced == nil {
			t.Fatal("no replaced document after the redo")
		}

		// Day 29: the draft is not due yet; the replaced selfie is.
		e.now = start.Add(29 * 24 * time.Hour)
		plan, err := e.svc.PlanRetention(e.ctx, kycd.System)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range plan.Erasures {
			if x.Subject == draftID {
				t.Errorf("day 29: the draft is planned for erasure: %+v", x)
			}
		}
		res := e.run()
		if res.Erased[kycd.ClassReplacedDocuments] != 1 {
			t.Errorf("day 29: replaced documents erased = %d, want 1 (%+v)", res.Erased[kycd.ClassReplacedDocuments], res)
		}
		if _, err := e.st.FindDocumentByID(e.ctx, replaced.ID); !kycd.IsNotFound(err) {
			t.Errorf("replaced selfie still there after the decision: %v", err)
		}
		if !e.blobGone(replaced.BlobKey) {
			t.Error("replaced selfie's blob still readable")
		}
		if n := len(e.docs(appID)); n != 3 {
			t.Errorf("approved application keeps %d documents, want its 3 current ones", n)
		}
		if res.Erased[kycd.ClassSessions] == 0 {
			t.Error("day 29: no expired session erased (sessions last 7 days)")
		}

		// Day 31: the draft goes, with its document and blob.
		e.now = start.Add(31 * 24 * time.Hour)
		plan, err = e.svc.PlanRetention(e.ctx, kycd.System)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Erasures) != 1 || plan.Erasures[0].Subject != draftID || plan.Erasures[0].Rule != "abandoned_drafts:30d:last_activity" {
			t.Fatalf("day 31 plan = %+v, want the draft alone under the 30-day rule", plan.Erasures)
		}
		if res := e.run(); res.Erased[kycd.ClassDrafts] != 1 {
			t.Errorf("day 31: drafts erased = %d, want 1", res.Erased[kycd.ClassDrafts])
		}
		if _, err := e.st.FindApplicationByID(e.ctx, draftID); !kycd.IsNotFound(err) {
			t.Errorf("draft still there: %v", err)
		}
		if _, err := e.st.FindDocumentByID(e.ctx, draftDoc.DocumentID); !kycd.IsNotFound(err) || !e.blobGone(draftKey) {
			t.Errorf("draft's document or blob still there: %v", err)
		}
		if gone, err := e.st.DataKeyDestroyed(e.ctx, draftID); err != nil || !gone {
			t.Errorf("draft's data key destroyed = %v (%v), want true", gone, err)
		}

		// A closed account, and one closed under a legal hold.
		closedAt := e.now
		var closedApps []string
		var held kycd.Principal
		for i := 0; i < 2; i++ {
			who := e.account()
			id := e.approved(who)
			if i == 1 {
				held = who
				if _, err := e.svc.PlaceHold(e.ctx, kycd.System, who.AccountID, "regulator request R-1"); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := e.svc.CloseAccount(e.ctx, who, lifePassword)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Kept) == 0 {
				t.Errorf("closure kept nothing of an approved account: %+v", rep)
			}
			closedApps = append(closedApps, id)
		}
		// The day before the AML period ends: nothing of them goes.
		e.now = kycd.DefaultPolicy().Retention.Rule(kycd.ClassDocuments).Keep.After(closedAt).Add(-24 * time.Hour)
		e.run()
		for _, id := range closedApps {
			if len(e.docs(id)) == 0 {
				t.Fatalf("closed account's documents erased before the AML period ended")
			}
		}
		// The period over: the closed account's data goes, the held one stays.
		e.now = e.now.Add(48 * time.Hour)
		plan, err = e.svc.PlanRetention(e.ctx, kycd.System)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Held) == 0 || plan.Held[0].Account != held.AccountID || plan.Held[0].HeldBy == "" {
			t.Errorf("plan's held list = %+v, want the held account's classes", plan.Held)
		}
		ds := e.docs(closedApps[0])
		res = e.run()
		if res.Erased[kycd.ClassDocuments] != 1 || res.Erased[kycd.ClassIdentity] != 1 {
			t.Errorf("after the AML period: %+v, want one account's documents and identity", res.Erased)
		}
		if n := len(e.docs(closedApps[0])); n != 0 {
			t.Errorf("closed account keeps %d documents after the AML period", n)
		}
		for _, d := range ds {
			if !e.blobGone(d.BlobKey) {
				t.Errorf("blob of document %s still readable", d.ID)
			}
		}
		app, err := e.st.FindApplicationByID(e.ctx, closedApps[0])
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(app.Identity, kycd.Identity{}) || app.DocIndex != nil {
			t.Errorf("identity left after erasure: %+v", app.Identity)
		}
		acct, err := e.st.FindAccountByID(e.ctx, app.AccountID)
		if err != nil {
			t.Fatal(err)
		}
		if acct.Email != "" || acct.Phone != "" || acct.ErasedAt == nil {
			t.Errorf("account after erasure: email %q phone %q erased_at %v", acct.Email, acct.Phone, acct.ErasedAt)
		}
		decs, err := e.st.FindDecisions(e.ctx, closedApps[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range decs {
			if d.Comment != "" {
				t.Errorf("reviewer comment left after erasure")
			}
		}
		if n := len(e.docs(closedApps[1])); n != 4 {
			t.Errorf("the held account keeps %d documents, want 4: nothing of it goes, its replaced selfie included", n)
		}
		// Released, the held account follows the policy at the next run.
		hs, err := e.svc.Holds(e.ctx, kycd.System, kycd.HoldFilter{Active: true})
		if err != nil || len(hs) != 1 || hs[0].Reason != "regulator request R-1" {
			t.Fatalf("holds = %+v, %v", hs, err)
		}
		if err := e.svc.ReleaseHold(e.ctx, kycd.System, hs[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.ReleaseHold(e.ctx, kycd.System, hs[0].ID); kycd.ErrorCode(err) != "hold.not_found" {
			t.Errorf("releasing twice: Code=%q, want hold.not_found", kycd.ErrorCode(err))
		}
		e.run()
		if len(e.docs(closedApps[1])) != 0 {
			t.Error("released account's documents kept")
		}
		for _, id := range closedApps {
			if gone, err := e.st.DataKeyDestroyed(e.ctx, id); err != nil || !gone {
				t.Errorf("closed account's application key destroyed = %v (%v), want true", gone, err)
			}
		}
		if gone, _ := e.st.DataKeyDestroyed(e.ctx, appID); gone {
			t.Error("the open account's approved application lost its key")
		}

		// Every erasure is audited with ids, codes and counts only, and
		// the chain still verifies.
		entries, err := e.st.AuditEntries(e.ctx, 0, 10000)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, en := range entries {
			if en.Action != "retention.erased" {
				continue
			}
			n++
			var data map[string]any
			if err := json.Unmarshal([]byte(en.Data), &data); err != nil {
				t.Fatal(err)
			}
			for k := range data {
				switch k {
				case "class", "rule", "kind", "applications", "documents", "uploads", "alerts", "comments",
					"sessions", "codes", "application", "document_kind", "entries":
				default:
					t.Errorf("erasure entry has field %q: %s", k, en.Data)
				}
			}
			if bytes.Contains([]byte(en.Data), []byte("王芳")) || bytes.Contains([]byte(en.Data), []byte("example.com")) {
				t.Errorf("erasure entry holds personal data: %s", en.Data)
			}
		}
		if n < 6 {
			t.Errorf("%d erasure entries in the audit log, want one per erasure (at least 6)", n)
		}
		rep, err := e.svc.VerifyAudit(e.ctx, nil)
		if err != nil || rep.Break != nil {
			t.Errorf("audit verify after erasure: %+v %v", rep.Break, err)
		}
		// The closed accounts' entries lost their data but kept their
		// links, each redaction recorded; nobody else's entry was touched.
		if len(rep.Redactions) == 0 {
			t.Error("no audit entry was redacted after the AML period")
		}
		gone := map[int64]bool{}
		for _, r := range rep.Redactions {
			gone[r.Seq] = true
			if r.By <= r.Seq {
				t.Errorf("redaction of %d recorded by entry %d, want a later one", r.Seq, r.By)
			}
		}
		for _, en := range entries {
			if gone[en.Seq] && (en.Data != kycd.AuditRedactedData || (en.Subject != closedApps[0] && en.Subject != closedApps[1] &&
				en.Subject != held.AccountID && !strings.HasPrefix(en.Action, "account.") && !strings.HasPrefix(en.Action, "session."))) {
				t.Errorf("entry %d (%s on %s) redacted, data %s", en.Seq, en.Action, en.Subject, en.Data)
			}
			if en.Subject == appID && en.Data == kycd.AuditRedactedData {
				t.Errorf("the open account's entry %d was redacted", en.Seq)
			}
		}
		// The database refuses any other change to an entry.
		if _, err := e.st.SQL().ExecContext(e.ctx, storetest.Rebind(e.st, `UPDATE audit_log SET data = '{}' WHERE seq = 1`)); err == nil {
			t.Error("the database let an audit entry's data be rewritten")
		}
	})
}
