package http

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

func (s *Server) handleReviewQueue(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	q := r.URL.Query()
	level, _ := strconv.Atoi(q.Get("level"))
	limit, _ := strconv.Atoi(q.Get("limit"))
	items, err := s.svc.Queue(r.Context(), p, kycd.QueueFilter{Level: level, Claimed: q.Get("claimed"), Flag: q.Get("flag"), Limit: limit})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (s *Server) handleReviewClaim(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	it, err := s.svc.Claim(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, it)
}

// handleReviewNext claims the next case; a POST because claiming changes
// who holds the case (a link prefetcher or crawler must not take cases).
func (s *Server) handleReviewNext(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	it, err := s.svc.ClaimNext(r.Context(), p, r.URL.Query().Get("after"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, it)
}

func (s *Server) handleReviewRelease(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	if err := s.svc.Release(r.Context(), p, r.PathValue("id")); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleReviewCase(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	cv, err := s.svc.Case(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	cv.Localize(s.lang(r))
	for i := range cv.Documents {
		d := &cv.Documents[i]
		exp, sig := s.svc.DocumentLink(d.DocumentID, p.AccountID)
		q := "?exp=" + strconv.FormatInt(exp, 10) + "&sig=" + sig
		d.URL = "/v1/review/documents/" + d.DocumentID + "/content" + q
		if d.Outline != nil {
			d.CardURL = "/v1/review/documents/" + d.DocumentID + "/card" + q
		}
	}
	writeJSON(w, http.StatusOK, cv)
}

func (s *Server) handleReviewDocument(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	s.serveSignedDocument(w, r, p, s.svc.DocumentContent)
}

// handleReviewCard answers the rectified document (CaseDocument.CardURL),
// under the same signed link as the photo itself.
func (s *Server) handleReviewCard(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	s.serveSignedDocument(w, r, p, s.svc.DocumentCard)
}

func (s *Server) serveSignedDocument(w http.ResponseWriter, r *http.Request, p kycd.Principal,
	open func(context.Context, kycd.Principal, string) (io.ReadCloser, *kycd.Document, error)) {
	id := r.PathValue("id")
	exp, err := strconv.ParseInt(r.URL.Query().Get("exp"), 10, 64)
	if err != nil || !s.svc.DocumentLinkValid(id, p.AccountID, exp, r.URL.Query().Get("sig")) {
		s.writeError(w, r, kycd.ErrorWith("request.not_found"))
		return
	}
	rc, d, err := open(r.Context(), p, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	defer rc.Close()
	serveDocument(w, rc, d)
}

func serveDocument(w http.ResponseWriter, rc io.Reader, d *kycd.Document) {
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(d.Size, 10))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; media-src 'self'; sandbox")
	io.Copy(w, rc)
}

// reasonInput accepts a reason as a bare code or as {code, item}.
type reasonInput kycd.Reason

func (ri *reasonInput) UnmarshalJSON(b []byte) error {
	var code string
	if err := json.Unmarshal(b, &code); err == nil {
		ri.Code = code
		return nil
	}
	var r kycd.Reason
	if err := json.Unmarshal(b, &r); err != nil {
		return err
	}
	*ri = reasonInput(r)
	return nil
}

type decisionRequest struct {
	Decision   string        `json:"decision"`
	RejectType string        `json:"reject_type"`
	Reasons    []reasonInput `json:"reasons"`
	Comment    string        `json:"comment"`
	Note       string        `json:"note"`
}

func (s *Server) handleReviewDecision(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var req decisionRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	in := kycd.DecisionInput{Decision: req.Decision, RejectType: req.RejectType, Comment: req.Comment, Note: req.Note}
	for _, ri := range req.Reasons {
		in.Reasons = append(in.Reasons, kycd.Reason(ri))
	}
	v, err := s.svc.Decide(r.Context(), p, r.PathValue("id"), in)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.localizeView(r, v))
}

type confirmRequest struct {
	Confirm bool `json:"confirm"`
}

func (s *Server) handleReviewConfirm(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var req confirmRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.svc.ConfirmFinal(r.Context(), p, r.PathValue("id"), req.Confirm)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.localizeView(r, v))
}

// handleReviewReasons lists the reasons a reviewer can pick, localized.
func (s *Server) handleReviewReasons(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	lang := s.lang(r)
	out := []map[string]string{}
	for _, e := range kycd.ReviewReasons() {
		t := e.Text[reason.Match(lang)]
		out = append(out, map[string]string{"code": e.Code, "kind": string(e.Kind), "item": e.Field, "message": t.Message, "fix": t.Fix})
	}
	writeJSON(w, http.StatusOK, map[string]any{"reasons": out})
}

func (s *Server) handleReviewAlerts(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	as, err := s.svc.Alerts(r.Context(), r.URL.Query().Get("all") == "")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": as})
}

type resolveRequest struct {
	Resolution string `json:"resolution"`
}

func (s *Server) handleReviewAlertResolve(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
	var req resolveRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	a, err := s.svc.ResolveAlert(r.Context(), p, r.PathValue("id"), req.Resolution)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}
