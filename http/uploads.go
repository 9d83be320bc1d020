package http

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/tus/tusd/v2/pkg/handler"
	"github.com/tus/tusd/v2/pkg/memorylocker"
	expslog "golang.org/x/exp/slog"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/http/httperr"
	"github.com/kycd/kycd/reason"
	"github.com/kycd/kycd/tusstore"
)

// UploadsPath is where the tus endpoint is mounted.
const UploadsPath = "/v1/uploads/"

// newTus builds tusd's unrouted handler over kycd's store. The creation and
// termination extensions are on; downloads are off (documents are read
// through the API, with authorization and audit), and so is concatenation.
func (s *Server) newTus() *handler.UnroutedHandler {
	comp := handler.NewStoreComposer()
	tusstore.New(s.svc).UseIn(comp)
	// The lock serialises requests on one upload within an instance; across
	// instances the store's compare-and-set on the offset keeps writes
	// consistent.
	memorylocker.New().UseIn(comp)
	h, err := handler.NewUnroutedHandler(handler.Config{
		BasePath:                UploadsPath,
		StoreComposer:           comp,
		MaxSize:                 kycd.MaxVideoBytes,
		DisableDownload:         true,
		DisableConcatenation:    true,
		RespectForwardedHeaders: s.opt.TrustProxyHeaders,
		Cors:                    &handler.CorsConfig{Disable: true},
		// tusd logs every request with its URL; kycd logs requests itself.
		Logger: expslog.New(expslog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		panic("http: tus handler: " + err.Error()) // only on an invalid static config
	}
	return h
}

func (s *Server) tusHandler(f func(h *handler.UnroutedHandler) http.HandlerFunc) func(http.ResponseWriter, *http.Request, kycd.Principal) {
	return func(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
		ctx, out := tusstore.WithOutcome(r.Context())
		r = r.WithContext(ctx)
		// When the request must end (the server's grace period is over, or
		// the client went away), unblock the body read at once: the store
		// then keeps what arrived as a segment instead of losing it.
		stop := context.AfterFunc(ctx, func() { _ = http.NewResponseController(w).SetReadDeadline(time.Now()) })
		defer stop()
		tw := &tusWriter{ResponseWriter: w, out: out}
		// tusd's handlers read the upload id from the path below the base.
		r = r.WithContext(httperr.WithLang(r.Context(), s.lang(r)))
		http.StripPrefix(strings.TrimSuffix(UploadsPath, "/"), s.tus.Middleware(f(s.tus))).ServeHTTP(tw, r)
		if tw.failed != 0 {
			s.writeTusError(w, r, tw.failed, out.Err(), tw.body.Bytes())
		}
	}
}

// tusWriter passes tusd's successful answers through (adding the upload's
// expiry) and holds back its refusals, which tusd writes as plain text, so
// that they can be answered in kycd's JSON shape.
type tusWriter struct {
	http.ResponseWriter
	out    *tusstore.Outcome
	failed int
	body   bytes.Buffer
}

func (t *tusWriter) WriteHeader(status int) {
	if status >= 400 {
		t.failed = status
		return
	}
	if exp := t.out.Expires(); !exp.IsZero() {
		h := t.Header()
		h.Set("Upload-Expires", exp.UTC().Format(http.TimeFormat))
	}
	t.ResponseWriter.WriteHeader(status)
}

func (t *tusWriter) Write(b []byte) (int, error) {
	if t.failed != 0 {
		if t.body.Len() < 4<<10 {
			t.body.Write(b)
		}
		return len(b), nil
	}
	return t.ResponseWriter.Write(b)
}

// Unwrap lets tusd's http.ResponseController reach the connection.
func (t *tusWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }

// writeTusError answers a refused tus request in the JSON error shape. A
// refusal from kycd's store carries its domain error and gets the status of
// kycd's table; one from tusd itself (a malformed header, an offset that
// does not match) keeps tusd's status, which tus clients act on (409 and
// 423 make them ask HEAD and resume), with a generic code. Nothing of the
// server's own error text reaches the client.
func (s *Server) writeTusError(w http.ResponseWriter, r *http.Request, status int, err error, body []byte) {
	h := w.Header()
	h.Del("Content-Length")
	h.Del("Content-Type")
	if err != nil {
		// The table's status, but tus's own for a checksum mismatch.
		if pb := httperr.Of(err); pb.TusStatus() != pb.Status {
			w = statusAs{w, pb.TusStatus()}
		}
		s.writeError(w, r, err)
		return
	}
	if status >= 500 {
		s.writeError(w, r, fmt.Errorf("tus: %d %s", status, body))
		return
	}
	code, detail := "request.invalid", ""
	switch status {
	case http.StatusNotFound, http.StatusGone:
		code = "upload.not_found"
	case http.StatusRequestEntityTooLarge:
		code = "request.too_large"
	default:
		// tusd's text is "ERR_CODE: what was wrong with the request".
		if _, msg, ok := strings.Cut(string(body), ": "); ok {
			detail = strings.TrimSpace(msg)
		}
	}
	lang := s.lang(r)
	msg := reason.Message(lang, code)
	if detail != "" {
		msg = reason.Message(lang, code, "detail", detail)
	}
	writeJSON(w, status, ErrorBody{Error: ErrorDetail{Code: code, Message: msg, RequestID: requestID(r.Context())}})
}

// statusAs writes its status instead of the one asked for.
type statusAs struct {
	http.ResponseWriter
	status int
}

func (s statusAs) WriteHeader(int) { s.ResponseWriter.WriteHeader(s.status) }
