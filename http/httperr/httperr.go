// Package httperr is kycd's one table from error codes to HTTP statuses,
// and the wording of an error in the caller's language. The JSON API, the
// tus endpoint and the web pages all answer through it, so one error gets
// one status wherever it is met.
package httperr

import (
	"context"
	"errors"
	"net/http"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

// StatusChecksumMismatch is tus's checksum extension's status.
const StatusChecksumMismatch = 460

// statusOf maps domain codes to statuses. Codes not listed are client
// mistakes about content (400) when the catalogue knows them, and server
// faults (500) otherwise.
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
	"apikey.not_found":           http.StatusNotFound,
	"webhook.not_found":          http.StatusNotFound,
	"invite.unknown":             http.StatusUnprocessableEntity,
	"email.invalid":              http.StatusUnprocessableEntity,
	"phone.invalid":              http.StatusUnprocessableEntity,
	"password.too_short":         http.StatusUnprocessableEntity,
	"password.too_long":          http.StatusUnprocessableEntity,
	"text.too_long":              http.StatusUnprocessableEntity,
	"password.common":            http.StatusUnprocessableEntity,
	"otp.invalid":                http.StatusUnprocessableEntity,
	"otp.format":                 http.StatusUnprocessableEntity,
	"otp.expired":                http.StatusUnprocessableEntity,
	"reset.code_invalid":         http.StatusUnprocessableEntity,
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
	"upload.invalid":             http.StatusUnprocessableEntity,
	"document.too_large":         http.StatusRequestEntityTooLarge,
	"review.claimed":             http.StatusConflict,
	"review.not_claimed":         http.StatusConflict,
	"review.not_in_review":       http.StatusConflict,
	"review.four_eyes":           http.StatusForbidden,
	"review.queue_empty":         http.StatusNotFound,
	"unavailable":                http.StatusServiceUnavailable,
	"data.erased":                http.StatusGone,
	"server.busy":                http.StatusServiceUnavailable,
	"storage.full":               http.StatusInsufficientStorage,
	"upload.quota_exceeded":      http.StatusTooManyRequests,
	"hold.not_found":             http.StatusNotFound,
	"hold.reason_required":       http.StatusUnprocessableEntity,
}

// Problem is an error as a client sees it.
type Problem struct {
	Status int
	Code   string
	Params []string
	// Detail is the programmer's detail of request.invalid (never personal
	// data); it completes that code's message.
	Detail string
	// Findings are the blocking findings of a refused submission.
	Findings []reason.Finding
	// Unexpected marks an error that is not a domain error (or a store
	// conflict nobody turned into one): the caller logs it and the client
	// sees only "internal".
	Unexpected bool
}

// Of classifies err.
func Of(err error) Problem {
	var fe *kycd.FindingsError
	if errors.As(err, &fe) {
		return Problem{Status: http.StatusUnprocessableEntity, Code: fe.Code, Findings: fe.Findings}
	}
	var de *kycd.Error
	if !errors.As(err, &de) || de.Code == kycd.ECONFLICT || de.Code == "internal" {
		return Problem{Status: http.StatusInternalServerError, Code: "internal", Unexpected: true}
	}
	if de.Code == kycd.ENOTFOUND {
		return Problem{Status: http.StatusNotFound, Code: "request.not_found"}
	}
	p := Problem{Code: de.Code, Params: de.Params, Detail: de.Detail}
	if st, ok := statusOf[de.Code]; ok {
		p.Status = st
	} else if _, known := reason.Lookup(de.Code); known {
		p.Status = http.StatusBadRequest
	} else {
		p.Status = http.StatusInternalServerError
	}
	return p
}

// TusStatus is p's status on the tus endpoint: the protocol gives a
// checksum mismatch its own status, which elsewhere is a plain 400.
func (p Problem) TusStatus() int {
	if p.Code == "upload.checksum_mismatch" {
		return StatusChecksumMismatch
	}
	return p.Status
}

// Localize words p in lang: message, fix, field and parameters.
func (p Problem) Localize(lang string) reason.Finding {
	f := reason.New(p.Code, p.Params...).Localize(lang)
	if p.Code == "request.invalid" && p.Detail != "" {
		f.Message = reason.Message(lang, "request.invalid", "detail", p.Detail)
	}
	return f
}

// Text is p's message and fix as one sentence pair, for pages and tus
// bodies that have one line to say it in.
func (p Problem) Text(lang string) string {
	f := p.Localize(lang)
	if f.Fix != "" {
		return f.Message + " " + f.Fix
	}
	return f.Message
}

type langKey struct{}

// WithLang records the caller's language in ctx, for code (tus's data
// store) that words errors without the request at hand.
func WithLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, langKey{}, lang)
}

// Lang is the language WithLang recorded, or the catalogue's default.
func Lang(ctx context.Context) string {
	if l, ok := ctx.Value(langKey{}).(string); ok && l != "" {
		return l
	}
	return reason.Match("")
}
