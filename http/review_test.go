package http_test

import (
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

// TestReviewNextIsPost: taking the next case claims it, so it is a POST;
// a GET claims nothing, and an empty queue is a clear 404.
func TestReviewNextIsPost(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		_, first := e.submittedCase()
		e.clock.advance(time.Minute) // so the first is due first
		_, second := e.submittedCase()
		_, alice := e.staff(kycd.RoleReviewer)
		_, bob := e.staff(kycd.RoleReviewer)
		if r := e.get("/v1/review/next", alice); r.Status != http.StatusMethodNotAllowed {
			t.Errorf("GET /v1/review/next: Status=%d, want 405", r.Status)
		}
		if a, err := e.store.FindApplicationByID(t.Context(), first.ID); err != nil || a.ClaimedBy != "" {
			t.Fatalf("after a GET the case is claimed by %q (%v), want nobody", a.ClaimedBy, err)
		}
		var got kycd.QueueItem
		r := e.post("/v1/review/next", alice, nil)
		want(t, "POST next", r, http.StatusOK, "")
		r.decode(t, &got)
		if got.ApplicationID != first.ID || got.ClaimedBy == "" {
			t.Errorf("next = %+v, want the soonest-due case %s, claimed", got, first.ID)
		}
		// Another reviewer gets the other case, and then nothing.
		r = e.post("/v1/review/next", bob, nil)
		want(t, "POST next (second reviewer)", r, http.StatusOK, "")
		r.decode(t, &got)
		if got.ApplicationID != second.ID {
			t.Errorf("second reviewer got %s, want %s", got.ApplicationID, second.ID)
		}
		want(t, "POST next on an empty queue", e.post("/v1/review/next?after="+second.ID, bob, nil), http.StatusNotFound, "review.queue_empty")
	})
}

// TestClaimRace has many reviewers claim one case at the same moment:
// exactly one wins, the others are told it is claimed.
func TestClaimRace(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		_, app := e.submittedCase()
		const n = 12
		tokens := make([]string, n)
		for i := range tokens {
			_, tokens[i] = e.staff(kycd.RoleReviewer)
		}
		results := make([]resp, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range tokens {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				results[i] = e.post("/v1/review/applications/"+app.ID+"/claim", tokens[i], nil)
			}()
		}
		close(start)
		wg.Wait()
		winner := -1
		for i, r := range results {
			switch {
			case r.Status == http.StatusOK:
				if winner >= 0 {
					t.Errorf("reviewers %d and %d both won the claim", winner, i)
				}
				winner = i
			case r.Status != http.StatusConflict || r.code() != "review.claimed":
				t.Errorf("claim %d: Status=%d Code=%q, want 409 %q", i, r.Status, r.code(), "review.claimed")
			}
		}
		if winner < 0 {
			t.Fatal("nobody won the claim")
		}

		// A double-clicked decision is taken once: the second finds the
		// case decided.
		body := map[string]any{"decision": "approve"}
		var a, b resp
		var wg2 sync.WaitGroup
		wg2.Add(2)
		go func() {
			defer wg2.Done()
			a = e.post("/v1/review/applications/"+app.ID+"/decision", tokens[winner], body)
		}()
		go func() {
			defer wg2.Done()
			b = e.post("/v1/review/applications/"+app.ID+"/decision", tokens[winner], body)
		}()
		wg2.Wait()
		ok := 0
		for _, r := range []resp{a, b} {
			if r.Status == http.StatusOK {
				ok++
			} else if r.Status != http.StatusConflict {
				t.Errorf("second decision: Status=%d Code=%q, want 409", r.Status, r.code())
			}
		}
		if ok != 1 {
			t.Errorf("%d of two simultaneous decisions succeeded, want 1", ok)
		}
		decs, err := e.store.FindDecisions(t.Context(), app.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(decs) != 1 {
			t.Errorf("decisions recorded = %d, want 1", len(decs))
		}
	})
}

// TestClaimLease lets a claim lapse: the case returns to the queue, another
// reviewer takes it, and the first reviewer's late decision is refused.
func TestClaimLease(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		_, app := e.submittedCase()
		_, first := e.staff(kycd.RoleReviewer)
		_, second := e.staff(kycd.RoleReviewer)
		decision := map[string]any{"decision": "approve"}
		want(t, "first claim", e.post("/v1/review/applications/"+app.ID+"/claim", first, nil), http.StatusOK, "")
		want(t, "second claim while held", e.post("/v1/review/applications/"+app.ID+"/claim", second, nil), http.StatusConflict, "review.claimed")
		want(t, "decision without a claim", e.post("/v1/review/applications/"+app.ID+"/decision", second, decision), http.StatusConflict, "review.not_claimed")

		e.clock.advance(e.svc.Settings.ClaimLease + time.Second)
		r := e.get("/v1/review/queue?claimed=unclaimed", second)
		want(t, "queue", r, http.StatusOK, "")
		var q struct{ Items []kycd.QueueItem }
		r.decode(t, &q)
		if !slices.ContainsFunc(q.Items, func(it kycd.QueueItem) bool { return it.ApplicationID == app.ID && it.ClaimedBy == "" }) {
			t.Errorf("after the lease: unclaimed queue = %+v, want the case back in it", q.Items)
		}
		want(t, "late decision", e.post("/v1/review/applications/"+app.ID+"/decision", first, decision), http.StatusConflict, "review.not_claimed")
		want(t, "second claim after the lease", e.post("/v1/review/applications/"+app.ID+"/claim", second, nil), http.StatusOK, "")
		want(t, "first reviewer decides anyway", e.post("/v1/review/applications/"+app.ID+"/decision", first, decision), http.StatusConflict, "review.not_claimed")
		want(t, "second reviewer decides", e.post("/v1/review/applications/"+app.ID+"/decision", second, decision), http.StatusOK, "")
	})
}

