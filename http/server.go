// Package http is kycd's HTTP adapter: the JSON API under /v1, the dev
// outbox, health and metrics. Handlers decode, call the kycd.Service and
// encode; rules live in the service.
package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/tus/tusd/v2/pkg/handler"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/mail"
	"github.com/kycd/kycd/reason"
)

// Options configure a Server.
type Options struct {
	// Dev serves /dev/outbox and relaxes the Secure flag on cookies for
	// plain-HTTP localhost.
	Dev bool
	// Outbox is shown at /dev/outbox in dev mode.
	Outbox *mail.Outbox
	// TrustProxyHeaders takes the client address from X-Forwarded-For,
	// for deployments behind a load balancer that sets it.
	TrustProxyHeaders bool
	// TrustedProxies are the proxies' own addresses. X-Forwarded-For is
	// read only on requests from one of them (from any peer when empty and
	// TrustProxyHeaders is set), and the client is the rightmost address
	// in it that is not one of them. Setting it implies TrustProxyHeaders.
	TrustedProxies []netip.Prefix
	// BehindTLS says a proxy in front terminates HTTPS, so responses carry
	// Strict-Transport-Security even though kycd itself speaks plain HTTP
	// (requests that arrive over TLS always get it).
	BehindTLS bool
	Logger    *slog.Logger
	// Web serves the pages (everything outside /v1, /dev and the probes);
	// nil leaves them out and unknown paths answer a JSON 404.
	Web http.Handler
	// DataDir, when set, is checked by /readyz: writable, with at least
	// MinFreeBytes free (DefaultMinFreeBytes when zero).
	DataDir      string
	MinFreeBytes uint64
}

// Server serves kycd's HTTP API.
type Server struct {
	svc     *kycd.Service
	opt     Options
	log     *slog.Logger
	reg     *prometheus.Registry
	reqs    *prometheus.CounterVec
	latency *prometheus.HistogramVec
	routes  []Route
	handler http.Handler
	tus     *handler.UnroutedHandler
}

// New builds the server and its routes.
func New(svc *kycd.Service, opt Options) *Server {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	s := &Server{svc: svc, opt: opt, log: opt.Logger, reg: prometheus.NewRegistry()}
	s.reqs = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kycd_http_requests_total",
		Help: "HTTP requests by route pattern and status."}, []string{"route", "status"})
	s.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "kycd_http_request_duration_seconds",
		Help: "HTTP request latency by route pattern.", Buckets: prometheus.DefBuckets}, []string{"route"})
	s.reg.MustRegister(s.reqs, s.latency, newRetentionCollector(svc), collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s.tus = s.newTus()
	s.routes = s.routeTable()
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Pattern, s.authorize(rt))
	}
	notFound := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The catch-all matches every method, which hides the mux's own
		// 405: look for the path under the other methods first.
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, p := mux.Handler(probe); p != "/" && p != "/v1/" {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			s.writeError(w, r, kycd.ErrorWith("request.method_not_allowed"))
			return
		}
		s.writeError(w, r, kycd.ErrorWith("request.not_found"))
	})
	mux.Handle("/v1/", notFound)
	if opt.Web != nil {
		mux.Handle("/", opt.Web)
	} else {
		mux.Handle("/", notFound)
	}
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, kycd.ErrorWith("auth.csrf"))
	}))
	s.handler = s.withSecurityHeaders(s.withRequestID(s.recoverer(s.withClientAddr(s.observe(mux, cop)))))
	return s
}

// withSecurityHeaders sets the headers every response carries, whichever
// handler (API, tus, pages, probes, errors) writes it: nosniff, so no
// browser reads a JSON or uploaded body as a script or page; and, over
// HTTPS, HSTS, so the browser never tries plain HTTP again.
func (s *Server) withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		if r.TLS != nil || s.opt.BehindTLS {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Routes returns the route table (for the OpenAPI and authorization tests).
func (s *Server) Routes() []Route { return s.routes }

// Route is one endpoint and who may call it. A nil Roles means public.
type Route struct {
	Pattern string
	Roles   []kycd.Role
	Handler func(w http.ResponseWriter, r *http.Request, p kycd.Principal)
	// DevOnly routes exist only with Options.Dev.
	DevOnly bool
}

// Role sets used by the route table. The desk's and the operator's come
// from the service, which checks them again itself.
var (
	public       []kycd.Role
	anyAccount   = []kycd.Role{kycd.RoleApplicant, kycd.RoleReviewer, kycd.RoleSeniorReviewer, kycd.RoleAdmin}
	applicant    = []kycd.Role{kycd.RoleApplicant}
	operatorRole = kycd.OperatorRoles
	reviewers    = kycd.ReviewerRoles
	seniors      = kycd.SeniorRoles
)

type ctxKey int

const (
	ridKey ctxKey = iota
	principalKey
)

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(ridKey).(string)
	return id
}

