package http_test

import (
	"bytes"
	"encoding/json"
	"image/jpeg"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
	"github.com/kycd/kycd/webhook"
)

// TestApplicationJourney walks issue 5's journey over HTTP on each
// database: register → verify → level 1 → open level 2 → identity typed
// untidily → three photos over tus, one cut off half-way and resumed →
// a blurry photo refused and replaced → precheck → submit → review →
// reject (retry) → the applicant redoes only the selfie → approve →
// level 2 in /v1/me and the admin API → signed webhooks.
func TestApplicationJourney(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		policy := kycd.DefaultPolicy()
		level2, _ := policy.Level(2)

		// The operator registers a webhook endpoint first.
		key := e.apiKey()
		sink := newHookSink(t)
		r := e.post("/v1/admin/webhooks", key, map[string]any{"url": sink.ts.URL + "/hooks"})
		want(t, "register webhook", r, http.StatusCreated, "")
		var hook struct{ ID, Secret string }
		r.decode(t, &hook)
		if !strings.HasPrefix(hook.Secret, "whsec_") {
			t.Fatalf("webhook secret = %q, want whsec_…", hook.Secret)
		}
		e.startWorker()

		// The applicant chose Chinese when registering.
		p := e.applicantAtLevel1In("zh-CN")
		app := e.openApp(p.Token, 2)
		if app.State != string(kycd.StateDraft) || app.Attempt != 1 {
			t.Errorf("new application: state=%q attempt=%d, want draft 1", app.State, app.Attempt)
		}
		var kinds []string
		for _, d := range app.Requirements.Documents {
			kinds = append(kinds, d.Kind)
		}
		if diff := cmp.Diff([]string{"id_front", "id_back", "selfie"}, kinds); diff != "" {
			t.Errorf("required documents (-want +got):\n%s", diff)
		}
		// One open application per account and level.
		want(t, "open a second level-2 application", e.post("/v1/applications", p.Token, map[string]int{"level": 2}),
			http.StatusConflict, "application.exists")

		// Identity typed with a lower-case x and stray spaces: normalised,
		// nothing blocking.
		fs := e.saveIdentity(p.Token, app.ID, identityForm(typedIDNumber))
		if reason.AnyBlocking(fs) {
			t.Errorf("identity findings = %v, want nothing blocking", reason.Codes(fs))
		}
		if got := e.getApp(p.Token, app.ID).Identity.DocumentNumber; got != cleanIDNumber {
			t.Errorf("stored document number = %q, want %q", got, cleanIDNumber)
		}

		// A blurry front: attached, refused with photo.blurry, kept visible.
		blurry := e.uploadAndAttach(p.Token, app.ID, kycd.KindIDFront, photoBlurred(t))
		if blurry.Accepted || !slices.Contains(reason.Codes(blurry.Findings), "photo.blurry") {
			t.Fatalf("blurry front: accepted=%v findings=%v, want refused with photo.blurry", blurry.Accepted, reason.Codes(blurry.Findings))
		}
		if f := blurry.Findings[0]; f.Message == "" || f.Fix == "" {
			t.Errorf("photo.blurry finding without message or fix: %+v", f)
		}
		if ready, fs := e.precheck(p.Token, app.ID); ready || !slices.Contains(reason.Codes(fs), "photo.blurry") {
			t.Errorf("precheck with a blurry front: ready=%v findings=%v, want not ready with photo.blurry", ready, reason.Codes(fs))
		}
		want(t, "submit with a blurry front", e.post("/v1/applications/"+app.ID+"/submit", p.Token, nil),
			http.StatusUnprocessableEntity, "application.not_ready")

		// The good front, cut off half-way and resumed from HEAD's offset.
		front := photoFront(t)
		st, upID, body := e.tusCreate(p.Token, app.ID, kycd.KindIDFront, len(front), map[string]string{"sha256": sha256Hex(front)})
		if st != http.StatusCreated {
			t.Fatalf("tus POST: Status=%d, want 201: %s", st, body)
		}
		e.tusCut(p.Token, upID, 0, front, len(front)/2)
		// Every byte that arrived before the cut is kept.
		off := e.settledOffset(p.Token, upID, int64(len(front)/2))
		if off != int64(len(front)/2) {
			t.Fatalf("offset after the cut = %d, want %d", off, len(front)/2)
		}
		// A finished-too-early attach is refused while bytes are missing.
		want(t, "attach a half upload", e.post("/v1/applications/"+app.ID+"/documents", p.Token,
			map[string]string{"upload_id": upID, "kind": kycd.KindIDFront}), http.StatusBadRequest, "upload.incomplete")
		if st, got, body := e.tusPatch(p.Token, upID, off, front[off:]); st != http.StatusNoContent || got != int64(len(front)) {
			t.Fatalf("resume PATCH: Status=%d Upload-Offset=%d, want 204 %d: %s", st, got, len(front), body)
		}
		d := e.attach(p.Token, app.ID, upID, kycd.KindIDFront)
		if !d.Accepted || d.SHA256 != sha256Hex(front) || d.Size != int64(len(front)) {
			t.Fatalf("resumed front: accepted=%v sha256=%s size=%d, want accepted %s %d", d.Accepted, d.SHA256, d.Size, sha256Hex(front), len(front))
		}
		// The owner reads back exactly the bytes sent.
		cr := e.get("/v1/documents/"+d.DocumentID+"/content", p.Token)
		if cr.Status != http.StatusOK || !bytes.Equal(cr.Body, front) {
			t.Errorf("document content: Status=%d, %d bytes equal=%v, want 200 and the original", cr.Status, len(cr.Body), bytes.Equal(cr.Body, front))
		}
		e.uploadAndAttach(p.Token, app.ID, kycd.KindIDBack, photoBack(t))
		e.uploadAndAttach(p.Token, app.ID, kycd.KindSelfie, photoSelfie(t))
		// A spare front, finished but not attached, for the lock check below.
		spare := e.tusUpload(p.Token, app.ID, kycd.KindIDFront, front)

		v := e.getApp(p.Token, app.ID)
		if len(v.Documents) != 3 {
			t.Fatalf("documents = %d, want 3 (the blurry one replaced)", len(v.Documents))
		}
		if ready, fs := e.precheck(p.Token, app.ID); !ready || reason.AnyBlocking(fs) {
			t.Fatalf("precheck: ready=%v findings=%v, want ready", ready, reason.Codes(fs))
		}
		if v := e.submit(p.Token, app.ID); v.State != string(kycd.StateInReview) || v.Attempt != 1 {
			t.Fatalf("after submit: state=%q attempt=%d, want in_review 1", v.State, v.Attempt)
		}
		want(t, "submit twice", e.post("/v1/applications/"+app.ID+"/submit", p.Token, nil), http.StatusConflict, "application.locked")

		// The review desk.
		_, rev := e.staff(kycd.RoleReviewer)
		if !inQueue(t, e, rev, app.ID) {
			t.Fatalf("application %s not in the review queue", app.ID)
		}
		want(t, "claim", e.post("/v1/review/applications/"+app.ID+"/claim", rev, nil), http.StatusOK, "")
		cv := e.get("/v1/review/applications/"+app.ID, rev)
		want(t, "case view", cv, http.StatusOK, "")
		var cs struct {
			Identity  kycd.Identity
			Documents []struct {
				Kind, URL string
				CardURL   string `json:"card_url"`
			}
		}
		cv.decode(t, &cs)
		if cs.Identity.DocumentNumber != cleanIDNumber || len(cs.Documents) != 4 {
			t.Errorf("case view: number %q, %d documents, want %q and 4 (the blurry one in the history)", cs.Identity.DocumentNumber, len(cs.Documents), cleanIDNumber)
		}
		cards := 0
		for _, cd := range cs.Documents {
			if cr := e.get(cd.URL, rev); cr.Status != http.StatusOK {
				t.Errorf("reviewer's link to %s: Status=%d, want 200", cd.Kind, cr.Status)
			}
			if cd.CardURL == "" {
				continue
			}
			cards++
			// The rectified card: its own route, under the same signature.
			if cd.Kind == kycd.KindSelfie {
				t.Errorf("a selfie with a card link")
			}
			if cr := e.get(cd.CardURL, rev); cr.Status != http.StatusOK || cr.Header.Get("Content-Type") != "image/jpeg" {
				t.Errorf("reviewer's card link for %s: Status=%d %s, want 200 image/jpeg", cd.Kind, cr.Status, cr.Header.Get("Content-Type"))
			}
			forged := strings.Replace(cd.CardURL, "sig=", "sig=0", 1)
			want(t, "card link with a bad signature", e.get(forged, rev), http.StatusNotFound, "request.not_found")
		}
		if cards == 0 {
			t.Error("no document of the case has a card link; the ID photos should")
		}
		r = e.post("/v1/review/applications/"+app.ID+"/decision", rev, map[string]any{"decision": "reject", "reject_type": "retry",
			"reasons": []map[string]string{{"code": "review.selfie_mismatch", "item": "selfie"}}, "comment": "face does not match the card"})
		want(t, "reject retry", r, http.StatusOK, "")

		// The applicant sees why, in their language, and what to redo.
		gr := e.get("/v1/applications/"+app.ID, p.Token)
		want(t, "GET after reject", gr, http.StatusOK, "")
		if bytes.Contains(gr.Body, []byte("face does not match")) {
			t.Errorf("the applicant's view holds the reviewer-only comment: %s", gr.Body)
		}
		gr.decode(t, &v)
		if v.State != string(kycd.StateActionRequired) || len(v.Reasons) != 1 || v.Reasons[0].Code != "review.selfie_mismatch" {
			t.Fatalf("after reject: state=%q reasons=%v, want action_required [review.selfie_mismatch]", v.State, reason.Codes(v.Reasons))
		}
		if m := v.Reasons[0].Message; m == "" || v.Reasons[0].Fix == "" || !hasHan(m) {
			t.Errorf("reason = %+v, want a message and a fix in Chinese", v.Reasons[0])
		}
		if diff := cmp.Diff([]string{"selfie"}, v.Redo); diff != "" {
			t.Errorf("redo (-want +got):\n%s", diff)
		}

		// Only the selfie may change.
		want(t, "attach a new front", e.post("/v1/applications/"+app.ID+"/documents", p.Token,
			map[string]string{"upload_id": spare, "kind": kycd.KindIDFront}), http.StatusConflict, "application.locked")
		if st, _, body := e.tusCreate(p.Token, app.ID, kycd.KindIDFront, len(front), nil); st == http.StatusCreated || !bytes.Contains(body, []byte("application.locked")) {
			t.Errorf("tus POST of a locked kind: Status=%d body %q, want a refusal with application.locked", st, body)
		}
		want(t, "identity while locked", e.do(req{Method: http.MethodPut, Path: "/v1/applications/" + app.ID + "/identity",
			Token: p.Token, Body: identityForm(cleanIDNumber)}), http.StatusConflict, "application.locked")
		// Nothing redone yet: submit is refused with the item named, and
		// the pre-check lists it too (DESIGN.md §5).
		wantRedoPending := func(what string) {
			t.Helper()
			r := e.post("/v1/applications/"+app.ID+"/submit", p.Token, nil)
			want(t, what+": submit", r, http.StatusUnprocessableEntity, "application.not_ready")
			var body struct{ Findings []reason.Finding }
			r.decode(t, &body)
			if !slices.ContainsFunc(body.Findings, func(f reason.Finding) bool { return f.Code == "redo.pending" && f.Params["item"] == "selfie" }) {
				t.Errorf("%s: submit findings %v, want redo.pending for item selfie", what, reason.Codes(body.Findings))
			}
			if ready, fs := e.precheck(p.Token, app.ID); ready || !slices.ContainsFunc(fs, func(f reason.Finding) bool { return f.Code == "redo.pending" && f.Params["item"] == "selfie" }) {
				t.Errorf("%s: precheck ready=%v findings %v, want redo.pending for selfie", what, ready, reason.Codes(fs))
			}
		}
		wantRedoPending("selfie untouched")
		// The very same photo again is not a redo either.
		e.uploadAndAttach(p.Token, app.ID, kycd.KindSelfie, photoSelfie(t))
		wantRedoPending("the same selfie uploaded again")
		e.uploadAndAttach(p.Token, app.ID, kycd.KindSelfie, reencoded(t, photoSelfie(t)))
		if v := e.submit(p.Token, app.ID); v.State != string(kycd.StateInReview) || v.Attempt != 2 {
			t.Fatalf("resubmit: state=%q attempt=%d, want in_review 2", v.State, v.Attempt)
		}
		v = e.getApp(p.Token, app.ID)
		if len(v.Reasons) != 0 || len(v.Redo) != 0 {
			t.Errorf("after resubmitting: reasons=%v redo=%v, want none", reason.Codes(v.Reasons), v.Redo)
		}

		want(t, "claim attempt 2", e.post("/v1/review/applications/"+app.ID+"/claim", rev, nil), http.StatusOK, "")
		// The reviewer tells what attempt 2 changed: the new selfie is
		// labelled attempt 2, the kept documents attempt 1.
		cv = e.get("/v1/review/applications/"+app.ID, rev)
		want(t, "case view, attempt 2", cv, http.StatusOK, "")
		var cs2 kycd.CaseView
		cv.decode(t, &cs2)
		sameAgain := sha256Hex(photoSelfie(t))
		for _, d := range cs2.Documents {
			wantAttempt := 1
			// The current selfie, and the identical one tried in between,
			// belong to attempt 2.
			if d.Kind == kycd.KindSelfie && (!d.Replaced || (d.SHA256 == sameAgain && d.Attempt == 2)) {
				wantAttempt = 2
			}
			if d.Attempt != wantAttempt {
				t.Errorf("case view: %s (replaced=%v) attempt %d, want %d", d.Kind, d.Replaced, d.Attempt, wantAttempt)
			}
		}
		if cs2.Attempt != 2 || len(cs2.Decisions) != 1 || cs2.Decisions[0].Comment != "face does not match the card" {
			t.Errorf("case view: attempt %d decisions %+v, want attempt 2 and the first decision with its comment", cs2.Attempt, cs2.Decisions)
		}
		want(t, "approve", e.post("/v1/review/applications/"+app.ID+"/decision", rev, map[string]any{"decision": "approve"}),
			http.StatusOK, "")

		// Level 2 and its limits, for the applicant and the exchange.
		me := e.me(p.Token)
		if me.Level != 2 || me.Limits != level2.Limits {
			t.Errorf("/v1/me: level %d limits %+v, want 2 %+v", me.Level, me.Limits, level2.Limits)
		}
		ar := e.get("/v1/admin/accounts/"+p.ID, key)
		want(t, "admin account", ar, http.StatusOK, "")
		var acct kycd.AccountSummary
		ar.decode(t, &acct)
		if acct.Level != 2 || acct.Limits != level2.Limits || acct.LatestApplication == nil ||
			acct.LatestApplication.State != kycd.StateApproved || acct.LatestApplication.Attempt != 2 {
			t.Errorf("admin account = %+v (latest %+v), want level 2, its limits, approved attempt 2", acct, acct.LatestApplication)
		}

		// Every decision was mailed to the applicant.
		decisions := 0
		for _, m := range e.outbox.Messages() {
			if m.To == p.Email && !sixDigits.MatchString(m.Body) {
				decisions++
				if !hasHan(m.Subject) {
					t.Errorf("decision email subject %q, want Chinese", m.Subject)
				}
			}
		}
		if decisions != 2 {
			t.Errorf("decision emails to the applicant = %d, want 2 (action required, approved)", decisions)
		}

		// The webhooks, signed.
		wantEvents := []string{"application.submitted", "application.action_required", "application.submitted",
			"application.approved", "account.level_changed"}
		var calls []hookCall
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if calls = sink.calls(); len(calls) >= len(wantEvents) {
				break
			}
		}
		var got []string
		for _, c := range calls {
			var ev kycd.Event
			if err := json.Unmarshal(c.Body, &ev); err != nil {
				t.Fatalf("webhook body %q: %v", c.Body, err)
			}
			got = append(got, ev.Type)
			if !webhook.Verify(hook.Secret, c.Header.Get(webhook.SignatureHeader), c.Body, time.Now(), 5*time.Minute) {
				t.Errorf("%s: signature %q does not verify", ev.Type, c.Header.Get(webhook.SignatureHeader))
			}
			if webhook.Verify("whsec_wrong", c.Header.Get(webhook.SignatureHeader), c.Body, time.Now(), 5*time.Minute) {
				t.Errorf("%s: signature verifies with the wrong secret", ev.Type)
			}
			if c.Header.Get(webhook.EventIDHeader) != ev.ID || c.Header.Get(webhook.EventTypeHeader) != ev.Type {
				t.Errorf("%s: event headers %q %q, want %q %q", ev.Type, c.Header.Get(webhook.EventIDHeader), c.Header.Get(webhook.EventTypeHeader), ev.ID, ev.Type)
			}
			if ev.Data["application_id"] != app.ID || ev.Data["account_id"] != p.ID {
				t.Errorf("%s: data %v, want application %s account %s", ev.Type, ev.Data, app.ID, p.ID)
			}
			if bytes.Contains(c.Body, []byte(cleanIDNumber)) || bytes.Contains(c.Body, []byte("张三")) {
				t.Errorf("%s carries personal data: %s", ev.Type, c.Body)
			}
		}
		if diff := cmp.Diff(wantEvents, got); diff != "" {
			t.Errorf("webhook events (-want +got):\n%s", diff)
		}
		// The log records each delivery just after the receiver answered.
		var pending []string
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			dr := e.get("/v1/admin/webhooks/deliveries", key)
			want(t, "delivery log", dr, http.StatusOK, "")
			var log struct{ Items []kycd.Delivery }
			dr.decode(t, &log)
			pending = nil
			for _, d := range log.Items {
				if d.State != kycd.DeliveryDelivered {
					pending = append(pending, d.EventType+" "+d.State)
				}
			}
			if len(log.Items) == len(wantEvents) && len(pending) == 0 {
				break
			}
		}
		if len(pending) > 0 {
			t.Errorf("deliveries not delivered: %v", pending)
		}
		e.auditLen() // the chain verifies
	})
}

