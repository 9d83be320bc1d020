package kycd

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kycd/kycd/reason"
)

// QueueItem is one case in the review queue.
type QueueItem struct {
	ApplicationID  string     `json:"application_id"`
	Level          int        `json:"level"`
	State          State      `json:"state"`
	Attempt        int        `json:"attempt"`
	SubmittedAt    *time.Time `json:"submitted_at"`
	DueAt          *time.Time `json:"due_at"`
	SLA            string     `json:"sla"` // ok, due_soon (within a quarter of the SLA), overdue
	ClaimedBy      string     `json:"claimed_by,omitempty"`
	ClaimExpiresAt *time.Time `json:"claim_expires_at,omitempty"`
	Flags          []string   `json:"flags"`
	PendingFinal   bool       `json:"pending_final"`
}

// QueueFilter narrows the review queue.
type QueueFilter struct {
	Level int
	// Claimed: "" any, "mine", "unclaimed".
	Claimed string
	// Flag keeps cases carrying this flag (e.g. id_number.duplicate).
	Flag  string
	Limit int
}

// Queue lists cases in review, the soonest due first.
func (s *Service) Queue(ctx context.Context, who Principal, f QueueFilter) ([]QueueItem, error) {
	if err := who.mayDo(ReviewerRoles); err != nil {
		return nil, err
	}
	af := ApplicationFilter{States: []State{StateInReview}, Level: f.Level, Limit: f.Limit}
	apps, err := s.Store.FindApplications(ctx, af)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	out := []QueueItem{}
	for _, a := range apps {
		claimed := a.ClaimedBy
		if a.ClaimExpiresAt != nil && !now.Before(*a.ClaimExpiresAt) {
			claimed = "" // an expired claim is back in the queue
		}
		switch {
		case f.Claimed == "mine" && claimed != who.AccountID,
			f.Claimed == "unclaimed" && claimed != "",
			f.Flag != "" && !slices.Contains(a.Flags, f.Flag):
			continue
		}
		it := QueueItem{ApplicationID: a.ID, Level: a.Level, State: a.State, Attempt: a.Attempt, SubmittedAt: a.SubmittedAt,
			DueAt: a.DueAt, SLA: slaStatus(now, a.DueAt, s.Settings.ReviewSLA), Flags: a.Flags, PendingFinal: a.PendingFinal != nil}
		if it.Flags == nil {
			it.Flags = []string{}
		}
		if claimed != "" {
			it.ClaimedBy, it.ClaimExpiresAt = claimed, a.ClaimExpiresAt
		}
		out = append(out, it)
	}
	return out, nil
}

func slaStatus(now time.Time, due *time.Time, sla time.Duration) string {
	switch {
	case due == nil:
		return "ok"
	case !now.Before(*due):
		return "overdue"
	case due.Sub(now) < sla/4:
		return "due_soon"
	}
	return "ok"
}

// Claim gives the case to the calling reviewer for the lease period.
func (s *Service) Claim(ctx context.Context, who Principal, id string) (*QueueItem, error) {
	if err := who.mayDo(ReviewerRoles); err != nil {
		return nil, err
	}
	now := s.Now()
	until := now.Add(s.Settings.ClaimLease)
	var item *QueueItem
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		a, err := tx.FindApplicationByID(ctx, id)
		if IsNotFound(err) {
			return ErrorWith("application.not_found")
		} else if err != nil {
			return err
		}
		if a.State != StateInReview {
			return ErrorWith("review.not_in_review")
		}
		ok, err := tx.ClaimApplication(ctx, id, who.AccountID, until, now)
		if err != nil {
			return err
		}
		if !ok {
			return ErrorWith("review.claimed")
		}
		item = &QueueItem{ApplicationID: a.ID, Level: a.Level, State: a.State, Attempt: a.Attempt, DueAt: a.DueAt,
			SubmittedAt: a.SubmittedAt, ClaimedBy: who.AccountID, ClaimExpiresAt: &until, Flags: a.Flags,
			SLA: slaStatus(now, a.DueAt, s.Settings.ReviewSLA), PendingFinal: a.PendingFinal != nil}
		if item.Flags == nil {
			item.Flags = []string{}
		}
		return s.audit(ctx, tx, who.Actor(), "review.claimed", a.ID, nil)
	})
	return item, err
}

