package http_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/google/go-cmp/cmp"

	"github.com/kycd/kycd"
	kycdhttp "github.com/kycd/kycd/http"
	"github.com/kycd/kycd/mail"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// spec is the OpenAPI document as the server serves it, loaded once. It is
// fetched over HTTP rather than read from the embedded YAML so that the
// test proves what clients actually get.
var spec struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

func loadSpec(t testing.TB) (*openapi3.T, routers.Router) {
	t.Helper()
	spec.once.Do(func() {
		quiet := slog.New(slog.DiscardHandler)
		keys := storetest.Keyring(t)
		svc := storetest.Service(t, storetest.OpenSQLite(t, keys), keys, kycd.Options{})
		ts := httptest.NewServer(kycdhttp.New(svc, kycdhttp.Options{Outbox: mail.NewOutbox(1), Logger: quiet}))
		defer ts.Close()
		res, err := http.Get(ts.URL + "/v1/openapi.json")
		if err != nil {
			spec.err = err
			return
		}
		defer res.Body.Close()
		raw, err := io.ReadAll(res.Body)
		if err != nil {
			spec.err = err
			return
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("GET /v1/openapi.json: Content-Type=%q, want application/json", ct)
		}
		loader := openapi3.NewLoader()
		if spec.doc, spec.err = loader.LoadFromData(raw); spec.err != nil {
			return
		}
		if spec.err = spec.doc.Validate(loader.Context); spec.err != nil {
			return
		}
		// Route on paths alone: the document's one server is the relative
		// "/", which the router cannot match against httptest's absolute
		// URLs.
		routed := *spec.doc
		routed.Servers = nil
		spec.router, spec.err = legacy.NewRouter(&routed)
	})
	if spec.err != nil {
		t.Fatalf("OpenAPI document: %v", spec.err)
	}
	return spec.doc, spec.router
}

// TestOpenAPIValid loads /v1/openapi.json, validates it as OpenAPI 3.1 and
// checks that it documents exactly the routes the server serves.
func TestOpenAPIValid(t *testing.T) {
	doc, _ := loadSpec(t)
	if !doc.IsOpenAPI31OrLater() {
		t.Errorf("openapi=%q, want 3.1.x", doc.OpenAPI)
	}
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	keys := storetest.Keyring(t)
	svc := storetest.Service(t, storetest.OpenSQLite(t, keys), keys, kycd.Options{})
	var served []string
	for _, rt := range kycdhttp.New(svc, kycdhttp.Options{}).Routes() {
		served = append(served, rt.Pattern)
	}
	sort.Strings(documented)
	sort.Strings(served)
	if diff := cmp.Diff(served, documented); diff != "" {
		t.Errorf("routes served (-) vs documented in /v1/openapi.json (+):\n%s", diff)
	}
}

// TestOpenAPIErrorsDocumented checks that every documented operation that
// can be refused documents the error shape for its refusals, so a client
// generated from the document can read them.
func TestOpenAPIErrorsDocumented(t *testing.T) {
	doc, _ := loadSpec(t)
	keys := storetest.Keyring(t)
	svc := storetest.Service(t, storetest.OpenSQLite(t, keys), keys, kycd.Options{})
	for _, rt := range kycdhttp.New(svc, kycdhttp.Options{}).Routes() {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		item := doc.Paths.Find(path)
		if item == nil {
			continue // reported by TestOpenAPIValid
		}
		op := item.GetOperation(method)
		if op == nil {
			continue
		}
		if rt.Roles != nil {
			for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden} {
				if op.Responses.Status(status) == nil {
					t.Errorf("%s: status %d is not documented", rt.Pattern, status)
				}
			}
		}
	}
}

// validateResponse checks one response against the document: its status
// must be documented and its body must match the schema.
func validateResponse(t testing.TB, hr *http.Request, r resp) {
	t.Helper()
	if err := checkResponse(t, hr, r); err != nil {
		t.Errorf("OpenAPI: %s %s → %d does not match the document: %v\nbody: %.300s", hr.Method, hr.URL.Path, r.Status, err, r.Body)
	}
}

