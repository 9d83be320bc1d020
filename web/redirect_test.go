package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/kycd/kycd"
)

// TestLoginRedirectStaysOnSite logs in with hostile next= values (issue
// 12's tab trick among them) and checks the browser is sent to the home
// page, never elsewhere; a plain path on this site is kept.
func TestLoginRedirectStaysOnSite(t *testing.T) {
	e := newEnv(t)
	const email = "redirect.reviewer@example.com"
	e.staff(kycd.RoleReviewer, email)
	login := func(next string) string {
		t.Helper()
		c := e.client("en")
		p := c.post("/login?next="+url.QueryEscape(next), "/login", url.Values{"email": {email}, "password": {staffPassword}, "next": {next}})
		if p.status != http.StatusSeeOther {
			t.Fatalf("login with next=%q: status %d", next, p.status)
		}
		return p.header.Get("Location")
	}
	for _, next := range []string{
		"/\t/evil.example/phish", "/\n/evil.example", "/\r\n/evil.example", "//evil.example", "/\\evil.example",
		"/\\/evil.example", "\\\\evil.example", "https://evil.example/", "http:/evil.example", "javascript:alert(1)",
		"/%09/evil.example", " /evil", "/ok\x00", "/\x7f/evil.example", "evil.example", "/\u2028/evil.example",
	} {
		if loc := login(next); loc != "/review" {
			t.Errorf("next=%q sent the browser to %q, want the home page /review", next, loc)
		}
	}
	if loc := login("/review/cases?sort=due"); loc != "/review/cases?sort=due" {
		t.Errorf("a path on this site became %q", loc)
	}
}
