package http_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// The callers of the role matrix: anonymous, each account role, and the
// exchange's backend with an API key.
const (
	anon           = "anonymous"
	applicant      = "applicant"
	reviewer       = "reviewer"
	seniorReviewer = "senior_reviewer"
	admin          = "admin"
	apiKey         = "api_key"
)

var (
	everyone   = []string{anon, applicant, reviewer, seniorReviewer, admin, apiKey}
	accounts   = []string{applicant, reviewer, seniorReviewer, admin}
	operators  = []string{admin, apiKey}
	applicants = []string{applicant}
	reviewers  = []string{reviewer, seniorReviewer, admin}
	seniors    = []string{seniorReviewer, admin}
)

// allowed is the authorization policy, written out independently of the
// route table so that a change to either shows up here. Every route the
// server serves must have a row: a new route fails this test until someone
// decides who may call it.
var allowed = map[string][]string{
	"GET /healthz":         everyone,
	"GET /readyz":          everyone,
	"GET /v1/openapi.json": everyone,
	"GET /v1/levels":       everyone,

	"POST /v1/accounts":                everyone,
	"POST /v1/accounts/verify":         applicants,
	"POST /v1/accounts/resend":         applicants,
	"POST /v1/sessions":                everyone,
	"DELETE /v1/sessions/current":      accounts,
	"POST /v1/password-resets":         everyone,
	"POST /v1/password-resets/confirm": everyone,
	"GET /v1/me":                       accounts,
	"GET /v1/me/invitations":           accounts,
	// An applicant's own copy, and closing their own account (staff
	// accounts are the operator's to remove).
	"GET /v1/me/export": applicants,
	"DELETE /v1/me":     applicants,

	// A pure check of form fields as the person types (rate-limited).
	"POST /v1/checks/identity": everyone,

	// An applicant's own application, documents and uploads; the
	// handlers also check the application is the caller's.
	"POST /v1/applications":                applicants,
	"GET /v1/applications":                 applicants,
	"GET /v1/applications/{id}":            applicants,
	"PUT /v1/applications/{id}/identity":   applicants,
	"POST /v1/applications/{id}/documents": applicants,
	"POST /v1/applications/{id}/precheck":  applicants,
	"POST /v1/applications/{id}/submit":    applicants,
	"GET /v1/documents/{id}/content":       applicants,
	"POST /v1/uploads/":                    applicants,
	"HEAD /v1/uploads/{id}":                applicants,
	"PATCH /v1/uploads/{id}":               applicants,
	"DELETE /v1/uploads/{id}":              applicants,

	// The review desk: staff who review; confirming a decision (the
	// second pair of eyes) only senior reviewers and admins.
	"GET /v1/review/queue":                       reviewers,
	"POST /v1/review/next":                       reviewers,
	"GET /v1/review/reasons":                     reviewers,
	"GET /v1/review/applications/{id}":           reviewers,
	"POST /v1/review/applications/{id}/claim":    reviewers,
	"DELETE /v1/review/applications/{id}/claim":  reviewers,
	"POST /v1/review/applications/{id}/decision": reviewers,
	"POST /v1/review/applications/{id}/confirm":  seniors,
	"GET /v1/review/documents/{id}/content":      reviewers,
	"GET /v1/review/documents/{id}/card":         reviewers,

	"GET /v1/admin/webhooks":              operators,
	"POST /v1/admin/webhooks":             operators,
	"DELETE /v1/admin/webhooks/{id}":      operators,
	"POST /v1/admin/webhooks/{id}/secret": operators,
	"DELETE /v1/admin/api-keys/{id}":      operators,
	"POST /v1/admin/staff/{id}/disable":   operators,
	"GET /v1/admin/webhooks/deliveries":   operators,
	"GET /v1/admin/lists":                 operators,
	"GET /v1/review/alerts":               reviewers,
	"POST /v1/review/alerts/{id}/resolve": reviewers,
	"GET /v1/admin/accounts/{id}":         operators,
	// Legal holds stop erasure: the operator's call.
	"POST /v1/admin/accounts/{id}/holds": operators,
	"GET /v1/admin/holds":                operators,
	"DELETE /v1/admin/holds/{id}":        operators,
	"PUT /v1/admin/invites/{code}":       operators,
	"POST /v1/screening":                 operators,
	"GET /dev/outbox":                    everyone, // dev mode only: 404 otherwise, see TestDevRoutesHidden
}

// callers creates one principal per role and hands out a fresh credential
// for each request, so that a logout route cannot spoil later requests.
type callers struct {
	e        *env
	emails   map[string]string
	apiKey   string
	subject  *kycd.Account // an applicant whose id and code fill path parameters
	password string
}

