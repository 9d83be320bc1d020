package http_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestExportAndClose: the applicant's ZIP opens and matches what the
// account holds (identity, every document byte for byte, the decision and
// its reason) and holds nothing reviewer-only (comment, reviewer, screening
// hit); closing needs the password, ends the session, tells the operator
// by webhook, withdraws the application and says what is kept until when.
func TestExportAndClose(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		ctx := context.Background()
		sink := newHookSink(t)
		key := e.apiKey()
		want(t, "webhook", e.post("/v1/admin/webhooks", key, map[string]any{"url": sink.ts.URL, "events": []string{"account.closed"}}), http.StatusCreated, "")
		e.startWorker()

		p, app := e.submittedCase()
		revID, revToken := e.staff(kycd.RoleReviewer)
		want(t, "claim", e.post("/v1/review/applications/"+app.ID+"/claim", revToken, nil), http.StatusOK, "")
		want(t, "decide", e.post("/v1/review/applications/"+app.ID+"/decision", revToken, map[string]any{"decision": "reject",
			"reject_type": "retry", "reasons": []map[string]string{{"code": "review.selfie_mismatch", "item": "selfie"}},
			"comment": "REVIEWER-ONLY-NOTE"}), http.StatusOK, "")
		// A screening hit on the case, as submission records one.
		a, err := e.store.FindApplicationByID(ctx, app.ID)
		if err != nil {
			t.Fatal(err)
		}
		a.Screening = []reason.Finding{reason.New("screening.hit", "entry", "SDN-4711").AsWarning()}
		a.Flags = []string{"screening.hit"}
		if err := e.store.UpdateApplication(ctx, a); err != nil {
			t.Fatal(err)
		}

		r := e.get("/v1/me/export", p.Token)
		want(t, "export", r, http.StatusOK, "")
		if ct := r.Header.Get("Content-Type"); ct != "application/zip" {
			t.Errorf("export Content-Type = %q", ct)
		}
		for _, secret := range []string{"REVIEWER-ONLY-NOTE", revID, "SDN-4711", "screening"} {
			if bytes.Contains(r.Body, []byte(secret)) {
				t.Errorf("the export holds %q (reviewer-only)", secret)
			}
		}
		z, err := zip.NewReader(bytes.NewReader(r.Body), int64(len(r.Body)))
		if err != nil {
			t.Fatalf("the export is not a ZIP: %v", err)
		}
		files := map[string][]byte{}
		for _, f := range z.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			files[f.Name] = b
		}
		var x kycd.AccountExport
		if err := json.Unmarshal(files["export.json"], &x); err != nil {
			t.Fatalf("export.json: %v", err)
		}
		if x.Account.ID != p.ID || x.Account.Email != p.Email || x.Account.Phone != p.Phone {
			t.Errorf("export account = %+v, want %s %s %s", x.Account, p.ID, p.Email, p.Phone)
		}
		if len(x.Applications) != 1 {
			t.Fatalf("export has %d applications, want 1", len(x.Applications))
		}
		ea := x.Applications[0]
		if ea.Identity.DocumentNumber != cleanIDNumber || ea.Identity.FullName != "张三" {
			t.Errorf("export identity = %+v", ea.Identity)
		}
		if len(ea.Decisions) != 1 || len(ea.Decisions[0].Reasons) != 1 || ea.Decisions[0].Reasons[0].Code != "review.selfie_mismatch" ||
			ea.Decisions[0].Reasons[0].Message == "" {
			t.Errorf("export decisions = %+v, want the retry with its worded reason", ea.Decisions)
		}
		docs, err := e.store.FindDocuments(ctx, app.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ea.Documents) != len(docs) || len(docs) != 3 {
			t.Fatalf("export lists %d documents, the account holds %d", len(ea.Documents), len(docs))
		}
		for _, d := range ea.Documents {
			b, ok := files[d.File]
			sum := sha256.Sum256(b)
			if !ok || hex.EncodeToString(sum[:]) != d.SHA256 || int64(len(b)) != d.Size {
				t.Errorf("document %s (%s): in the ZIP %v, bytes do not match its sha256", d.ID, d.File, ok)
			}
		}
		if len(files) != 1+len(docs) {
			t.Errorf("the ZIP has %d files, want export.json and %d documents", len(files), len(docs))
		}
		if e.get("/v1/me/export", revToken).Status != http.StatusForbidden {
			t.Error("a reviewer exported something")
		}

		// Closing: the password again, then everything the issue asks.
		want(t, "close with a wrong password", e.do(req{Method: http.MethodDelete, Path: "/v1/me", Token: p.Token,
			Body: map[string]string{"password": "not it"}}), http.StatusUnauthorized, "auth.invalid_credentials")
		r = e.do(req{Method: http.MethodDelete, Path: "/v1/me?lang=zh-CN", Token: p.Token, Body: map[string]string{"password": p.Password}})
		want(t, "close", r, http.StatusOK, "")
		var rep kycd.ClosureReport
		r.decode(t, &rep)
		kept := map[kycd.DataClass]kycd.KeptItem{}
		for _, k := range rep.Kept {
			kept[k.Class] = k
		}
		doc, ok := kept[kycd.ClassDocuments]
		if !ok || doc.Until == nil || doc.Until.Year() != rep.ClosedAt.Year()+5 || !strings.Contains(doc.Reason.Message, "反洗钱") {
			t.Errorf("closure says of documents %+v, want kept five years, why in Chinese", doc)
		}
		want(t, "the old session after closing", e.get("/v1/me", p.Token), http.StatusUnauthorized, "auth.required")
		want(t, "login after closing", e.post("/v1/sessions", "", map[string]string{"email": p.Email, "password": p.Password}),
			http.StatusUnauthorized, "auth.invalid_credentials")
		if a, err := e.store.FindApplicationByID(ctx, app.ID); err != nil || a.State != kycd.StateWithdrawn {
			t.Errorf("application after closing: %v %v, want withdrawn", a.State, err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for len(sink.calls()) == 0 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if c := sink.calls(); len(c) != 1 || !bytes.Contains(c[0].Body, []byte(`"account.closed"`)) || !bytes.Contains(c[0].Body, []byte(p.ID)) {
			t.Errorf("webhook calls = %d, want one account.closed naming the account", len(c))
		}
		// The same address may register again.
		again := &person{Email: p.Email, Phone: p.Phone, Password: p.Password}
		e.register(again)

		// An account that never submitted anything keeps nothing.
		q := e.applicantAtLevel1()
		e.openApp(q.Token, 2)
		r = e.do(req{Method: http.MethodDelete, Path: "/v1/me", Token: q.Token, Body: map[string]string{"password": q.Password}})
		want(t, "close a drafts-only account", r, http.StatusOK, "")
		rep = kycd.ClosureReport{}
		r.decode(t, &rep)
		if len(rep.Kept) != 0 {
			t.Errorf("a drafts-only account keeps %+v", rep.Kept)
		}
		if acct, err := e.store.FindAccountByID(ctx, q.ID); err != nil || acct.Email != "" || acct.ErasedAt == nil {
			t.Errorf("drafts-only account after closing: %+v %v, want erased", acct, err)
		}
	})
}