// ClaimNext claims the soonest-due case in review that nobody else holds
// (skipping after, the case the reviewer just left) and returns it;
// ENOTFOUND review.queue_empty when there is none. It changes state, so
// the adapters offer it only on POST.
func (s *Service) ClaimNext(ctx context.Context, who Principal, after string) (*QueueItem, error) {
	if err := who.mayDo(ReviewerRoles); err != nil {
		return nil, err
	}
	items, err := s.Queue(ctx, who, QueueFilter{Limit: 200})
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if it.ApplicationID == after || (it.ClaimedBy != "" && it.ClaimedBy != who.AccountID) {
			continue
		}
		item, err := s.Claim(ctx, who, it.ApplicationID)
		if err == nil {
			return item, nil
		}
		if c := ErrorCode(err); c != "review.claimed" && c != "review.not_in_review" {
			return nil, err
		}
		// Taken or decided by someone a moment ago: try the next one.
	}
	return nil, ErrorWith("review.queue_empty")
}

// Release gives a claimed case back to the queue.
func (s *Service) Release(ctx context.Context, who Principal, id string) error {
	if err := who.mayDo(ReviewerRoles); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx Tx) error {
		a, err := s.heldCase(ctx, tx, who, id)
		if err != nil {
			return err
		}
		a.ClaimedBy, a.ClaimExpiresAt = "", nil
		if err := tx.UpdateApplication(ctx, a); err != nil {
			return err
		}
		return s.audit(ctx, tx, who.Actor(), "review.released", a.ID, nil)
	})
}

// heldCase loads a case the caller holds a live claim on.
func (s *Service) heldCase(ctx context.Context, tx Tx, who Principal, id string) (*Application, error) {
	a, err := tx.FindApplicationByID(ctx, id)
	if IsNotFound(err) {
		return nil, ErrorWith("application.not_found")
	} else if err != nil {
		return nil, err
	}
	if a.State != StateInReview {
		return nil, ErrorWith("review.not_in_review")
	}
	if a.ClaimedBy != who.AccountID || a.ClaimExpiresAt == nil || !s.Now().Before(*a.ClaimExpiresAt) {
		return nil, ErrorWith("review.not_claimed")
	}
	return a, nil
}

// CaseView is everything a reviewer sees of a case.
type CaseView struct {
	ApplicationID string            `json:"application_id"`
	AccountID     string            `json:"account_id"`
	Level         int               `json:"level"`
	State         State             `json:"state"`
	Attempt       int               `json:"attempt"`
	Identity      Identity          `json:"identity"`
	Decoded       map[string]string `json:"decoded"`
	// Compare sets typed, decoded and read values side by side, marked
	// where a check found them apart.
	Compare  []FieldComparison `json:"compare"`
	Findings []reason.Finding  `json:"findings"`
	// Screening lists the sanctions/PEP hits with list, entry and score.
	Screening []reason.Finding `json:"screening"`
	Flags     []string         `json:"flags"`
	Documents []CaseDocument   `json:"documents"`
	// Face is the selfie compared with the document's portrait (its
	// finding is among Findings); nil when not compared.
	Face         *CaseFace       `json:"face,omitempty"`
	Decisions    []*Decision     `json:"decisions"`
	Duplicates   []DuplicateLink `json:"duplicates"`
	PendingFinal *Decision       `json:"pending_final,omitempty"`
	// Reasons are the review reasons that fit this case (ReviewReasons
	// whose item the application has).
	Reasons        []string   `json:"reasons"`
	ClaimedBy      string     `json:"claimed_by,omitempty"`
	ClaimExpiresAt *time.Time `json:"claim_expires_at,omitempty"`
	SubmittedAt    *time.Time `json:"submitted_at,omitempty"`
	DueAt          *time.Time `json:"due_at,omitempty"`
}

// CaseDocument is a document with its short-lived content link.
type CaseDocument struct {
	DocumentView
	ContentType string `json:"content_type"`
	// URL is filled by the HTTP layer (a signed, short-lived link).
	URL string `json:"url,omitempty"`
	// CardURL, filled the same way for a photo with an Outline, answers
	// the document cut out along it and turned upright (DocumentCard).
	CardURL string `json:"card_url,omitempty"`
	// Phrase is what the applicant was asked to say, on a selfie video.
	Phrase string `json:"phrase,omitempty"`
}