func (s *Server) withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [8]byte
		rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ridKey, id)))
	})
}

// recoverer turns a panic into a logged "internal" answer instead of a
// dropped connection.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.ErrorContext(r.Context(), "panic", "request_id", requestID(r.Context()), "panic", p)
				s.writeError(w, r, kycd.Errorf("internal", "panic"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs each request (method, route pattern, status, duration — no
// bodies, no query strings, which may carry personal data) and records
// metrics. Cross-origin protection runs inside so refusals are counted.
func (s *Server) observe(mux *http.ServeMux, cop *http.CrossOriginProtection) http.Handler {
	inner := cop.Handler(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		inner.ServeHTTP(sw, r)
		// The mux records the matched pattern on the request; only a
		// request refused before routing (cross-origin) needs a look-up.
		pattern := r.Pattern
		if pattern == "" {
			_, pattern = mux.Handler(r)
		}
		if pattern == "" || pattern == "/" {
			pattern = "unmatched"
		}
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		s.reqs.WithLabelValues(pattern, itoa(sw.status)).Inc()
		s.latency.WithLabelValues(pattern).Observe(d.Seconds())
		s.log.InfoContext(r.Context(), "request", "request_id", requestID(r.Context()), "method", r.Method,
			"route", pattern, "status", sw.status, "duration_ms", d.Milliseconds())
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

// SessionCookie is the name of the browser session cookie.
const SessionCookie = "kycd_session"

func bearer(r *http.Request) string {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// authorize checks the caller against the route's roles before the
// handler runs: every route states who may call it, and nothing else
// reaches a handler.
func (s *Server) authorize(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.DevOnly && !s.opt.Dev {
			s.writeError(w, r, kycd.ErrorWith("request.not_found"))
			return
		}
		var p kycd.Principal
		if rt.Roles != nil {
			var err error
			if p, err = s.svc.Authenticate(r.Context(), bearer(r)); err != nil {
				s.writeError(w, r, err)
				return
			}
			if !slices.Contains(rt.Roles, p.Role) {
				s.writeError(w, r, kycd.ErrorWith("auth.forbidden"))
				return
			}
			r = r.WithContext(kycd.WithPrincipal(context.WithValue(r.Context(), principalKey, p), p))
		}
		rt.Handler(w, r, p)
	})
}

// lang picks the language for a response: an explicit ?lang=, then the
// account's locale, then Accept-Language.
func (s *Server) lang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l != "" {
		return reason.Match(l)
	}
	if p, ok := r.Context().Value(principalKey).(kycd.Principal); ok && p.Locale != "" {
		return reason.Match(p.Locale)
	}
	return reason.Match(r.Header.Get("Accept-Language"))
}

// withClientAddr puts the client's address from X-Forwarded-For into
// RemoteAddr when kycd runs behind a proxy that sets it, so the API and
// the web pages (a separate handler) count rate limits against the same,
// real address. Without the option the header is ignored: a client could
// forge it.
func (s *Server) withClientAddr(next http.Handler) http.Handler {
	if !s.opt.TrustProxyHeaders && len(s.opt.TrustedProxies) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			if ip, ok := forwardedClient(r.RemoteAddr, xff, s.opt.TrustedProxies); ok {
				r = r.Clone(r.Context())
				r.RemoteAddr = netip.AddrPortFrom(ip, 0).String()
			}
		}
		next.ServeHTTP(w, r)
	})
}

// forwardedClient finds the client in X-Forwarded-For. Each proxy appends
// the address it was called from, so only the right end of the list is
// written by proxies the operator runs; everything to the left of the
// first untrusted address was sent by the client and may be made up. The
// walk therefore goes right to left, skipping trusted proxies, and stops
// at the first address that is not one: that is the client. Unparsable
// entries stop the walk too (the hop to their right is used). A request
// whose peer is not a trusted proxy keeps its peer address.
func forwardedClient(remote string, xff []string, trusted []netip.Prefix) (netip.Addr, bool) {
	isTrusted := func(a netip.Addr) bool {
		for _, p := range trusted {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	peer, err := netip.ParseAddrPort(remote)
	if err != nil {
		return netip.Addr{}, false
	}
	last := peer.Addr().Unmap()
	if len(trusted) > 0 && !isTrusted(last) {
		return netip.Addr{}, false
	}
	var hops []string
	for _, h := range xff {
		hops = append(hops, strings.Split(h, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		last = a.Unmap().WithZone("")
		// Without configured proxies only the peer is trusted: the
		// rightmost entry, which it wrote, is the client.
		if len(trusted) == 0 || !isTrusted(last) {
			break
		}
	}
	return last, last != peer.Addr().Unmap()
}

// clientIP is the address rate limits count against.
func (s *Server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
