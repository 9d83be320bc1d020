package web_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
	"github.com/kycd/kycd/storetest"
)

// client is a browser without JavaScript: a cookie jar and no redirects
// followed, so each answer can be checked.
type client struct {
	t    *testing.T
	e    *env
	http *http.Client
	lang string
}

func (e *env) client(lang string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: e.t, e: e, lang: lang, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type page struct {
	status int
	header http.Header
	body   string
}

func (c *client) do(method, path string, form url.Values) page {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.e.ts.URL+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", c.e.ts.URL)
	}
	req.Header.Set("Accept-Language", c.lang)
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return page{status: res.StatusCode, header: res.Header, body: string(b)}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// post submits a form the way the page would, with the token the page
// carried.
func (c *client) post(formPage, action string, form url.Values) page {
	c.t.Helper()
	p := c.do("GET", formPage, nil)
	m := csrfField.FindStringSubmatch(p.body)
	if m == nil {
		c.t.Fatalf("GET %s has no CSRF field (status %d)", formPage, p.status)
	}
	form.Set("csrf", m[1])
	return c.do("POST", action, form)
}

// unresolved finds catalogue keys that reached the page untranslated.
var unresolved = regexp.MustCompile(`\bweb\.[a-z_]+\.[a-z_.]+`)

func checkPage(t *testing.T, what string, p page, status int) {
	t.Helper()
	if p.status != status {
		t.Errorf("%s: status %d, want %d", what, p.status, status)
	}
	if csp := p.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("%s: Content-Security-Policy %q, want scripts from this site only", what, csp)
	}
	if p.header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("%s: X-Frame-Options %q, want DENY", what, p.header.Get("X-Frame-Options"))
	}
	if k := unresolved.FindString(p.body); k != "" {
		t.Errorf("%s: catalogue key %s shown untranslated", what, k)
	}
	if strings.Contains(p.body, "<script>") || strings.Contains(p.body, " onclick=") {
		t.Errorf("%s: inline script in the page", what)
	}
}

