package http

import (
	"net/http"
	"time"

	"github.com/kycd/kycd"
)

type accountCreateRequest struct {
	Email      string `json:"email"`
	Phone      string `json:"phone"`
	Password   string `json:"password"`
	InviteCode string `json:"invite_code"`
	Locale     string `json:"locale"`
}

type tokenResponse struct {
	ID        string    `json:"id,omitempty"`
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (s *Server) handleAccountCreate(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	var req accountCreateRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	locale := req.Locale
	if locale == "" {
		locale = s.lang(r)
	}
	a, token, err := s.svc.Register(r.Context(), kycd.RegisterInput{Email: req.Email, Phone: req.Phone,
		Password: req.Password, InviteCode: req.InviteCode, Locale: locale, ClientIP: s.clientIP(r)})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.setSessionCookie(w, r, token)
	writeJSON(w, http.StatusCreated, tokenResponse{ID: a.ID, Token: token, ExpiresAt: s.sessionExpiry()})
}

func (s *Server) sessionExpiry() time.Time { return s.svc.Now().Add(s.svc.Settings.SessionTTL) }

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: r.TLS != nil || !s.opt.Dev, SameSite: http.SameSiteLaxMode, MaxAge: int(s.svc.Settings.SessionTTL.Seconds())})
}

type verifyRequest struct {
	Channel string `json:"channel"`
	Code    string `json:"code"`
}

func (s *Server) handleAccountVerify(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var req verifyRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if _, err := s.svc.Verify(r.Context(), p, req.Channel, req.Code); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeProfile(w, r, p)
}

type resendRequest struct {
	Channel string `json:"channel"`
}

func (s *Server) handleAccountResend(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var req resendRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.svc.Resend(r.Context(), p, req.Channel); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "sent"})
}

type sessionCreateRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func (s *Server) handleSessionCreate(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	var req sessionCreateRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	a, token, err := s.svc.Login(r.Context(), req.Email, req.Password, s.clientIP(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.setSessionCookie(w, r, token)
	writeJSON(w, http.StatusCreated, tokenResponse{ID: a.ID, Token: token, ExpiresAt: s.sessionExpiry()})
}

func (s *Server) handleSessionDelete(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	if err := s.svc.Logout(r.Context(), bearer(r)); err != nil {
		s.writeError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true})
	w.WriteHeader(http.StatusNoContent)
}

type resetRequest struct {
	Email string `json:"email"`
}

func (s *Server) handlePasswordResetRequest(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	var req resetRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.svc.RequestPasswordReset(r.Context(), req.Email, s.clientIP(r)); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "if the address is registered, a code has been sent"})
}

type resetConfirmRequest struct {
	Email    string `json:"email"`
	Code     string `json:"code"`
	Password string `json:"password"`
}

func (s *Server) handlePasswordResetConfirm(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	var req resetConfirmRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.svc.ResetPassword(r.Context(), req.Email, req.Code, req.Password, s.clientIP(r)); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleMe(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	s.writeProfile(w, r, p)
}

func (s *Server) writeProfile(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	prof, err := s.svc.Me(r.Context(), p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, prof)
}

func (s *Server) handleMeInvitations(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	inv, err := s.svc.Invitations(r.Context(), p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"invitations": inv})
}

func (s *Server) handleAdminAccount(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	sum, err := s.svc.AdminAccount(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, sum)
}

type inviteRequest struct {
	Benefit string `json:"benefit"`
}

func (s *Server) handleAdminInvite(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var req inviteRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.svc.SetInviteBenefit(r.Context(), p, r.PathValue("code"), req.Benefit); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"code": kycd.NormalizeInviteCode(r.PathValue("code")), "benefit": req.Benefit})
}

func (s *Server) handleLevels(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	writeJSON(w, http.StatusOK, s.svc.Policy)
}

func (s *Server) handleDevOutbox(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	msgs := []kycd.Message{}
	if s.opt.Outbox != nil {
		msgs = s.opt.Outbox.Messages()
	}
	writeJSON(w, http.StatusOK, msgs)
}