// TestFourEyes: a final rejection waits for a second, senior reviewer.
func TestFourEyes(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		p, app := e.submittedCase()
		_, rev := e.staff(kycd.RoleReviewer)
		_, senior := e.staff(kycd.RoleSeniorReviewer)
		_, other := e.staff(kycd.RoleSeniorReviewer)
		claim := func(who, token string) {
			t.Helper()
			want(t, who+" claims", e.post("/v1/review/applications/"+app.ID+"/claim", token, nil), http.StatusOK, "")
		}
		final := map[string]any{"decision": "reject", "reject_type": "final", "comment": "forged card",
			"reasons": []any{"review.suspected_fraud", map[string]string{"code": "review.document_mismatch", "item": "id_front"}}}

		// A reviewer proposes; a reviewer may not confirm.
		claim("reviewer", rev)
		want(t, "propose final", e.post("/v1/review/applications/"+app.ID+"/decision", rev, final), http.StatusOK, "")
		if v := e.getApp(p.Token, app.ID); v.State != string(kycd.StateInReview) {
			t.Fatalf("after the proposal: state %q, want in_review", v.State)
		}
		r := e.get("/v1/review/queue", senior)
		var q struct{ Items []kycd.QueueItem }
		r.decode(t, &q)
		if i := slices.IndexFunc(q.Items, func(it kycd.QueueItem) bool { return it.ApplicationID == app.ID }); i < 0 || !q.Items[i].PendingFinal || q.Items[i].ClaimedBy != "" {
			t.Errorf("queue = %+v, want the case unclaimed with pending_final", q.Items)
		}
		claim("reviewer", rev)
		want(t, "reviewer confirms", e.post("/v1/review/applications/"+app.ID+"/confirm", rev, map[string]bool{"confirm": true}),
			http.StatusForbidden, "auth.forbidden")
		want(t, "release", e.do(req{Method: http.MethodDelete, Path: "/v1/review/applications/" + app.ID + "/claim", Token: rev}), http.StatusNoContent, "")

		// A senior proposes again; the same senior may not confirm.
		claim("senior", senior)
		want(t, "senior proposes final", e.post("/v1/review/applications/"+app.ID+"/decision", senior, final), http.StatusOK, "")
		claim("senior", senior)
		want(t, "proposer confirms", e.post("/v1/review/applications/"+app.ID+"/confirm", senior, map[string]bool{"confirm": true}),
			http.StatusForbidden, "review.four_eyes")
		want(t, "release", e.do(req{Method: http.MethodDelete, Path: "/v1/review/applications/" + app.ID + "/claim", Token: senior}), http.StatusNoContent, "")

		// Another senior confirms.
		claim("second senior", other)
		want(t, "second senior confirms", e.post("/v1/review/applications/"+app.ID+"/confirm", other, map[string]bool{"confirm": true}),
			http.StatusOK, "")
		v := e.getApp(p.Token, app.ID)
		if v.State != string(kycd.StateRejected) || len(v.Redo) != 0 {
			t.Fatalf("after confirmation: state=%q redo=%v, want rejected with nothing to redo", v.State, v.Redo)
		}
		codes := reason.Codes(v.Reasons)
		slices.Sort(codes)
		if !slices.Equal(codes, []string{"review.document_mismatch", "review.suspected_fraud"}) {
			t.Errorf("reasons = %v, want the proposer's two", codes)
		}
		for _, f := range v.Reasons {
			if f.Message == "" {
				t.Errorf("reason %s without a message", f.Code)
			}
		}
		want(t, "submit after a final rejection", e.post("/v1/applications/"+app.ID+"/submit", p.Token, nil),
			http.StatusConflict, "application.locked")
		want(t, "identity after a final rejection", e.do(req{Method: http.MethodPut, Path: "/v1/applications/" + app.ID + "/identity",
			Token: p.Token, Body: identityForm(cleanIDNumber)}), http.StatusConflict, "application.locked")
		if st, _, _ := e.tusCreate(p.Token, app.ID, kycd.KindSelfie, 100, nil); st == http.StatusCreated {
			t.Errorf("tus POST after a final rejection: Status=%d, want a refusal", st)
		}
		decs, err := e.store.FindDecisions(t.Context(), app.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(decs); n == 0 || decs[n-1].ConfirmedBy == "" {
			t.Errorf("decisions = %+v, want the last one confirmed", decs)
		}
	})
}