// DuplicateLink points at another account's case that shares the document
// number or a photo.
type DuplicateLink struct {
	Code string `json:"code"`
	// Kind is, for photo.duplicate, which of this case's photos matched.
	Kind          string `json:"kind,omitempty"`
	ApplicationID string `json:"application_id"`
	AccountID     string `json:"account_id"`
	State         State  `json:"state"`
}

// Case returns a case for review; every view is recorded in the audit log,
// since it shows personal data.
func (s *Service) Case(ctx context.Context, who Principal, id string) (*CaseView, error) {
	if err := who.mayDo(ReviewerRoles); err != nil {
		return nil, err
	}
	a, err := s.Store.FindApplicationByID(ctx, id)
	if IsNotFound(err) || (err == nil && a.State == StateDraft) {
		return nil, ErrorWith("application.not_found")
	} else if err != nil {
		return nil, err
	}
	docs, err := s.Store.FindDocuments(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	decs, err := s.Store.FindDecisions(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	cv := &CaseView{ApplicationID: a.ID, AccountID: a.AccountID, Level: a.Level, State: a.State, Attempt: a.Attempt,
		Identity: a.Identity, Decoded: a.Decoded, Findings: nonNil(a.IdentityFindings), Screening: nonNil(a.Screening), Flags: a.Flags,
		Documents: []CaseDocument{}, Decisions: decs, Duplicates: []DuplicateLink{}, PendingFinal: a.PendingFinal,
		ClaimedBy: a.ClaimedBy, ClaimExpiresAt: a.ClaimExpiresAt, SubmittedAt: a.SubmittedAt, DueAt: a.DueAt,
		Reasons: s.caseReasons(a)}
	if cv.Flags == nil {
		cv.Flags = []string{}
	}
	face, faceFindings := caseFace(a, docs)
	cv.Face, cv.Findings = face, append(cv.Findings, faceFindings...)
	for _, d := range docs {
		dv := docView(d)
		dv.Read = s.readView(a, d)
		cd := CaseDocument{DocumentView: dv, ContentType: d.ContentType}
		if d.Kind == KindSelfieVideo {
			cd.Phrase = s.videoPhrase(a.ID, d.Attempt)
		}
		cv.Documents = append(cv.Documents, cd)
		if d.HasPHash && d.ReplacedAt == nil {
			dups, err := s.duplicatePhotos(ctx, d.PHash, a.ID)
			if err != nil {
				return nil, err
			}
			// One line per photo and other application, however many of
			// that application's photos (and earlier attempts) match.
			for _, c := range dups {
				if slices.ContainsFunc(cv.Duplicates, func(l DuplicateLink) bool { return l.Kind == d.Kind && l.ApplicationID == c.ApplicationID }) {
					continue
				}
				other, err := s.Store.FindApplicationByID(ctx, c.ApplicationID)
				if IsNotFound(err) {
					continue
				} else if err != nil {
					return nil, fmt.Errorf("case %s: duplicate application %s: %w", a.ID, c.ApplicationID, err)
				}
				cv.Duplicates = append(cv.Duplicates, DuplicateLink{Code: "photo.duplicate", Kind: d.Kind, ApplicationID: other.ID,
					AccountID: other.AccountID, State: other.State})
			}
		}
	}
	cv.Compare = compareFields(a.Identity, a.Decoded, a.IdentityFindings, cv.Documents)
	if len(a.DocIndex) > 0 {
		others, err := s.Store.FindApplicationsByDocIndex(ctx, a.DocIndex, a.AccountID)
		if err != nil {
			return nil, err
		}
		for _, o := range others {
			cv.Duplicates = append(cv.Duplicates, DuplicateLink{Code: "id_number.duplicate", ApplicationID: o.ID, AccountID: o.AccountID, State: o.State})
		}
	}
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		return s.audit(ctx, tx, who.Actor(), "review.case_viewed", a.ID, nil)
	})
	return cv, err
}

// deskErrors are review.* codes that are the desk's own refusals, not
// reasons a reviewer gives an applicant.
var deskErrors = []string{"review.claimed", "review.not_claimed", "review.not_in_review", "review.decision_invalid", "review.four_eyes"}