func inQueue(t *testing.T, e *env, token, appID string) bool {
	t.Helper()
	r := e.get("/v1/review/queue", token)
	want(t, "review queue", r, http.StatusOK, "")
	var q struct{ Items []kycd.QueueItem }
	r.decode(t, &q)
	return slices.ContainsFunc(q.Items, func(it kycd.QueueItem) bool { return it.ApplicationID == appID })
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// reencoded is another photo of the same scene: data decoded and saved
// again at another JPEG quality, so its bytes differ.
func reencoded(t testing.TB, data []byte) []byte {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := jpeg.Encode(&out, img, &jpeg.Options{Quality: 93}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestIdentityCheckTakesTheSameForm: the live check reads the same type
// with the same decoder as PUT …/identity, so a field one accepts (the
// address of level 3) the other accepts too (issue 13).
func TestIdentityCheckTakesTheSameForm(t *testing.T) {
	e := newEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) }, envConfig{})
	r := e.post("/v1/checks/identity", "", map[string]any{"full_name": "王芳", "document_type": "cn_rid",
		"document_number": "310104198611204572", "birth_date": "1986-11-20", "sex": "M", "nationality": "CHN",
		"address": "  上海市徐汇区 1 号  "})
	want(t, "check with an address", r, http.StatusOK, "")
	if !strings.Contains(string(r.Body), `"address":"上海市徐汇区 1 号"`) {
		t.Errorf("the check does not give the address back normalised: %s", r.Body)
	}
}
