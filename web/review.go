package web

import (
	"encoding/base64"
	"html/template"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

type queueData struct {
	Items   []kycd.QueueItem
	Level   int
	Claimed string
	Flag    string
	Me      string
	Decided bool
	Empty   bool
}

func (s *server) handleQueue(w http.ResponseWriter, r *http.Request) {
	rc := reqOf(r)
	q := r.URL.Query()
	level, _ := strconv.Atoi(q.Get("level"))
	d := queueData{Level: level, Claimed: q.Get("claimed"), Flag: strings.TrimSpace(q.Get("flag")), Me: rc.Principal.AccountID,
		Decided: q.Get("decided") != "", Empty: q.Get("empty") != ""}
	items, err := s.svc.Queue(r.Context(), rc.Principal, kycd.QueueFilter{Level: level, Claimed: d.Claimed, Flag: d.Flag, Limit: 200})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Items = items
	s.render(w, r, http.StatusOK, "queue", s.newPage(r, "web.queue.title", d))
}

// handleNext claims the soonest-due case nobody else holds and opens it:
// the desk's "next case" button. A form POST: claiming is a state change,
// which a GET (prefetch, crawler, a link in a mail) must never make.
func (s *server) handleNext(w http.ResponseWriter, r *http.Request) {
	it, err := s.svc.ClaimNext(r.Context(), reqOf(r).Principal, r.FormValue("after"))
	if kycd.ErrorCode(err) == "review.queue_empty" {
		http.Redirect(w, r, "/review?empty=1", http.StatusSeeOther)
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/review/"+it.ApplicationID, http.StatusSeeOther)
}

type pickReason struct {
	Code    string
	Message string
	Item    string
}

type caseDoc struct {
	kycd.CaseDocument
	Image bool
	Video bool
}

type caseData struct {
	Case        *kycd.CaseView
	Current     []caseDoc
	Previous    []caseDoc
	Compare     []kycd.FieldComparison
	Region      string
	Reasons     []pickReason
	Items       []string
	MineClaimed bool
	Senior      bool
	// Face: the selfie against the document's portrait, the two aligned
	// crops as data URLs (the page's policy allows data: images).
	Face                  *kycd.CaseFace
	FaceSelfie, FaceDoc   template.URL
	FaceDistance, FaceMax string
}

func (s *server) handleCase(w http.ResponseWriter, r *http.Request) {
	rc := reqOf(r)
	cv, err := s.svc.Case(r.Context(), rc.Principal, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cv.Localize(rc.Lang)
	d := caseData{Case: cv, Items: []string{"identity"},
		Senior: rc.Principal.Role.In(kycd.SeniorRoles)}
	now := s.svc.Now()
	d.MineClaimed = cv.ClaimedBy == rc.Principal.AccountID && cv.ClaimExpiresAt != nil && now.Before(*cv.ClaimExpiresAt)
	for _, doc := range cv.Documents {
		cd := caseDoc{CaseDocument: doc, Image: strings.HasPrefix(doc.ContentType, "image/"),
			Video: strings.HasPrefix(doc.ContentType, "video/")}
		if doc.Replaced {
			d.Previous = append(d.Previous, cd)
		} else {
			d.Current = append(d.Current, cd)
			if !slices.Contains(d.Items, doc.Kind) {
				d.Items = append(d.Items, doc.Kind)
			}
		}
	}
	// The service marks what the checks found apart; M and F in words,
	// since the desk reads, it does not decode.
	d.Compare = slices.Clone(cv.Compare)
	for i := range d.Compare {
		if c := &d.Compare[i]; c.Field == "sex" {
			for _, v := range []*string{&c.Typed, &c.Decoded, &c.Read} {
				if *v != "" {
					*v = reason.T(rc.Lang, "web.sex."+*v)
				}
			}
		}
	}
	if f := cv.Face; f != nil {
		d.Face = f
		d.FaceDistance, d.FaceMax = strconv.FormatFloat(f.Distance, 'f', 2, 64), strconv.FormatFloat(f.Threshold, 'f', 2, 64)
		if len(f.SelfieChip) > 0 {
			d.FaceSelfie = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(f.SelfieChip))
		}
		if len(f.DocumentChip) > 0 {
			d.FaceDoc = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(f.DocumentChip))
		}
	}
	d.Region = strings.TrimSpace(cv.Decoded["region"] + " " + cv.Decoded["region_code"])
	for _, e := range kycd.ReviewReasons() {
		if !slices.Contains(cv.Reasons, e.Code) {
			continue // not for this case's level or documents
		}
		t := e.Text[rc.Lang]
		item := e.Field
		if item == "" {
			item = "identity"
		}
		d.Reasons = append(d.Reasons, pickReason{Code: e.Code, Message: t.Message, Item: item})
	}
	s.render(w, r, http.StatusOK, "case", s.newPage(r, "web.case.title", d))
}

func (s *server) handleClaim(w http.ResponseWriter, r *http.Request) {
	if _, err := s.svc.Claim(r.Context(), reqOf(r).Principal, r.PathValue("id")); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/review/"+r.PathValue("id"), http.StatusSeeOther)
}

func (s *server) handleRelease(w http.ResponseWriter, r *http.Request) {
	if err := s.svc.Release(r.Context(), reqOf(r).Principal, r.PathValue("id")); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/review", http.StatusSeeOther)
}

// handleDecision reads the decision form: one checkbox per reason code,
// each with the item it concerns, and a private comment.
func (s *server) handleDecision(w http.ResponseWriter, r *http.Request) {
	rc := reqOf(r)
	id := r.PathValue("id")
	in := kycd.DecisionInput{Comment: strings.TrimSpace(r.PostFormValue("comment")), Note: r.PostFormValue("note")}
	switch r.PostFormValue("decision") {
	case "approve":
		in.Decision = "approve"
	case "retry", "final":
		in.Decision, in.RejectType = "reject", r.PostFormValue("decision")
		for _, code := range r.PostForm["reason"] {
			in.Reasons = append(in.Reasons, kycd.Reason{Code: code, Item: r.PostFormValue("item." + code)})
		}
	}
	if _, err := s.svc.Decide(r.Context(), rc.Principal, id, in); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/review?decided=1", http.StatusSeeOther)
}

func (s *server) handleConfirm(w http.ResponseWriter, r *http.Request) {
	if _, err := s.svc.ConfirmFinal(r.Context(), reqOf(r).Principal, r.PathValue("id"), r.PostFormValue("confirm") == "yes"); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/review?decided=1", http.StatusSeeOther)
}

// handleReviewDocument streams a document to the desk, as a browser can
// show it (a HEIC photo as a JPEG). The service checks the role and writes
// the view to the audit log.
func (s *server) handleReviewDocument(w http.ResponseWriter, r *http.Request) {
	s.serveDocument(w, r, s.svc.DocumentDisplay)
}

// handleReviewCard answers the document cut out along the photo check's
// outline and turned upright, shown beside the photo on the desk.
func (s *server) handleReviewCard(w http.ResponseWriter, r *http.Request) {
	s.serveDocument(w, r, s.svc.DocumentCard)
}

func (s *server) serveDocument(w http.ResponseWriter, r *http.Request, open documentOpener) {
	rc, d, err := open(r.Context(), reqOf(r).Principal, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Length", strconv.FormatInt(d.Size, 10))
	h.Set("Cache-Control", "private, no-store")
	// A document is data, never a page: nothing in it may run.
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; media-src 'self'; sandbox")
	io.Copy(w, rc)
}
