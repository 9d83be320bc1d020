package http_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/webhook"
)

// TestOperatorTakesAccessBack (item 8): revoking an API key, disabling a
// staff account, rotating a webhook's secret and deleting a webhook, over
// the admin API, each take effect on the very next request or delivery
// and each is audited.
func TestOperatorTakesAccessBack(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		ctx := context.Background()
		key := e.apiKey()

		// An API key.
		old, oldSecret, err := e.svc.CreateAPIKey(ctx, kycd.System, "leaked")
		if err != nil {
			t.Fatal(err)
		}
		want(t, "the key works", e.get("/v1/admin/webhooks", oldSecret), http.StatusOK, "")
		want(t, "revoke", e.do(req{Method: http.MethodDelete, Path: "/v1/admin/api-keys/" + old.ID, Token: key}), http.StatusNoContent, "")
		want(t, "the revoked key", e.get("/v1/admin/webhooks", oldSecret), http.StatusUnauthorized, "auth.required")
		want(t, "revoke again", e.do(req{Method: http.MethodDelete, Path: "/v1/admin/api-keys/" + old.ID, Token: key}), http.StatusNoContent, "")
		want(t, "revoke an unknown key", e.do(req{Method: http.MethodDelete, Path: "/v1/admin/api-keys/nosuchkey", Token: key}), http.StatusNotFound, "apikey.not_found")

		// A staff account with a live session.
		revID, revTok := e.staff(kycd.RoleReviewer)
		rev, _ := e.store.FindAccountByID(ctx, revID)
		want(t, "the reviewer's session works", e.get("/v1/review/queue", revTok), http.StatusOK, "")
		want(t, "disable", e.post("/v1/admin/staff/"+revID+"/disable", key, nil), http.StatusOK, "")
		want(t, "the disabled reviewer's session", e.get("/v1/review/queue", revTok), http.StatusUnauthorized, "auth.required")
		want(t, "the disabled reviewer logs in", e.post("/v1/sessions", "", map[string]string{"email": rev.Email, "password": "correct horse battery staple"}),
			http.StatusUnauthorized, "auth.invalid_credentials")
		applicant := e.applicantAtLevel1()
		want(t, "disable an applicant", e.post("/v1/admin/staff/"+applicant.ID+"/disable", key, nil), http.StatusNotFound, "account.not_found")
		want(t, "the applicant is untouched", e.get("/v1/me", applicant.Token), http.StatusOK, "")

		// A webhook: the next delivery is signed with the rotated secret.
		sink := newHookSink(t)
		r := e.post("/v1/admin/webhooks", key, map[string]any{"url": sink.ts.URL + "/hooks", "events": []string{"application.submitted"}})
		want(t, "register webhook", r, http.StatusCreated, "")
		var hook struct{ ID, Secret string }
		r.decode(t, &hook)
		r = e.post("/v1/admin/webhooks/"+hook.ID+"/secret", key, nil)
		want(t, "rotate", r, http.StatusOK, "")
		var rotated struct{ ID, Secret string }
		r.decode(t, &rotated)
		if rotated.Secret == hook.Secret || rotated.Secret == "" {
			t.Fatalf("rotated secret %q, want a new one", rotated.Secret)
		}
		e.startWorker()
		e.submittedCase()
		var calls []hookCall
		for deadline := time.Now().Add(10 * time.Second); len(calls) == 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			calls = sink.calls()
		}
		if len(calls) == 0 {
			t.Fatal("no delivery after the rotation")
		}
		sig := calls[0].Header.Get(webhook.SignatureHeader)
		if !webhook.Verify(rotated.Secret, sig, calls[0].Body, time.Now(), 5*time.Minute) || webhook.Verify(hook.Secret, sig, calls[0].Body, time.Now(), 5*time.Minute) {
			t.Error("the delivery after the rotation is not signed with the new secret alone")
		}
		// Deleted: nothing more is queued for it.
		want(t, "delete webhook", e.do(req{Method: http.MethodDelete, Path: "/v1/admin/webhooks/" + hook.ID, Token: key}), http.StatusNoContent, "")
		want(t, "rotate a deleted webhook", e.post("/v1/admin/webhooks/"+hook.ID+"/secret", key, nil), http.StatusNotFound, "webhook.not_found")
		queued := func() int {
			ds, err := e.store.FindDeliveries(ctx, 1000)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, d := range ds {
				if d.EndpointID == hook.ID {
					n++
				}
			}
			return n
		}
		before := queued()
		e.submittedCase()
		if after := queued(); after != before {
			t.Errorf("deliveries for the deleted webhook: %d after an event, want %d", after, before)
		}

		// Each is in the audit log.
		entries, err := e.store.AuditEntries(ctx, 0, 10000)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, en := range entries {
			actions = append(actions, en.Action)
		}
		for _, a := range []string{"apikey.revoked", "staff.disabled", "webhook.secret_rotated", "webhook.deleted"} {
			if !slices.Contains(actions, a) {
				t.Errorf("audit log has no %s", a)
			}
		}
	})
}
