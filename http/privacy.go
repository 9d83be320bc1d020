package http

import (
	"net/http"

	"github.com/kycd/kycd"
)

// handleMeExport streams the caller's own data as a ZIP. What goes in is
// the service's decision (kycd.ExportAccount); this only frames it.
func (s *Server) handleMeExport(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	x, err := s.svc.ExportAccount(r.Context(), p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="kycd-export-`+p.AccountID+`.zip"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := x.WriteZIP(r.Context(), w); err != nil {
		// The status is sent; a broken ZIP is what the client gets, and
		// the log says why (no personal data: the error names blob keys).
		s.log.ErrorContext(r.Context(), "export interrupted", "err", err)
	}
}

type closeRequest struct {
	Password string `json:"password"`
}

// handleMeDelete closes the caller's account after re-authentication and
// answers what was erased and what is kept, until when and why.
func (s *Server) handleMeDelete(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var req closeRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	rep, err := s.svc.CloseAccount(r.Context(), p, req.Password)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	lang := s.lang(r)
	for i := range rep.Kept {
		rep.Kept[i].Reason = rep.Kept[i].Reason.Localize(lang)
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true})
	writeJSON(w, http.StatusOK, rep)
}

type holdRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) handleHoldCreate(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var req holdRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	h, err := s.svc.PlaceHold(r.Context(), p, r.PathValue("id"), req.Reason)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, h)
}

func (s *Server) handleHoldList(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	hs, err := s.svc.Holds(r.Context(), p, kycd.HoldFilter{AccountID: r.URL.Query().Get("account"),
		Active: r.URL.Query().Get("all") != "true"})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": hs})
}

func (s *Server) handleHoldRelease(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	if err := s.svc.ReleaseHold(r.Context(), p, r.PathValue("id")); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
