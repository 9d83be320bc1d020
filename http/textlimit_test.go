package http_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kycd/kycd"
)

// TestTextFieldsCapped (item 8): 500 KB in any free-text field is refused
// with 422 text.too_long naming the field and its limit, before anything
// is stored; a value at the limit still passes.
func TestTextFieldsCapped(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		huge := strings.Repeat("地", 500<<10/3) // 500 KB of UTF-8
		key := e.apiKey()
		p := e.applicantAtLevel1()
		app := e.openApp(p.Token, 2)
		invite := e.me(p.Token).InviteCode
		_, kase := e.submittedCase()
		_, reviewer := e.staff(kycd.RoleReviewer)
		want(t, "claim", e.post("/v1/review/applications/"+kase.ID+"/claim", reviewer, nil), http.StatusOK, "")
		identity := func(field, value string) map[string]any {
			form := map[string]any{"full_name": "王芳", "document_type": "cn_rid", "document_number": typedIDNumber,
				"birth_date": "1949-12-31", "sex": "F", "nationality": "CHN"}
			form[field] = value
			return form
		}
		cases := []struct {
			name, field string
			r           req
		}{
			{"identity name", "full_name", req{Method: http.MethodPut, Path: "/v1/applications/" + app.ID + "/identity", Token: p.Token, Body: identity("full_name", huge)}},
			{"identity address", "address", req{Method: http.MethodPut, Path: "/v1/applications/" + app.ID + "/identity", Token: p.Token, Body: identity("address", huge)}},
			{"live identity check", "document_number", req{Method: http.MethodPost, Path: "/v1/checks/identity", Body: identity("document_number", huge)}},
			{"invite benefit", "benefit", req{Method: http.MethodPut, Path: "/v1/admin/invites/" + invite, Token: key, Body: map[string]string{"benefit": huge}}},
			{"reviewer comment", "comment", req{Method: http.MethodPost, Path: "/v1/review/applications/" + kase.ID + "/decision", Token: reviewer,
				Body: map[string]any{"decision": "approve", "comment": huge}}},
			{"reason item", "item", req{Method: http.MethodPost, Path: "/v1/review/applications/" + kase.ID + "/decision", Token: reviewer,
				Body: map[string]any{"decision": "reject", "reject_type": "retry", "reasons": []map[string]string{{"code": "review.document_unreadable", "item": huge}}}}},
			{"webhook URL", "url", req{Method: http.MethodPost, Path: "/v1/admin/webhooks", Token: key, Body: map[string]any{"url": "https://example.com/" + huge}}},
			{"screened name", "name", req{Method: http.MethodPost, Path: "/v1/screening", Token: key, Body: map[string]any{"name": huge}}},
			{"register invite code", "invite_code", req{Method: http.MethodPost, Path: "/v1/accounts", Body: map[string]any{"email": "x@example.com",
				"phone": "+8613700000009", "password": "correct horse battery staple", "invite_code": huge}}},
		}
		for _, c := range cases {
			r := e.do(c.r)
			if r.Status != http.StatusUnprocessableEntity || r.code() != "text.too_long" {
				t.Errorf("%s with 500 KB: Status=%d Code=%q, want 422 %q", c.name, r.Status, r.code(), "text.too_long")
				continue
			}
			d := r.errBody(t)
			if d.Params["field"] != c.field || d.Params["max"] == "" {
				t.Errorf("%s: params %v, want field %q and its max", c.name, d.Params, c.field)
			}
		}
		// Nothing of it was kept.
		if a := e.getApp(p.Token, app.ID); a.Identity.FullName != "" {
			t.Errorf("identity saved despite the refusal: name of %d bytes", len(a.Identity.FullName))
		}
		// At the limit is fine.
		atLimit := strings.Repeat("地", kycd.TextLimits["address"])
		r := e.do(req{Method: http.MethodPut, Path: "/v1/applications/" + app.ID + "/identity", Token: p.Token, Body: identity("address", atLimit)})
		if r.Status != http.StatusOK {
			t.Errorf("address of exactly %d characters: Status=%d Code=%q, want 200", kycd.TextLimits["address"], r.Status, r.code())
		}
	})
}