func checkResponse(t testing.TB, hr *http.Request, r resp) error {
	_, router := loadSpec(t)
	route, params, err := router.FindRoute(hr)
	if err != nil {
		// Requests to paths kycd does not serve (404 tests) have no route.
		if r.Status == http.StatusNotFound || r.Status == http.StatusMethodNotAllowed {
			return nil
		}
		return err
	}
	if globalRefusal(r) {
		return nil // TestOpenAPIDocumentsGlobalRefusals checks these per route
	}
	if strings.HasPrefix(hr.URL.Path, "/v1/uploads/") && r.Status >= 400 && r.code() == "" {
		// tusd answers protocol errors itself, in text/plain (e.g.
		// "ERR_INVALID_UPLOAD_LENGTH"), which the document does not
		// describe; reported to the uploads owner rather than checked here.
		return nil
	}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: hr, PathParams: params, Route: route},
		Status:                 r.Status,
		Header:                 r.Header,
		Body:                   io.NopCloser(bytes.NewReader(r.Body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	})
}

// globalRefusal reports whether r is a refusal any route of its kind can
// give, before its handler runs: an oversized body or a cross-site form.
func globalRefusal(r resp) bool {
	switch r.code() {
	case "request.too_large":
		return r.Status == http.StatusRequestEntityTooLarge
	case "auth.csrf":
		return r.Status == http.StatusForbidden
	}
	return false
}

// TestOpenAPIDocumentsGlobalRefusals checks that the document declares the
// refusals that middleware gives on whole classes of routes: 413
// request.too_large on every route that takes a JSON body, and 403
// auth.csrf on every unsafe method (cross-origin protection wraps them all).
func TestOpenAPIDocumentsGlobalRefusals(t *testing.T) {
	doc, _ := loadSpec(t)
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			if op.RequestBody != nil && op.Responses.Status(http.StatusRequestEntityTooLarge) == nil {
				t.Errorf("%s %s takes a JSON body but does not document 413 (request.too_large)", method, path)
			}
			unsafe := method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
			if unsafe && op.Responses.Status(http.StatusForbidden) == nil {
				t.Errorf("%s %s does not document 403 (auth.csrf from cross-origin protection)", method, path)
			}
		}
	}
}

// TestOpenAPIValidatorBites makes sure the response validation the other
// tests rely on is not vacuous: answers that break the document fail it.
func TestOpenAPIValidatorBites(t *testing.T) {
	hr := httptest.NewRequest(http.MethodGet, "/v1/me", nil)
	jsonHeader := http.Header{"Content-Type": {"application/json"}}
	for name, r := range map[string]resp{
		"missing required fields": {Status: 200, Header: jsonHeader, Body: []byte(`{"id":"x"}`)},
		"wrong type":              {Status: 200, Header: jsonHeader, Body: []byte(`{"id":"x","email":"a@b.c","level":"one","limits":{"daily_withdrawal_usd":0,"trading":false,"fiat":false},"invite_code":"X"}`)},
		"undocumented status":     {Status: 418, Header: jsonHeader, Body: []byte(`{}`)},
		"error without a code":    {Status: 401, Header: jsonHeader, Body: []byte(`{"error":{"message":"no"}}`)},
	} {
		if err := checkResponse(t, hr, r); err == nil {
			t.Errorf("%s: the validator accepted %d %s", name, r.Status, r.Body)
		}
	}
}

// TestDevOutbox reads codes the way a developer does in dev mode; the
// answer is validated against the document like every other response.
func TestDevOutbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newEnv(t, open, envConfig{dev: true})
		e.register(newPerson())
		r := e.get("/dev/outbox", "")
		want(t, "GET /dev/outbox", r, http.StatusOK, "")
		var msgs []kycd.Message
		r.decode(t, &msgs)
		if len(msgs) != 2 {
			t.Fatalf("outbox holds %d messages, want 2 (email and SMS)", len(msgs))
		}
		for _, m := range msgs {
			if n := len(sixDigits.FindAllString(m.Body, -1)); n != 1 {
				t.Errorf("%s body holds %d six-digit numbers, want 1: %q", m.Channel, n, m.Body)
			}
		}
	})
}