// TestPages renders every page in both languages as the roles that may see
// it, and checks headers, translations, CSRF and who may see what. It needs
// no browser.
func TestPages(t *testing.T) {
	e := newEnv(t)
	e.staff(kycd.RoleReviewer, reviewer)
	e.staff(kycd.RoleAdmin, admin)
	for _, lang := range []string{"en", "zh-CN"} {
		t.Run(lang, func(t *testing.T) {
			e.t = t
			anon := e.client(lang)
			for _, path := range []string{"/", "/register?invite=X", "/login", "/reset"} {
				checkPage(t, path, anon.do("GET", path, nil), http.StatusOK)
			}
			checkPage(t, "unknown page", anon.do("GET", "/no/such/page", nil), http.StatusNotFound)
			if p := anon.do("GET", "/static/favicon.svg", nil); p.status != http.StatusOK || !strings.Contains(p.body, "<svg") {
				t.Errorf("favicon: status %d, want the icon", p.status)
			}
			if p := anon.do("GET", "/favicon.ico", nil); p.status != http.StatusMovedPermanently || p.header.Get("Location") != "/static/favicon.svg" {
				t.Errorf("/favicon.ico: %d to %q, want the icon", p.status, p.header.Get("Location"))
			}
			// The language switcher keeps the query: a referral's invite
			// code must survive it (issue 13, item 7).
			other := map[string]string{"en": "zh-CN", "zh-CN": "en"}[lang]
			if p := anon.do("GET", "/register?invite=AB2C-D3EF", nil); !strings.Contains(p.body, `href="/register?invite=AB2C-D3EF&amp;lang=`+other+`"`) {
				t.Errorf("the language switcher on /register?invite= does not keep the invite code:\n%s", regexp.MustCompile(`<a class="lang"[^>]*>`).FindString(p.body))
			}
			if p := anon.do("GET", "/review", nil); p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/login") {
				t.Errorf("anonymous /review: %d to %q, want a redirect to the login page", p.status, p.header.Get("Location"))
			}
			if p := anon.do("POST", "/login", url.Values{"email": {"x@example.com"}, "password": {"x"}}); p.status != http.StatusForbidden {
				t.Errorf("login without a CSRF token: status %d, want 403", p.status)
			}
			if lang == "zh-CN" && !strings.Contains(anon.do("GET", "/", nil).body, "认证等级") {
				t.Error("start page with Accept-Language zh-CN is not in Chinese")
			}

			// The country picker starts with the dial code, which a
			// 360 px screen would otherwise cut off (issue 13, item 7).
			if !regexp.MustCompile(` selected>(\+|&#43;)86 `).MatchString(anon.do("GET", "/register", nil).body) {
				t.Error("the country picker does not show the dial code first")
			}

			// Every mistake of a registration at once, the values kept
			// except the password (issue 13, item 7).
			p := anon.post("/register", "/register", url.Values{"email": {"not-an-address"}, "dial": {"+86"}, "phone": {"12"},
				"password": {"short"}, "invite_code": {"AB2C-D3EF"}})
			checkPage(t, "register with three mistakes", p, http.StatusUnprocessableEntity)
			for _, f := range []string{"email", "phone", "password"} {
				if !regexp.MustCompile(`id="` + f + `-err" aria-live="polite">[^<]+<`).MatchString(p.body) {
					t.Errorf("register: no error beside %s", f)
				}
			}
			for _, kept := range []string{`value="not-an-address"`, `value="12"`, `value="AB2C-D3EF"`} {
				if !strings.Contains(p.body, kept) {
					t.Errorf("register: %s not kept", kept)
				}
			}
			if strings.Contains(p.body, `value="short"`) {
				t.Error("register: the password was sent back")
			}

			// An applicant through the forms, without JavaScript.
			app := e.client(lang)
			email := "p." + strings.ToLower(lang) + "@example.com"
			phone := map[string]string{"en": "13700000001", "zh-CN": "13700000002"}[lang]
			p = app.post("/register", "/register", url.Values{"email": {email}, "dial": {"+86"}, "phone": {phone}, "password": {password}})
			if p.status != http.StatusSeeOther || p.header.Get("Location") != "/verify" {
				t.Fatalf("register: %d to %q\n%s", p.status, p.header.Get("Location"), p.body)
			}
			checkPage(t, "/verify", app.do("GET", "/verify", nil), http.StatusOK)
			p = app.post("/verify", "/verify", url.Values{"email_code": {"000000"}, "phone_code": {e.code("+86" + phone)}})
			checkPage(t, "verify with a wrong email code", p, http.StatusUnprocessableEntity)
			if !strings.Contains(p.body, `id="email_code" name="email_code"`) || !strings.Contains(p.body, `aria-invalid="true"`) {
				t.Error("a wrong code is not marked on its field")
			}
			p = app.post("/verify", "/verify", url.Values{"email_code": {e.code(email)}})
			if p.status != http.StatusSeeOther {
				t.Fatalf("verify: status %d\n%s", p.status, p.body)
			}
			p = app.post("/", "/apply", url.Values{})
			loc := p.header.Get("Location")
			if p.status != http.StatusSeeOther || !strings.HasSuffix(loc, "/identity") {
				t.Fatalf("start level 2: %d to %q", p.status, loc)
			}
			appPath := strings.TrimSuffix(loc, "/identity")
			for _, path := range []string{"/", loc, appPath + "/documents", appPath + "/review", "/status"} {
				checkPage(t, path, app.do("GET", path, nil), http.StatusOK)
			}
			// A database failure is a server fault, worded in the page's
			// language, never "not found".
			e.dbDown.Store(true)
			p = app.do("GET", loc, nil)
			e.dbDown.Store(false)
			checkPage(t, "identity while the database is down", p, http.StatusInternalServerError)
			if want := reason.Message(lang, "internal"); !strings.Contains(p.body, html.EscapeString(want)[:20]) {
				t.Errorf("database failure page does not say %q", want)
			}

			// Saving with a wrong check digit keeps the data and shows why.
			p = app.post(loc, loc, url.Values{"document_type": {"cn_rid"}, "document_number": {wrongID}, "full_name": {"王芳"},
				"birth_date": {"1949-12-31"}, "sex": {"F"}, "nationality": {"CHN"}})
			checkPage(t, "identity with a wrong check digit", p, http.StatusUnprocessableEntity)
			if !strings.Contains(p.body, `data-code="id_number.checksum"`) || !strings.Contains(p.body, wrongID) {
				t.Error("the saved form does not show the checksum finding beside the number it kept")
			}
			if p := app.do("GET", appPath+"/review", nil); !strings.Contains(p.body, `id="submit" disabled`) {
				t.Error("submit is not disabled while the pre-check has blocking findings")
			}
			for _, path := range []string{"/review", "/admin"} {
				if p := app.do("GET", path, nil); p.status != http.StatusNotFound {
					t.Errorf("applicant GET %s: status %d, want 404", path, p.status)
				}
			}

			// Staff pages.
			rev := e.client(lang)
			p = rev.post("/login", "/login", url.Values{"email": {reviewer}, "password": {staffPassword}})
			if p.header.Get("Location") != "/review" {
				t.Errorf("reviewer login goes to %q, want /review", p.header.Get("Location"))
			}
			checkPage(t, "/review", rev.do("GET", "/review?level=2&claimed=unclaimed", nil), http.StatusOK)
			// "Next case" claims, so it is a form POST: a GET (prefetch, a
			// crawler, a link in a mail) takes nothing.
			if p := rev.do("GET", "/review/next", nil); p.status == http.StatusSeeOther || p.status == http.StatusOK {
				t.Errorf("GET /review/next: %d to %q, want a refusal (claiming is a POST)", p.status, p.header.Get("Location"))
			}
			if p := rev.post("/review", "/review/next", url.Values{}); p.status != http.StatusSeeOther || p.header.Get("Location") != "/review?empty=1" {
				t.Errorf("POST /review/next with nothing queued: %d to %q, want 303 to /review?empty=1", p.status, p.header.Get("Location"))
			}
			if p := rev.do("GET", "/admin", nil); p.status != http.StatusNotFound {
				t.Errorf("reviewer GET /admin: status %d, want 404", p.status)
			}
			// Confirming a final rejection is for seniors, at the fence as
			// in the service (issue 13: the page route admitted any reviewer).
			if p := rev.post("/review", "/review/"+strings.Repeat("a", 26)+"/confirm", url.Values{"confirm": {"yes"}}); p.status != http.StatusNotFound {
				t.Errorf("reviewer POST /review/{id}/confirm: status %d, want 404 like every page not theirs", p.status)
			}
			adm := e.client(lang)
			adm.post("/login", "/login", url.Values{"email": {admin}, "password": {staffPassword}})
			for _, path := range []string{"/admin", "/admin?days=7", "/review"} {
				checkPage(t, path, adm.do("GET", path, nil), http.StatusOK)
			}
		})
	}
}