// ReviewReasons are the reasons a reviewer may give: the catalogue's
// blocking review.* codes, without the desk's own errors. GET
// /v1/review/reasons lists them; each case lists those that fit it.
func ReviewReasons() []reason.Entry {
	var out []reason.Entry
	for _, e := range reason.All() {
		if strings.HasPrefix(e.Code, "review.") && e.Severity == reason.Blocking && !slices.Contains(deskErrors, e.Code) {
			out = append(out, e)
		}
	}
	return out
}

// caseReasons are the review reasons whose item the application has: a
// level-2 case is not offered the selfie video's or the proof of
// address's reasons.
func (s *Service) caseReasons(a *Application) []string {
	out := []string{}
	for _, e := range ReviewReasons() {
		if e.Field == "" || s.isRedoItem(a, e.Field) {
			out = append(out, e.Code)
		}
	}
	return out
}

// DecisionInput is a reviewer's verdict.
type DecisionInput struct {
	Decision   string
	RejectType string
	Reasons    []Reason
	// Comment is for the desk only; Note is for the applicant.
	Comment string
	Note    string
}

// defaultItem is the item a reviewer's reason concerns when they name none.
func defaultItem(code string) string {
	if e, ok := reason.Lookup(code); ok && e.Field != "" {
		return e.Field
	}
	return "identity"
}

// isRedoItem reports whether item names part of app an applicant can
// redo: "documents", a field of the identity form, or a document kind the
// application takes.
func (s *Service) isRedoItem(app *Application, item string) bool {
	return item == "documents" || slices.Contains(identityFields, item) || s.takesKind(app, item)
}

// Decide records a reviewer's decision on a case they hold. Approval raises
// the level; a retry rejection lists exactly what to redo; a final
// rejection waits for a second senior reviewer when four-eyes is on.
func (s *Service) Decide(ctx context.Context, who Principal, id string, in DecisionInput) (*ApplicationView, error) {
	if err := who.mayDo(ReviewerRoles); err != nil {
		return nil, err
	}
	switch in.Decision {
	case "approve":
	case "reject":
		if in.RejectType != "retry" && in.RejectType != "final" {
			return nil, ErrorWith("review.decision_invalid", "detail", `reject_type must be "retry" or "final"`)
		}
		if len(in.Reasons) == 0 {
			return nil, ErrorWith("review.decision_invalid", "detail", "a rejection needs at least one reason")
		}
	default:
		return nil, ErrorWith("review.decision_invalid", "detail", `decision must be "approve" or "reject"`)
	}
	in.Note = strings.TrimSpace(in.Note)
	if err := checkText("comment", in.Comment, "note", in.Note); err != nil {
		return nil, err
	}
	for i, r := range in.Reasons {
		if err := checkText("reason", r.Code, "item", r.Item); err != nil {
			return nil, err
		}
		e, ok := reason.Lookup(r.Code)
		if !ok || (!strings.HasPrefix(r.Code, "review.") && e.Field == "" && r.Item == "") {
			return nil, ErrorWith("review.decision_invalid", "detail", "unknown reason "+r.Code)
		}
		if r.Item == "" {
			in.Reasons[i].Item = defaultItem(r.Code)
		}
	}
	var out *ApplicationView
	var decided *Application
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		a, err := s.heldCase(ctx, tx, who, id)
		if err != nil {
			return err
		}
		// The item is shown to the applicant as what to redo, so it must
		// name something this application has, not free text.
		for _, r := range in.Reasons {
			if !s.isRedoItem(a, r.Item) {
				return ErrorWith("review.decision_invalid", "detail", "unknown item "+strconv.Quote(r.Item)+" for "+r.Code)
			}
		}
		d := &Decision{ID: NewID(), ApplicationID: a.ID, Attempt: a.Attempt, ReviewerID: who.AccountID, Decision: in.Decision,
			RejectType: in.RejectType, Reasons: in.Reasons, Comment: in.Comment, Note: in.Note, CreatedAt: s.Now()}
		if err := tx.CreateDecision(ctx, d); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, who.Actor(), "review.decided", a.ID, map[string]any{"decision": in.Decision,
			"reject_type": in.RejectType, "reasons": reasonCodes(in.Reasons)}); err != nil {
			return err
		}
		// The note goes with the decision that takes effect; a proposal's
		// waits with the proposal.
		if in.Decision == "approve" || in.RejectType == "retry" || !s.Settings.FourEyes {
			a.Note = in.Note
		}
		switch {
		case in.Decision == "approve":
			if err := s.approve(ctx, tx, a, who); err != nil {
				return err
			}
			decided = a
		case in.RejectType == "retry":
			a.Reasons, a.Redo = userReasons(in.Reasons), redoItems(in.Reasons)
			a.RedoFrom = nil
			if redoIncludesIdentity(a.Redo) {
				from := a.Identity
				a.RedoFrom = &from
			}
			a.ClaimedBy, a.ClaimExpiresAt, a.PendingFinal = "", nil, nil
			if err := s.transition(ctx, tx, a, who, StateActionRequired, map[string]any{"redo": a.Redo}); err != nil {
				return err
			}
			if err := s.emit(ctx, tx, "application.action_required", a, nil); err != nil {
				return err
			}
			decided = a
		case s.Settings.FourEyes:
			// The proposal waits; the case stays in review for a senior.
			a.PendingFinal = d
			a.ClaimedBy, a.ClaimExpiresAt = "", nil
			if err := tx.UpdateApplication(ctx, a); err != nil {
				return err
			}
		default:
			if err := s.rejectFinal(ctx, tx, a, who, in.Reasons); err != nil {
				return err
			}
			decided = a
		}
		out, err = s.view(ctx, tx, a, nil)
		return err
	})
	return s.afterCommit(ctx, out, decided, err)
}

