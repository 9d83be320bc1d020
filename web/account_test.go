package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAccountPage: an applicant downloads their copy and closes the
// account from the "your data" page, without JavaScript; a wrong password
// is refused on the page, and after closing the browser is signed out.
func TestAccountPage(t *testing.T) {
	e := newEnv(t)
	c := e.client("en")
	const pw = "correct horse battery staple"
	p := c.post("/register", "/register", url.Values{"email": {"mine@example.com"}, "dial": {"+86"}, "phone": {"13700000091"}, "password": {pw}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("register: %d\n%s", p.status, p.body)
	}
	checkPage(t, "/account", c.do("GET", "/account", nil), http.StatusOK)
	x := c.do("GET", "/account/export", nil)
	if x.status != http.StatusOK || x.header.Get("Content-Type") != "application/zip" || !strings.HasPrefix(x.body, "PK") {
		t.Fatalf("export: %d %q", x.status, x.header.Get("Content-Type"))
	}
	p = c.post("/account", "/account/close", url.Values{"password": {"wrong password here"}})
	checkPage(t, "close with a wrong password", p, http.StatusUnauthorized)
	if !strings.Contains(p.body, `aria-invalid="true"`) {
		t.Error("a wrong password is not marked on its field")
	}
	p = c.post("/account", "/account/close", url.Values{"password": {pw}})
	checkPage(t, "close", p, http.StatusOK)
	if !strings.Contains(p.body, "Your account is closed") || !strings.Contains(p.body, `id="kept-none"`) {
		t.Errorf("closed page does not say so (an account without applications keeps nothing):\n%s", p.body)
	}
	if p := c.do("GET", "/status", nil); p.status != http.StatusSeeOther {
		t.Errorf("GET /status after closing: %d, want a redirect to log in", p.status)
	}
}
