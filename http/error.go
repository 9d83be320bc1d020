package http

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

// statusOf is the one table from domain codes to HTTP statuses. Codes not
// listed are client mistakes about content (400) when the catalogue knows
// them, and server faults (500) otherwise.
var statusOf = map[string]int{
	"request.invalid":            http.StatusBadRequest,
	"request.too_large":          http.StatusRequestEntityTooLarge,
	"request.rate_limited":       http.StatusTooManyRequests,
	"otp.cooldown":               http.StatusTooManyRequests,
	"request.not_found":          http.StatusNotFound,
	"request.method_not_allowed": http.StatusMethodNotAllowed,
	"auth.required":              http.StatusUnauthorized,
	"auth.invalid_credentials":   http.StatusUnauthorized,
	"auth.forbidden":             http.StatusForbidden,
	"auth.csrf":                  http.StatusForbidden,
	"account.exists":             http.StatusConflict,
	"account.not_found":          http.StatusNotFound,
	"invite.unknown":             http.StatusUnprocessableEntity,
	"email.invalid":              http.StatusUnprocessableEntity,
	"phone.invalid":              http.StatusUnprocessableEntity,
	"password.too_short":         http.StatusUnprocessableEntity,
	"password.too_long":          http.StatusUnprocessableEntity,
	"password.common":            http.StatusUnprocessableEntity,
	"otp.invalid":                http.StatusUnprocessableEntity,
	"otp.expired":                http.StatusUnprocessableEntity,
	"otp.already_verified":       http.StatusConflict,
	"channel.invalid":            http.StatusUnprocessableEntity,
	"role.invalid":               http.StatusUnprocessableEntity,
	"level.invalid":              http.StatusUnprocessableEntity,
	"application.exists":         http.StatusConflict,
	"application.level_reached":  http.StatusConflict,
	"application.level_locked":   http.StatusForbidden,
	"application.locked":         http.StatusConflict,
	"application.rejected_final": http.StatusForbidden,
	"application.not_ready":      http.StatusUnprocessableEntity,
	"application.not_found":      http.StatusNotFound,
	"upload.not_found":           http.StatusNotFound,
	"review.claimed":             http.StatusConflict,
	"review.not_claimed":         http.StatusConflict,
	"review.not_in_review":       http.StatusConflict,
	"review.four_eyes":           http.StatusForbidden,
	"unavailable":                http.StatusServiceUnavailable,
}

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

// writeError answers err. Unknown errors are logged with the request id
// and reach the client only as "internal".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var fe *kycd.FindingsError
	if errors.As(err, &fe) {
		lang := s.lang(r)
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{
			"error":    ErrorDetail{Code: fe.Code, Message: reason.Message(lang, fe.Code), RequestID: requestID(r.Context())},
			"findings": reason.LocalizeAll(fe.Findings, lang)})
		return
	}
	var de *kycd.Error
	rid := requestID(r.Context())
	if !errors.As(err, &de) || de.Code == kycd.ECONFLICT {
		s.log.ErrorContext(r.Context(), "request failed", "request_id", rid, "err", err)
		de = &kycd.Error{Code: "internal", Params: []string{"request_id", rid}}
	}
	if de.Code == kycd.ENOTFOUND {
		de = &kycd.Error{Code: "request.not_found"}
	}
	status, ok := statusOf[de.Code]
	if !ok {
		if _, known := reason.Lookup(de.Code); known && de.Code != "internal" {
			status = http.StatusBadRequest
		} else {
			status = http.StatusInternalServerError
		}
	}
	f := reason.New(de.Code, de.Params...).Localize(s.lang(r))
	if status == http.StatusTooManyRequests {
		if ra := f.Params["retry_after"]; ra != "" {
			w.Header().Set("Retry-After", ra)
		} else {
			w.Header().Set("Retry-After", strconv.Itoa(60))
		}
	}
	if de.Code == "request.invalid" && de.Detail != "" {
		f.Message = reason.Message(s.lang(r), "request.invalid", "detail", de.Detail)
	}
	body := ErrorBody{Error: ErrorDetail{Code: de.Code, Message: f.Message, Fix: f.Fix, Field: f.Field, Params: f.Params, RequestID: rid}}
	if status >= 500 {
		s.log.WarnContext(r.Context(), "server error", slog.String("code", de.Code), slog.String("request_id", rid))
	}
	writeJSON(w, status, body)
}