// ConfirmFinal lets a senior reviewer other than the proposer confirm (or
// overturn) a pending final rejection.
func (s *Service) ConfirmFinal(ctx context.Context, who Principal, id string, confirm bool) (*ApplicationView, error) {
	if err := who.mayDo(SeniorRoles); err != nil {
		return nil, err
	}
	var out *ApplicationView
	var decided *Application
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		a, err := s.heldCase(ctx, tx, who, id)
		if err != nil {
			return err
		}
		if a.PendingFinal == nil {
			return ErrorWith("review.decision_invalid", "detail", "there is no final rejection to confirm")
		}
		if a.PendingFinal.ReviewerID == who.AccountID {
			return ErrorWith("review.four_eyes")
		}
		p := a.PendingFinal
		a.PendingFinal = nil
		if err := s.audit(ctx, tx, who.Actor(), "review.final_confirmation", a.ID, map[string]any{"confirmed": confirm, "proposed_by": p.ReviewerID}); err != nil {
			return err
		}
		if !confirm {
			a.ClaimedBy, a.ClaimExpiresAt = "", nil
			if err := tx.UpdateApplication(ctx, a); err != nil {
				return err
			}
		} else {
			if err := tx.CreateDecision(ctx, &Decision{ID: NewID(), ApplicationID: a.ID, Attempt: a.Attempt, ReviewerID: p.ReviewerID,
				Decision: "reject", RejectType: "final", Reasons: p.Reasons, ConfirmedBy: who.AccountID, CreatedAt: s.Now()}); err != nil {
				return err
			}
			a.Note = p.Note
			if err := s.rejectFinal(ctx, tx, a, who, p.Reasons); err != nil {
				return err
			}
			decided = a
		}
		out, err = s.view(ctx, tx, a, nil)
		return err
	})
	return s.afterCommit(ctx, out, decided, err)
}

func (s *Service) rejectFinal(ctx context.Context, tx Tx, a *Application, by Principal, reasons []Reason) error {
	a.Reasons, a.Redo = userReasons(reasons), nil
	a.ClaimedBy, a.ClaimExpiresAt, a.PendingFinal = "", nil, nil
	if err := s.transition(ctx, tx, a, by, StateRejected, nil); err != nil {
		return err
	}
	return s.emit(ctx, tx, "application.rejected", a, nil)
}

func reasonCodes(rs []Reason) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

// userReasons are the findings the applicant sees (localized on read).
func userReasons(rs []Reason) []reason.Finding {
	out := []reason.Finding{}
	for _, r := range rs {
		out = append(out, reason.New(r.Code).WithField(r.Item))
	}
	return out
}

func redoItems(rs []Reason) []string {
	out := []string{}
	for _, r := range rs {
		if !slices.Contains(out, r.Item) {
			out = append(out, r.Item)
		}
	}
	return out
}