// TestLegalHoldAPI: operators place, list and release holds; mistakes
// get their own codes.
func TestLegalHoldAPI(t *testing.T) {
	e := newEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) }, envConfig{})
	key := e.apiKey()
	p := e.register(newPerson())
	want(t, "no reason", e.post("/v1/admin/accounts/"+p.ID+"/holds", key, map[string]string{"reason": "  "}),
		http.StatusUnprocessableEntity, "hold.reason_required")
	want(t, "unknown account", e.post("/v1/admin/accounts/nope/holds", key, map[string]string{"reason": "case 1"}),
		http.StatusNotFound, "account.not_found")
	r := e.post("/v1/admin/accounts/"+p.ID+"/holds", key, map[string]string{"reason": "case 1"})
	want(t, "hold", r, http.StatusCreated, "")
	var h kycd.LegalHold
	r.decode(t, &h)
	r = e.get("/v1/admin/holds?account="+p.ID, key)
	want(t, "list", r, http.StatusOK, "")
	var list struct{ Items []kycd.LegalHold }
	r.decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != h.ID || list.Items[0].Reason != "case 1" {
		t.Errorf("holds = %+v", list.Items)
	}
	want(t, "release", e.do(req{Method: http.MethodDelete, Path: "/v1/admin/holds/" + h.ID, Token: key}), http.StatusNoContent, "")
	want(t, "release again", e.do(req{Method: http.MethodDelete, Path: "/v1/admin/holds/" + h.ID, Token: key}), http.StatusNotFound, "hold.not_found")
	r = e.get("/v1/admin/holds", key)
	list.Items = nil
	r.decode(t, &list)
	if len(list.Items) != 0 {
		t.Errorf("active holds after release = %+v", list.Items)
	}
}
