package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/http/httperr"
	"github.com/kycd/kycd/reason"
)

// Options configure the pages.
type Options struct {
	// Dev drops the Secure flag from cookies on plain-HTTP localhost, as
	// the API does in dev mode.
	Dev    bool
	Logger *slog.Logger
}

// Cookie names. The session cookie is the API's, so a page and the fetch()
// calls it makes share one login.
const (
	sessionCookie = "kycd_session"
	csrfCookie    = "kycd_csrf"
	langCookie    = "kycd_lang"
)

// csp allows nothing inline: every script is a static file, so an injected
// <script> or on*= attribute never runs. Inline <svg> is markup, not script.
// blob: lets the upload widget preview a picked photo before it is sent.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; " +
	"media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

type server struct {
	svc  *kycd.Service
	opt  Options
	log  *slog.Logger
	tmpl *templates
	mux  *http.ServeMux
}

// New returns the web pages as one handler, to be mounted at "/" outside
// /v1 (kycd's http.Options.Web).
func New(svc *kycd.Service, opt Options) http.Handler {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	s := &server{svc: svc, opt: opt, log: opt.Logger, tmpl: mustTemplates(), mux: http.NewServeMux()}
	s.routes()
	return s.secure(s.withRequest(s.mux))
}

// reqCtx is what every page handler knows about the request: the language,
// the signed-in caller (zero when nobody is), and the CSRF token.
type reqCtx struct {
	Lang      string
	Principal kycd.Principal
	SignedIn  bool
	CSRF      string
}

type reqKey struct{}

func reqOf(r *http.Request) *reqCtx {
	rc, _ := r.Context().Value(reqKey{}).(*reqCtx)
	if rc == nil {
		return &reqCtx{Lang: "en"}
	}
	return rc
}

// secure sets the headers every page carries.
func (s *server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()")
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			// Pages show personal data; nothing may keep a copy.
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// withRequest resolves the caller, the language and the CSRF token, and
// refuses a form POST whose token does not match its cookie.
func (s *server) withRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		rc := &reqCtx{}
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			if p, err := s.svc.Authenticate(r.Context(), c.Value); err == nil {
				rc.Principal, rc.SignedIn = p, true
			}
		}
		rc.Lang = s.language(w, r, rc)
		if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
			rc.CSRF = c.Value
		} else {
			rc.CSRF = newToken()
			http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: rc.CSRF, Path: "/", HttpOnly: true,
				Secure: s.secureCookies(r), SameSite: http.SameSiteStrictMode})
		}
		if r.Method == http.MethodPost {
			// Double-submit: a cross-site form can make the browser send
			// the cookie but cannot read it to put it in the body.
			r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
			got := r.PostFormValue("csrf")
			if subtle.ConstantTimeCompare([]byte(got), []byte(rc.CSRF)) != 1 || got == "" {
				s.fail(w, r.WithContext(context.WithValue(r.Context(), reqKey{}, rc)), kycd.ErrorWith("auth.csrf"))
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), reqKey{}, rc)))
	})
}

// language picks the page language: the switcher (?lang=, remembered in a
// cookie), then the account's locale, then Accept-Language.
func (s *server) language(w http.ResponseWriter, r *http.Request, rc *reqCtx) string {
	if l := r.URL.Query().Get("lang"); l != "" {
		l = reason.Match(l)
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
			Secure: s.secureCookies(r), HttpOnly: true, SameSite: http.SameSiteLaxMode})
		// The switcher also sets the account's locale, which emails follow.
		if rc.SignedIn && rc.Principal.AccountID != "" && reason.Match(rc.Principal.Locale) != l {
			if err := s.svc.SetLocale(r.Context(), rc.Principal, l); err != nil {
				s.log.Warn("could not save the account's language", "err", err)
			}
		}
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && c.Value != "" {
		return reason.Match(c.Value)
	}
	if rc.SignedIn && rc.Principal.Locale != "" {
		return reason.Match(rc.Principal.Locale)
	}
	return reason.Match(r.Header.Get("Accept-Language"))
}

func (s *server) secureCookies(r *http.Request) bool { return r.TLS != nil || !s.opt.Dev }

func (s *server) setSession(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.secureCookies(r), SameSite: http.SameSiteLaxMode, MaxAge: int(s.svc.Settings.SessionTTL.Seconds())})
}

func newToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// clientIP is the address rate limits count against. The HTTP server in
// front has already replaced RemoteAddr with the forwarded client address
// when it is configured to trust a proxy.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// requireRole sends a visitor without one of roles to the login page (or
// answers 404 to a signed-in account of another role, so staff pages are
// not advertised).
func (s *server) requireRole(roles ...kycd.Role) func(http.HandlerFunc) http.HandlerFunc {
	return func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			rc := reqOf(r)
			if !rc.SignedIn {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			for _, role := range roles {
				if rc.Principal.Role == role {
					h(w, r)
					return
				}
			}
			s.fail(w, r, kycd.ErrorWith("request.not_found"))
		}
	}
}

// errorText is the localized message of a domain error; anything else is
// logged and shown as "internal".
func (s *server) errorText(r *http.Request, err error) string {
	pb := httperr.Of(err)
	if pb.Unexpected {
		s.log.ErrorContext(r.Context(), "web: request failed", "path", r.URL.Path, "err", err)
	}
	return pb.Text(reqOf(r).Lang)
}

// safeNext keeps a post-login redirect on this site: a path that starts
// with one slash, holds no control character (browsers drop tabs and line
// breaks, so "/\t/evil.example" becomes "//evil.example"), no backslash
// (read as a slash) and parses with neither scheme nor host.
func safeNext(next, fallback string) string {
	if next == "" || len(next) > 2048 || next[0] != '/' || strings.HasPrefix(next, "//") {
		return fallback
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") ||
		strings.HasPrefix(u.Path, "//") || strings.ContainsFunc(next+u.Path, unsafeInPath) {
		return fallback
	}
	return next
}

// unsafeInPath is what browsers drop or read as a slash in a URL; it is
// checked before and after percent-decoding.
func unsafeInPath(c rune) bool {
	return c < 0x20 || c == 0x7f || c == '\\' || c == '\u2028' || c == '\u2029' || c == '\ufeff'
}

// documentOpener is a service method answering a document's bytes in one
// form or another (DocumentDisplay, DocumentCard), with its authorization.
type documentOpener func(context.Context, kycd.Principal, string) (io.ReadCloser, *kycd.Document, error)