// TestLevel3Page checks the level-3 step: the selfie video with the digits
// to say (captured with the front camera) and the supporting documents.
func TestLevel3Page(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a, _, err := e.svc.Register(ctx, kycd.RegisterInput{Email: "l3@example.com", Phone: "+8613700000003", Password: password, ClientIP: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Store.WithTx(ctx, func(tx kycd.Tx) error { return e.svc.RaiseLevel(ctx, tx, a, 2, kycd.System, "test") }); err != nil {
		t.Fatal(err)
	}
	c := e.client("en")
	c.post("/login", "/login", url.Values{"email": {"l3@example.com"}, "password": {password}})
	p := c.post("/", "/apply", url.Values{})
	appPath := strings.TrimSuffix(p.header.Get("Location"), "/identity")
	if !strings.Contains(c.do("GET", appPath+"/identity", nil).body, `name="address"`) {
		t.Error("level 3 identity form has no address field")
	}
	p = c.do("GET", appPath+"/documents", nil)
	checkPage(t, "level 3 documents", p, http.StatusOK)
	for _, want := range []string{`id="doc-selfie_video"`, `accept="video/*" capture="user"`, `id="doc-proof_of_address"`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("level 3 documents page lacks %s", want)
		}
	}
	if !regexp.MustCompile(`data-phrase>\d \d \d \d \d \d<`).MatchString(p.body) {
		t.Error("level 3 documents page shows no six digits to say")
	}
	// The digits come from the service's view, which API clients get too.
	v, err := e.svc.GetApplication(ctx, kycd.Principal{AccountID: a.ID, Role: kycd.RoleApplicant}, strings.TrimPrefix(appPath, "/apply/"))
	if err != nil {
		t.Fatal(err)
	}
	if v.VideoPhrase == "" || !strings.Contains(p.body, "data-phrase>"+v.VideoPhrase+"<") {
		t.Errorf("the page's phrase is not the application view's %q", v.VideoPhrase)
	}
}

// TestFinalRejectionPages: after a final rejection the level page offers
// no new start but the date from which one may apply again, and the status
// page says that date and how to reach support (issue 13, item 7).
func TestFinalRejectionPages(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	_, v := storetest.Submit(t, e.svc, photos, "final@example.com", "+8613700000014", kycd.Identity{FullName: "王芳",
		DocumentType: "cn_rid", DocumentNumber: "310104198611204572", BirthDate: "1986-11-20", Sex: "M", Nationality: "CHN"})
	rev := kycd.Principal{AccountID: "rev", Role: kycd.RoleReviewer}
	senior := kycd.Principal{AccountID: "senior", Role: kycd.RoleSeniorReviewer}
	if _, err := e.svc.Claim(ctx, rev, v.ID); err != nil {
		t.Fatal(err)
	}
	note := "The documents of this application belong to someone else."
	if _, err := e.svc.Decide(ctx, rev, v.ID, kycd.DecisionInput{Decision: "reject", RejectType: "final",
		Reasons: []kycd.Reason{{Code: "review.suspected_fraud"}}, Note: note}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Claim(ctx, senior, v.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.ConfirmFinal(ctx, senior, v.ID, true); err != nil {
		t.Fatal(err)
	}
	c := e.client("en")
	c.post("/login", "/login", url.Values{"email": {"final@example.com"}, "password": {"correct horse battery 7"}})
	day := e.svc.Now().UTC().Add(e.svc.Settings.ReapplyAfter).Format("2006-01-02")
	again := reason.T("en", "web.status.reapply", "date", day)
	home := c.do("GET", "/", nil)
	checkPage(t, "home after a final rejection", home, http.StatusOK)
	if strings.Contains(home.body, `action="/apply"`) {
		t.Error(`the level page offers "Start level 2" during the waiting period after a final rejection`)
	}
	if !strings.Contains(home.body, html.EscapeString(again)) {
		t.Errorf("the level page does not say %q", again)
	}
	status := c.do("GET", "/status", nil)
	checkPage(t, "status after a final rejection", status, http.StatusOK)
	// The reviewer's note waited with the proposal and came with the
	// confirmation (issue 13, item 7: a note the applicant sees).
	for _, want := range []string{again, reason.T("en", "web.status.support_none"), note} {
		if !strings.Contains(status.body, html.EscapeString(want)) {
			t.Errorf("the status page does not say %q", want)
		}
	}
}

// TestPrecheckNamesPhotos: Check & submit names the photo each finding is
// about ("already submitted before" three times said nothing about which
// photo), and says each finding once (issue 13, item 7).
func TestPrecheckNamesPhotos(t *testing.T) {
	e := newEnv(t)
	id := kycd.Identity{FullName: "王芳", DocumentType: "cn_rid", DocumentNumber: "310104198611204572", BirthDate: "1986-11-20", Sex: "M", Nationality: "CHN"}
	storetest.Submit(t, e.svc, photos, "first@example.com", "+8613700000015", id)
	_, v := storetest.Submit(t, e.svc, photos, "second@example.com", "+8613700000016", id)
	c := e.client("en")
	c.post("/login", "/login", url.Values{"email": {"second@example.com"}, "password": {"correct horse battery 7"}})
	p := c.do("GET", "/apply/"+v.ID+"/review", nil)
	checkPage(t, "review with duplicate photos", p, http.StatusOK)
	li := regexp.MustCompile(`(?s)<li class="finding [a-z]+" data-code="photo.duplicate">.*?</li>`).FindAllString(p.body, -1)
	var items []string
	for _, l := range li {
		m := regexp.MustCompile(`data-item="([a-z_]+)">([^<]+)<`).FindStringSubmatch(l)
		if m == nil {
			t.Errorf("a duplicate-photo line names no photo: %s", l)
			continue
		}
		if want := reason.T("en", "web.item."+m[1]); m[2] != html.EscapeString(want) {
			t.Errorf("photo named %q, want %q", m[2], want)
		}
		items = append(items, m[1])
	}
	slices.Sort(items)
	if want := []string{kycd.KindIDBack, kycd.KindIDFront, kycd.KindSelfie}; !slices.Equal(items, want) {
		t.Errorf("duplicate-photo lines for %v, want one for each of %v", items, want)
	}
}

// TestCaseInWords: the desk shows findings, flags, duplicates and
// nationality in words, one duplicate line per photo and other case with
// the photo named, and offers only the reasons that fit the case's level
// (issue 13, item 7).
func TestCaseInWords(t *testing.T) {
	e := newEnv(t)
	e.staff(kycd.RoleReviewer, reviewer)
	id := kycd.Identity{FullName: "王芳", DocumentType: "cn_rid", DocumentNumber: "310104198611204572", BirthDate: "1986-11-20", Sex: "M", Nationality: "CHN"}
	_, first := storetest.Submit(t, e.svc, photos, "one@example.com", "+8613700000017", id)
	_, v := storetest.Submit(t, e.svc, photos, "two@example.com", "+8613700000018", id)
	c := e.client("en")
	c.post("/login", "/login", url.Values{"email": {reviewer}, "password": {staffPassword}})
	c.post("/review/"+v.ID, "/review/"+v.ID+"/claim", url.Values{})
	p := c.do("GET", "/review/"+v.ID, nil)
	checkPage(t, "case", p, http.StatusOK)
	if !strings.Contains(p.body, `value="review.selfie_mismatch"`) {
		t.Fatal("the claimed case offers no reasons to choose from")
	}
	for _, raw := range []string{"<code>photo.duplicate</code>", "<code>id_number.duplicate</code>", ">CHN<", "review.selfie_mismatch</code>"} {
		if strings.Contains(p.body, raw) {
			t.Errorf("the case page shows %s raw", raw)
		}
	}
	lines := regexp.MustCompile(`<li data-dup="photo.duplicate" data-kind="([a-z_]+)">`).FindAllStringSubmatch(p.body, -1)
	var kinds []string
	for _, l := range lines {
		kinds = append(kinds, l[1])
	}
	slices.Sort(kinds)
	if want := []string{kycd.KindIDBack, kycd.KindIDFront, kycd.KindSelfie}; !slices.Equal(kinds, want) {
		t.Errorf("duplicate-photo lines for %v, want one per photo %v (each naming %s once)", kinds, want, first.ID)
	}
	if n := strings.Count(p.body, `data-dup="id_number.duplicate"`); n != 1 {
		t.Errorf("%d lines for the duplicate ID number, want 1", n)
	}
	if !strings.Contains(p.body, html.EscapeString(reason.T("en", "web.nation.CHN"))) {
		t.Error("the nationality is not in words")
	}
	for _, level3 := range []string{"review.video_phrase", "review.proof_of_address"} {
		if strings.Contains(p.body, `value="`+level3+`"`) {
			t.Errorf("a level-2 case offers %s", level3)
		}
	}
}
