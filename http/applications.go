package http

import (
	"net/http"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

type applicationCreateRequest struct {
	Level        int    `json:"level"`
	DocumentType string `json:"document_type"`
}

// localize fills the messages of every finding in an application view.
func (s *Server) localizeView(r *http.Request, v *kycd.ApplicationView) *kycd.ApplicationView {
	v.Localize(s.lang(r))
	return v
}

func (s *Server) handleApplicationCreate(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var req applicationCreateRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.svc.OpenApplication(r.Context(), p, req.Level)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if req.DocumentType != "" {
		v.Requirements = s.svc.RequirementsFor(v.Level, req.DocumentType)
	}
	writeJSON(w, http.StatusCreated, s.localizeView(r, v))
}

func (s *Server) handleApplicationList(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	vs, err := s.svc.ListApplications(r.Context(), p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for _, v := range vs {
		s.localizeView(r, v)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": vs})
}

func (s *Server) handleApplicationGet(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	v, err := s.svc.GetApplication(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.localizeView(r, v))
}

func (s *Server) handleApplicationIdentity(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var in kycd.Identity
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.svc.SaveIdentity(r.Context(), p, r.PathValue("id"), in)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.localizeView(r, v)
	writeJSON(w, http.StatusOK, map[string]any{"findings": v.Findings, "identity": v.Identity, "decoded": v.Decoded,
		"requirements": v.Requirements, "ready": !reason.AnyBlocking(v.Findings)})
}

type documentAttachRequest struct {
	UploadID string `json:"upload_id"`
	Kind     string `json:"kind"`
}

func (s *Server) handleDocumentAttach(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var req documentAttachRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := s.svc.AttachDocument(r.Context(), p, r.PathValue("id"), req.UploadID, req.Kind)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Localize(s.lang(r))
	writeJSON(w, http.StatusCreated, d)
}

func (s *Server) handleApplicationPrecheck(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	ready, fs, err := s.svc.Precheck(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ready": ready, "findings": reason.LocalizeAll(fs, s.lang(r))})
}

func (s *Server) handleApplicationSubmit(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	v, err := s.svc.Submit(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.localizeView(r, v))
}

func (s *Server) handleDocumentContent(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	// ?display=1: as a page can show it (a HEIC photo as a JPEG).
	content := s.svc.DocumentContent
	if r.URL.Query().Get("display") != "" {
		content = s.svc.DocumentDisplay
	}
	rc, d, err := content(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	defer rc.Close()
	serveDocument(w, rc, d)
}

// handleIdentityCheck validates a form without an account, for live
// feedback while the user types. It is rate-limited per address.
func (s *Server) handleIdentityCheck(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	if err := s.svc.LimitCheck(s.clientIP(r)); err != nil {
		s.writeError(w, r, err)
		return
	}
	// The same type and decoder as PUT …/identity: what one accepts, the
	// other does.
	var form kycd.Identity
	if err := decode(w, r, &form); err != nil {
		s.writeError(w, r, err)
		return
	}
	res, err := s.svc.CheckIdentity(form)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	res.Findings = reason.LocalizeAll(res.Findings, s.lang(r))
	writeJSON(w, http.StatusOK, res)
}
