package http

import (
	"net/http"
	"strconv"

	"github.com/kycd/kycd"
)

type webhookRequest struct {
	URL    string   `json:"url"`
	Events []string `json:"events"`
}

func (s *Server) handleWebhookCreate(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var req webhookRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	ep, err := s.svc.CreateWebhook(r.Context(), p, req.URL, req.Events)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// The secret is shown once, here.
	writeJSON(w, http.StatusCreated, map[string]any{"id": ep.ID, "url": ep.URL, "events": ep.Events, "secret": ep.Secret,
		"created_at": ep.CreatedAt})
}

func (s *Server) handleWebhookList(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	eps, err := s.svc.Webhooks(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": eps})
}

func (s *Server) handleWebhookDelete(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	if err := s.svc.DeleteWebhook(r.Context(), p, r.PathValue("id")); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleWebhookRotate(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	secret, err := s.svc.RotateWebhookSecret(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// The new secret is shown once, here.
	writeJSON(w, http.StatusOK, map[string]string{"id": r.PathValue("id"), "secret": secret})
}

func (s *Server) handleAPIKeyRevoke(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	if err := s.svc.RevokeAPIKey(r.Context(), p, r.PathValue("id")); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleStaffDisable(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	a, err := s.svc.DisableStaff(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": a.ID, "role": a.Role, "disabled_at": a.DisabledAt})
}

func (s *Server) handleWebhookDeliveries(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	ds, err := s.svc.WebhookDeliveries(r.Context(), limit)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": ds})
}

func (s *Server) handleScreeningLists(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	ls, err := s.svc.ScreeningLists(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": ls})
}

// handleScreening screens one name for an operator's backend.
func (s *Server) handleScreening(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	var req kycd.ScreeningRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	ans, err := s.svc.ScreenName(req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ans)
}
