package http

import (
	"log/slog"
	"net/http"
	"strconv"

	"github.com/kycd/kycd/http/httperr"
	"github.com/kycd/kycd/reason"
)

// ErrorBody is the JSON shape of every error.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail carries a stable code and a message in the caller's language.
type ErrorDetail struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Fix       string            `json:"fix,omitempty"`
	Field     string            `json:"field,omitempty"`
	Params    map[string]string `json:"params,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
}

// writeError answers err with the status httperr's table gives it.
// Unexpected errors are logged with the request id and reach the client
// only as "internal".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	pb := httperr.Of(err)
	rid := requestID(r.Context())
	lang := s.lang(r)
	if pb.Findings != nil {
		writeJSON(w, pb.Status, map[string]any{
			"error":    ErrorDetail{Code: pb.Code, Message: reason.Message(lang, pb.Code), RequestID: rid},
			"findings": reason.LocalizeAll(pb.Findings, lang)})
		return
	}
	if pb.Unexpected {
		s.log.ErrorContext(r.Context(), "request failed", "request_id", rid, "err", err)
		pb.Params = []string{"request_id", rid}
	}
	f := pb.Localize(lang)
	switch pb.Status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		ra := f.Params["retry_after"]
		switch {
		case ra != "":
		case pb.Status == http.StatusServiceUnavailable:
			ra = "5" // a database or a check slot is back within seconds
		default:
			ra = strconv.Itoa(60)
		}
		w.Header().Set("Retry-After", ra)
	}
	body := ErrorBody{Error: ErrorDetail{Code: pb.Code, Message: f.Message, Fix: f.Fix, Field: f.Field, Params: f.Params, RequestID: rid}}
	if pb.Status >= 500 {
		s.log.WarnContext(r.Context(), "server error", slog.String("code", pb.Code), slog.String("request_id", rid))
	}
	writeJSON(w, pb.Status, body)
}
