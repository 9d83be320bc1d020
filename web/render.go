package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/photo"
	"github.com/kycd/kycd/http/httperr"
	"github.com/kycd/kycd/reason"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// templates holds one parsed set per page: the layout, the shared
// partials and the page's own "content".
type templates struct {
	pages map[string]*template.Template
	// assetVersion busts caches when the bundle or the stylesheet change.
	assetVersion string
}

var funcs = template.FuncMap{
	"join": strings.Join,
	"date": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	// iso is a time for the browser, which shows it in the reader's own
	// time zone (static/app.js); date and day are what shows without it.
	"iso": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	},
	"day": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format("2006-01-02")
	},
	"usd": func(n int64) string {
		s := strconv.FormatInt(n, 10)
		for i := len(s) - 3; i > 0; i -= 3 {
			s = s[:i] + "," + s[i:]
		}
		return "$" + s
	},
	"add":     func(a, b int) int { return a + b },
	"str":     func(v any) string { return fmt.Sprint(v) },
	"svg":     func(s string) template.HTML { return template.HTML(s) }, // only for SVG this package renders
	"state":   func(s kycd.State) string { return string(s) },
	"illus":   illustration,
	"outline": outlineSVG,
	"list":    func(v ...string) []string { return v },
	"ptr":     func(t time.Time) *time.Time { return &t },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
	"short": func(id string) string {
		if len(id) > 8 {
			return id[:8]
		}
		return id
	},
}

func mustTemplates() *templates {
	t := &templates{pages: map[string]*template.Template{}}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	var partials []string
	for _, n := range names {
		if strings.HasPrefix(path.Base(n), "_") {
			partials = append(partials, n)
		}
	}
	for _, n := range names {
		base := path.Base(n)
		if strings.HasPrefix(base, "_") {
			continue
		}
		files := append([]string{n}, partials...)
		t.pages[strings.TrimSuffix(base, ".html")] = template.Must(template.New(base).Funcs(funcs).ParseFS(templateFS, files...))
	}
	h := sha256.New()
	for _, f := range []string{"static/app.js", "static/app.css"} {
		b, _ := staticFS.ReadFile(f)
		h.Write(b)
	}
	t.assetVersion = hex.EncodeToString(h.Sum(nil))[:12]
	return t
}

// page is what every template receives.
type page struct {
	Lang      string
	Title     string
	Path      string
	Query     url.Values
	CSRF      string
	SignedIn  bool
	Role      kycd.Role
	Version   string
	Error     string
	Notice    string
	BodyClass string
	Data      any
}

// T returns the catalogue text key in the page's language.
func (p *page) T(key string, params ...any) string {
	ps := make([]string, len(params))
	for i, v := range params {
		ps[i] = fmt.Sprint(v)
	}
	return reason.T(p.Lang, key, ps...)
}

// Other is the language the switcher offers.
func (p *page) Other() string {
	if p.Lang == "zh-CN" {
		return "en"
	}
	return "zh-CN"
}

// Word is a finding code in words (its message) for the desk, or the
// code itself when the message needs parameters the caller lacks.
func (p *page) Word(code string) string {
	if m := reason.Message(p.Lang, code); m != "" && !strings.Contains(m, "{") {
		return m
	}
	return code
}

// Nation is a country's name from its ISO 3166-1 alpha-3 code, or the
// code when the catalogue has no name for it.
func (p *page) Nation(code string) string {
	if key := "web.nation." + code; reason.T(p.Lang, key) != key {
		return reason.T(p.Lang, key)
	}
	return code
}

// SwitchURL is this page in the other language. The query is kept, so a
// referral link's ?invite= (or the desk's filters) survive the switch.
func (p *page) SwitchURL() string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	q.Set("lang", p.Other())
	return p.Path + "?" + q.Encode()
}

// Staff reports whether the caller works the review desk.
func (p *page) Staff() bool { return p.Role.Staff() }

// Admin reports whether the caller may see the dashboard.
func (p *page) Admin() bool { return p.Role == kycd.RoleAdmin }

func (s *server) newPage(r *http.Request, titleKey string, data any) *page {
	rc := reqOf(r)
	p := &page{Lang: rc.Lang, Path: r.URL.Path, Query: r.URL.Query(), CSRF: rc.CSRF, SignedIn: rc.SignedIn, Role: rc.Principal.Role,
		Version: s.tmpl.assetVersion, Data: data}
	p.Title = p.T(titleKey)
	return p
}

// render writes a page; a template error is a bug, logged and answered 500
// before anything reaches the client.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	t, ok := s.tmpl.pages[name]
	if !ok {
		panic("web: no template " + name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.ErrorContext(r.Context(), "web: template", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail shows an error page.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	p := s.newPage(r, "web.error.title", nil)
	p.Error = s.errorText(r, err)
	s.render(w, r, httperr.Of(err).Status, "error", p)
}

func (s *server) static() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.FileServerFS(sub)
	return http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		fsrv.ServeHTTP(w, r)
	}))
}

// outlineSVG draws where the photo check found the document, to lay over
// the photo: the viewBox is the photo's own pixel grid, stretched to the
// image's box, so the line lands on the document at any display size.
func outlineSVG(o *photo.Outline) template.HTML {
	if o == nil || o.Width <= 0 || o.Height <= 0 {
		return ""
	}
	var pts []string
	for _, c := range o.Corners {
		pts = append(pts, strconv.FormatFloat(c.X, 'f', 0, 64)+","+strconv.FormatFloat(c.Y, 'f', 0, 64))
	}
	// Numbers only, formatted here: nothing from the request reaches it.
	return template.HTML(fmt.Sprintf(`<svg class="outline" viewBox="0 0 %d %d" preserveAspectRatio="none" aria-hidden="true" focusable="false" data-outline><polygon points="%s" vector-effect="non-scaling-stroke"/></svg>`,
		o.Width, o.Height, strings.Join(pts, " ")))
}