func newCallers(t *testing.T, e *env) *callers {
	ctx := context.Background()
	c := &callers{e: e, emails: map[string]string{}, password: "correct horse battery staple"}
	p := newPerson()
	a, _, err := e.svc.Register(ctx, kycd.RegisterInput{Email: p.Email, Phone: p.Phone, Password: c.password, ClientIP: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	c.subject, c.emails[applicant] = a, a.Email
	for _, role := range []kycd.Role{kycd.RoleReviewer, kycd.RoleSeniorReviewer, kycd.RoleAdmin} {
		s, err := e.svc.CreateStaff(ctx, kycd.System, role, string(role)+"@operator.example", c.password)
		if err != nil {
			t.Fatalf("create %s: %v", role, err)
		}
		c.emails[string(role)] = s.Email
	}
	c.apiKey = e.apiKey()
	return c
}

// token returns a credential for role ("" for anonymous).
func (c *callers) token(t *testing.T, role string) string {
	switch role {
	case anon:
		return ""
	case apiKey:
		return c.apiKey
	}
	_, tok, err := c.e.svc.Login(context.Background(), c.emails[role], c.password, "192.0.2.1")
	if err != nil {
		t.Fatalf("log in as %s: %v", role, err)
	}
	return tok
}

// path fills a route pattern's parameters with real values.
func (c *callers) path(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = strings.NewReplacer("{id}", c.subject.ID, "{code}", c.subject.InviteCode).Replace(path)
	return method, path
}

// headers are what a well-behaved client sends to path: tus requests carry
// the protocol version, or tusd refuses them before anything else (412).
func (c *callers) headers(path string) map[string]string {
	if strings.HasPrefix(path, "/v1/uploads/") {
		return map[string]string{"Tus-Resumable": "1.0.0"}
	}
	return nil
}

// hasCode checks the error code of r; answers to HEAD have no body.
func hasCode(method string, r resp, code string) bool {
	return method == http.MethodHead || r.code() == code
}

// TestRoleMatrix walks every route × every role and checks the allowed set
// exactly: allowed callers are neither 401 nor 403; others get 401 when
// anonymous and 403 otherwise. Requests carry no body, so allowed calls
// stop at input validation (400) and change nothing.
func TestRoleMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newEnv(t, open, envConfig{dev: true})
		c := newCallers(t, e)
		for _, rt := range e.srv.Routes() {
			who, ok := allowed[rt.Pattern]
			if !ok {
				t.Errorf("%s is served but has no row in the role matrix: decide who may call it and add it to allowed", rt.Pattern)
				continue
			}
			method, path := c.path(rt.Pattern)
			for _, role := range everyone {
				r := e.do(req{Method: method, Path: path, Token: c.token(t, role), Header: c.headers(path)})
				permitted := r.Status != http.StatusUnauthorized && r.Status != http.StatusForbidden
				switch wantOK := contains(who, role); {
				case wantOK && !permitted:
					t.Errorf("%s as %s: Status=%d Code=%q, want it allowed", rt.Pattern, role, r.Status, r.code())
				case !wantOK && role == anon && (r.Status != http.StatusUnauthorized || !hasCode(method, r, "auth.required")):
					t.Errorf("%s as %s: Status=%d Code=%q, want 401 %q", rt.Pattern, role, r.Status, r.code(), "auth.required")
				case !wantOK && role != anon && (r.Status != http.StatusForbidden || !hasCode(method, r, "auth.forbidden")):
					t.Errorf("%s as %s: Status=%d Code=%q, want 403 %q", rt.Pattern, role, r.Status, r.code(), "auth.forbidden")
				}
			}
		}
		for pattern := range allowed {
			if !servedPattern(e, pattern) {
				t.Errorf("the role matrix has a row for %s, which is not served", pattern)
			}
		}
	})
}

// TestDevRoutesHidden checks that dev-only routes answer 404 to everyone
// when the server is not in dev mode.
func TestDevRoutesHidden(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newEnv(t, open, envConfig{dev: false})
		c := newCallers(t, e)
		dev := 0
		for _, rt := range e.srv.Routes() {
			if !rt.DevOnly {
				continue
			}
			dev++
			method, path := c.path(rt.Pattern)
			for _, role := range everyone {
				r := e.do(req{Method: method, Path: path, Token: c.token(t, role)})
				if r.Status != http.StatusNotFound || !hasCode(method, r, "request.not_found") {
					t.Errorf("%s as %s outside dev mode: Status=%d Code=%q, want 404 %q", rt.Pattern, role, r.Status, r.code(), "request.not_found")
				}
			}
		}
		if dev == 0 {
			t.Error("no dev-only route in the table; GET /dev/outbox should be one")
		}
		if len(e.outbox.Messages()) == 0 {
			t.Error("the outbox is empty: the test did not exercise a server holding messages")
		}
	})
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }

func servedPattern(e *env, pattern string) bool {
	for _, rt := range e.srv.Routes() {
		if rt.Pattern == pattern {
			return true
		}
	}
	return false
}
