package web

import (
	"net/http"

	"github.com/kycd/kycd"
)

// routes lists every page. Forms post back to the page that shows them;
// the live parts (identity checks, uploads) call the JSON API from
// static/app.js with the same session cookie.
func (s *server) routes() {
	applicant := s.requireRole(kycd.RoleApplicant)
	reviewer := s.requireRole(kycd.ReviewerRoles...)
	senior := s.requireRole(kycd.SeniorRoles...)
	admin := s.requireRole(kycd.RoleAdmin)
	m := s.mux
	m.Handle("GET /static/", s.static())
	// Browsers ask for /favicon.ico whatever the page links to (feed
	// readers, bookmarks): the same icon answers there instead of a 404.
	m.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})
	m.HandleFunc("GET /{$}", s.handleHome)

	m.HandleFunc("GET /register", s.handleRegisterForm)
	m.HandleFunc("POST /register", s.handleRegister)
	m.HandleFunc("GET /verify", applicant(s.handleVerifyForm))
	m.HandleFunc("POST /verify", applicant(s.handleVerify))
	m.HandleFunc("GET /login", s.handleLoginForm)
	m.HandleFunc("POST /login", s.handleLogin)
	m.HandleFunc("POST /logout", s.handleLogout)
	m.HandleFunc("GET /reset", s.handleResetForm)
	m.HandleFunc("POST /reset", s.handleReset)

	m.HandleFunc("POST /apply", applicant(s.handleApplyStart))
	m.HandleFunc("GET /apply/{id}", applicant(s.handleApplyStep))
	m.HandleFunc("GET /apply/{id}/identity", applicant(s.handleIdentityForm))
	m.HandleFunc("POST /apply/{id}/identity", applicant(s.handleIdentity))
	m.HandleFunc("GET /apply/{id}/documents", applicant(s.handleDocuments))
	m.HandleFunc("GET /apply/{id}/review", applicant(s.handleApplyReview))
	m.HandleFunc("POST /apply/{id}/submit", applicant(s.handleSubmit))
	m.HandleFunc("GET /status", applicant(s.handleStatus))
	m.HandleFunc("GET /account", applicant(s.handleAccountPage))
	m.HandleFunc("GET /account/export", applicant(s.handleAccountExport))
	m.HandleFunc("POST /account/close", applicant(s.handleAccountClose))

	m.HandleFunc("GET /review", reviewer(s.handleQueue))
	m.HandleFunc("POST /review/next", reviewer(s.handleNext))
	m.HandleFunc("GET /review/{id}", reviewer(s.handleCase))
	m.HandleFunc("POST /review/{id}/claim", reviewer(s.handleClaim))
	m.HandleFunc("POST /review/{id}/release", reviewer(s.handleRelease))
	m.HandleFunc("POST /review/{id}/decision", reviewer(s.handleDecision))
	m.HandleFunc("POST /review/{id}/confirm", senior(s.handleConfirm))
	m.HandleFunc("GET /review/documents/{id}", reviewer(s.handleReviewDocument))
	m.HandleFunc("GET /review/documents/{id}/card", reviewer(s.handleReviewCard))

	m.HandleFunc("GET /admin", admin(s.handleDashboard))
	m.HandleFunc("GET /admin/", admin(s.handleDashboard))

	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, kycd.ErrorWith("request.not_found"))
	})
}
