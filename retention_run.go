package kycd

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"
)

// retentionBatch bounds what one run looks at per kind of candidate, so a
// first run over years of data does not hold the database for hours; the
// daily job works a backlog off over several runs.
const retentionBatch = 1000

// Erasure is one thing the retention policy says must go.
type Erasure struct {
	Class DataClass `json:"class"`
	// Kind is what Subject names: "account", "application", "document",
	// or "sessions" for expired sessions and codes, erased in bulk.
	Kind    string `json:"kind"`
	Subject string `json:"subject,omitempty"`
	Account string `json:"account,omitempty"`
	// Rule is the retention rule's name (RetentionRule.Name), or
	// "erasure_request" for what an account's closure erases at once.
	Rule string `json:"rule"`
	// Since is when the clock started, Due when the period ended.
	Since time.Time `json:"since"`
	Due   time.Time `json:"due"`
	// Count is the number of rows of a bulk erasure.
	Count int    `json:"count,omitempty"`
	Why   string `json:"why"`
	// HeldBy names the legal hold that keeps it, for the plan's held list.
	HeldBy string `json:"held_by,omitempty"`
}

// RetentionPlan is what a run would erase now, and what a legal hold
// keeps although it is due.
type RetentionPlan struct {
	At       time.Time `json:"at"`
	Erasures []Erasure `json:"erasures"`
	Held     []Erasure `json:"held"`
}

// RetentionResult counts what a run erased, by class (sessions and codes
// by row, everything else by subject).
type RetentionResult struct {
	At     time.Time         `json:"at"`
	Erased map[DataClass]int `json:"erased"`
	Held   int               `json:"held"`
	Failed int               `json:"failed"`
}

// retentionCounter keeps what this process erased since it started, for
// /metrics.
type retentionCounter struct {
	mu sync.Mutex
	n  map[DataClass]int64
}

func (c *retentionCounter) add(class DataClass, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[DataClass]int64{}
	}
	c.n[class] += int64(n)
}

// RetentionErased returns how many items of each class this process's
// retention runs erased (every class present, zero included).
func (s *Service) RetentionErased() map[DataClass]int64 {
	s.erased.mu.Lock()
	defer s.erased.mu.Unlock()
	out := map[DataClass]int64{}
	for _, c := range DataClasses {
		out[c] = s.erased.n[c]
	}
	return out
}

func operator(who Principal) bool { return who.Role == RoleAdmin || who.Role == RoleAPI }

// PlanRetention lists what the retention policy says must go now and
// why, erasing nothing (`kycd retention plan`).
func (s *Service) PlanRetention(ctx context.Context, by Principal) (*RetentionPlan, error) {
	if !operator(by) {
		return nil, ErrorWith("auth.forbidden")
	}
	return s.planRetention(ctx)
}

// RunRetention erases what PlanRetention lists, each item in its own
// transaction with its audit entry; an item that fails is logged (ids
// only) and retried by the next run.
func (s *Service) RunRetention(ctx context.Context, by Principal) (*RetentionResult, error) {
	if !operator(by) {
		return nil, ErrorWith("auth.forbidden")
	}
	plan, err := s.planRetention(ctx)
	if err != nil {
		return nil, err
	}
	res := &RetentionResult{At: plan.At, Erased: map[DataClass]int{}, Held: len(plan.Held)}
	var accounts []string
	for _, e := range plan.Erasures {
		n, err := s.erase(ctx, e)
		if err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			s.Log.Warn("retention: erasure failed", "class", string(e.Class), "kind", e.Kind, "subject", e.Subject, "err", err)
			res.Failed++
			continue
		}
		if n > 0 {
			res.Erased[e.Class] += n
			s.erased.add(e.Class, n)
		}
		if e.Kind == "account" && !slices.Contains(accounts, e.Subject) {
			accounts = append(accounts, e.Subject)
		}
		if e.Kind == "application" && e.Class != ClassDrafts {
			if err := s.finishDecided(ctx, e.Subject); err != nil {
				s.Log.Warn("retention: destroying an application's key", "application", e.Subject, "err", err)
				res.Failed++
			}
		}
	}
	for _, id := range accounts {
		if err := s.finishAccountErasure(ctx, id); err != nil {
			s.Log.Warn("retention: closing the erasure of an account", "account", id, "err", err)
			res.Failed++
		}
	}
	return res, nil
}

func (s *Service) planRetention(ctx context.Context) (*RetentionPlan, error) {
	now := s.Now()
	pol := s.Policy.Retention
	holds, err := s.Store.FindHolds(ctx, HoldFilter{Active: true})
	if err != nil {
		return nil, err
	}
	held := map[string]string{}
	for _, h := range holds {
		held[h.AccountID] = h.ID
	}
	plan := &RetentionPlan{At: now, Erasures: []Erasure{}, Held: []Erasure{}}
	add := func(e Erasure) {
		if id, ok := held[e.Account]; ok && e.Account != "" {
			e.HeldBy = id
			plan.Held = append(plan.Held, e)
			return
		}
		plan.Erasures = append(plan.Erasures, e)
	}
	entry := func(r RetentionRule, kind, subject, account string, since time.Time) Erasure {
		return Erasure{Class: r.Class, Kind: kind, Subject: subject, Account: account, Rule: r.Name(), Since: since,
			Due: r.Keep.After(since), Why: r.Why}
	}

	// Drafts: the row's last change may be older than the last upload or
	// attachment, so the candidates' activity is measured in full.
	r := pol.Rule(ClassDrafts)
	drafts, err := s.Store.FindIdleDrafts(ctx, r.Keep.Before(now), retentionBatch)
	if err != nil {
		return nil, err
	}
	for _, a := range drafts {
		last, err := s.lastActivity(ctx, a)
		if err != nil {
			return nil, err
		}
		if !r.Keep.After(last).After(now) {
			add(entry(r, "application", a.ID, a.AccountID, last))
		}
	}

	r = pol.Rule(ClassReplacedDocuments)
	docs, err := s.Store.FindReplacedDocuments(ctx, r.Keep.Before(now), retentionBatch)
	if err != nil {
		return nil, err
	}
	decided := map[string]*Application{}
	for _, d := range docs {
		app, ok := decided[d.ApplicationID]
		if !ok {
			if app, err = s.Store.FindApplicationByID(ctx, d.ApplicationID); err != nil {
				return nil, err
			}
			decided[d.ApplicationID] = app
		}
		add(entry(r, "document", d.ID, d.AccountID, *app.DecidedAt))
	}

	r = pol.Rule(ClassSessions)
	sessions, otps, err := s.Store.CountExpired(ctx, r.Keep.Before(now))
	if err != nil {
		return nil, err
	}
	if sessions+otps > 0 {
		e := entry(r, "sessions", "", "", r.Keep.Before(now))
		e.Due, e.Count = now, sessions+otps
		add(e)
	}

	// Classes whose clock is each application's decision.
	for _, c := range []DataClass{ClassDocuments, ClassIdentity, ClassScreening, ClassReviewerComments} {
		r := pol.Rule(c)
		if r.From != EventDecision {
			continue
		}
		apps, err := s.Store.FindDecidedApplications(ctx, r.Keep.Before(now), c, retentionBatch)
		if err != nil {
			return nil, err
		}
		for _, a := range apps {
			add(entry(r, "application", a.ID, a.AccountID, *a.DecidedAt))
		}
	}

	// Classes whose clock is the account's closure.
	var closure []RetentionRule
	for _, c := range closureClasses {
		if r := pol.Rule(c); r.From == EventClosure {
			closure = append(closure, r)
		}
	}
	if len(closure) == 0 {
		return plan, nil
	}
	shortest := slices.MinFunc(closure, func(a, b RetentionRule) int { return a.Keep.After(now).Compare(b.Keep.After(now)) })
	accts, err := s.Store.FindClosedAccounts(ctx, shortest.Keep.Before(now), retentionBatch)
	if err != nil {
		return nil, err
	}
	for _, a := range accts {
		done, err := s.erasedClasses(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		for _, r := range closure {
			if !done[r.Class] && !r.Keep.After(*a.ClosedAt).After(now) {
				add(entry(r, "account", a.ID, a.ID, *a.ClosedAt))
			}
		}
	}
	return plan, nil
}

// closureClasses are the classes that can wait for an account's closure,
// in the order they are erased: documents before identity, so document
// readings go with their documents.
var closureClasses = []DataClass{ClassDocuments, ClassIdentity, ClassScreening, ClassReviewerComments, ClassAudit}

func (s *Service) erasedClasses(ctx context.Context, subject string) (map[DataClass]bool, error) {
	recs, err := s.Store.FindErasures(ctx, subject)
	if err != nil {
		return nil, err
	}
	done := map[DataClass]bool{}
	for _, r := range recs {
		done[r.Class] = true
	}
	return done, nil
}

// lastActivity is the latest change to a draft: the row itself, a
// document attached or an upload started.
func (s *Service) lastActivity(ctx context.Context, a *Application) (time.Time, error) {
	last := a.UpdatedAt
	docs, err := s.Store.FindDocuments(ctx, a.ID)
	if err != nil {
		return last, err
	}
	for _, d := range docs {
		if d.CreatedAt.After(last) {
			last = d.CreatedAt
		}
	}
	ups, err := s.Store.FindUploadsOf(ctx, a.ID)
	if err != nil {
		return last, err
	}
	for _, u := range ups {
		if u.CreatedAt.After(last) {
			last = u.CreatedAt
		}
	}
	return last, nil
}

// errGone marks an erasure with nothing left to do (the draft was
// submitted or deleted meanwhile): not a failure, not counted.
var errGone = errors.New("nothing left to erase")

// erase carries out one erasure and returns how many items it erased.
func (s *Service) erase(ctx context.Context, e Erasure) (int, error) {
	var n int
	var err error
	switch e.Class {
	case ClassDrafts:
		n, err = 1, s.eraseDraft(ctx, e)
	case ClassReplacedDocuments:
		n, err = 1, s.eraseReplacedDocument(ctx, e)
	case ClassSessions:
		n, err = s.eraseExpired(ctx, e)
	default:
		n, err = 1, s.eraseClass(ctx, e)
	}
	if errors.Is(err, errGone) {
		return 0, nil
	}
	return n, err
}

// auditErasure records e in the audit log: the class, the rule and the
// subject's id, never what was erased.
func (s *Service) auditErasure(ctx context.Context, tx Tx, e Erasure, extra map[string]any) error {
	data := map[string]any{"class": string(e.Class), "rule": e.Rule, "kind": e.Kind}
	for k, v := range extra {
		data[k] = v
	}
	subject := e.Subject
	if subject == "" {
		subject = e.Kind
	}
	return s.audit(ctx, tx, System.Actor(), "retention.erased", subject, data)
}

// deleteBlobs deletes the blobs of the applications' documents and
// uploads: those the rows name (blobs from before per-application keys
// live outside the application's prefix) and every blob under each
// application's prefix. Blobs go before the rows that name them: a crash
// in between leaves rows whose blobs are gone, which the next run
// finishes (deleting a missing blob is not an error), never blobs no row
// names any more.
func (s *Service) deleteBlobs(ctx context.Context, appIDs []string, docs []*Document, ups []*Upload) error {
	for _, d := range docs {
		if err := s.Blobs.Delete(ctx, d.BlobKey); err != nil {
			return err
		}
	}
	for _, u := range ups {
		segs, err := s.Store.FindSegments(ctx, u.ID)
		if err != nil {
			return err
		}
		for _, seg := range segs {
			if err := s.Blobs.Delete(ctx, seg.BlobKey); err != nil {
				return err
			}
		}
	}
	for _, id := range appIDs {
		var keys []string
		if err := s.Blobs.List(ctx, ApplicationBlobPrefix(id), func(b BlobInfo) error {
			keys = append(keys, b.Key)
			return nil
		}); err != nil {
			return err
		}
		for _, k := range keys {
			if err := s.Blobs.Delete(ctx, k); err != nil {
				return err
			}
		}
	}
	if s.afterBlobsErased != nil {
		return s.afterBlobsErased()
	}
	return nil
}

func (s *Service) eraseDraft(ctx context.Context, e Erasure) error {
	app, err := s.Store.FindApplicationByID(ctx, e.Subject)
	if IsNotFound(err) {
		return errGone
	} else if err != nil {
		return err
	}
	if app.State != StateDraft {
		return errGone
	}
	docs, err := s.Store.FindDocuments(ctx, app.ID)
	if err != nil {
		return err
	}
	ups, err := s.Store.FindUploadsOf(ctx, app.ID)
	if err != nil {
		return err
	}
	if err := s.deleteBlobs(ctx, []string{app.ID}, docs, ups); err != nil {
		return err
	}
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		if err := tx.DeleteApplication(ctx, app.ID); err != nil {
			return err
		}
		// Nothing of a draft is kept: its key goes with it, so a copy of
		// the database taken before holds nothing readable once the
		// master key of that time is retired.
		if err := tx.DestroyDataKey(ctx, app.ID, s.Now()); err != nil {
			return err
		}
		return s.auditErasure(ctx, tx, e, map[string]any{"documents": len(docs), "uploads": len(ups)})
	})
	if IsNotFound(err) {
		return errGone
	}
	return err
}

func (s *Service) eraseReplacedDocument(ctx context.Context, e Erasure) error {
	d, err := s.Store.FindDocumentByID(ctx, e.Subject)
	if IsNotFound(err) {
		return errGone
	} else if err != nil {
		return err
	}
	if err := s.deleteBlobs(ctx, nil, []*Document{d}, nil); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx Tx) error {
		if err := tx.DeleteDocument(ctx, d.ID); err != nil {
			return err
		}
		return s.auditErasure(ctx, tx, e, map[string]any{"application": d.ApplicationID, "document_kind": d.Kind})
	})
}

func (s *Service) eraseExpired(ctx context.Context, e Erasure) (int, error) {
	var n int
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		sessions, otps, err := tx.DeleteExpired(ctx, s.Policy.Retention.Rule(ClassSessions).Keep.Before(s.Now()))
		if err != nil {
			return err
		}
		n = sessions + otps
		if n == 0 {
			return nil
		}
		return s.auditErasure(ctx, tx, e, map[string]any{"sessions": sessions, "codes": otps})
	})
	return n, err
}

// eraseClass erases one class of an application (decision rules) or of
// every application of a closed account (closure rules), and records it.
func (s *Service) eraseClass(ctx context.Context, e Erasure) error {
	var apps []*Application
	if e.Kind == "account" {
		var err error
		if apps, err = s.Store.FindApplications(ctx, ApplicationFilter{AccountID: e.Subject}); err != nil {
			return err
		}
	} else {
		app, err := s.Store.FindApplicationByID(ctx, e.Subject)
		if err != nil {
			return err
		}
		apps = []*Application{app}
	}
	extra := map[string]any{"applications": len(apps)}
	if e.Class == ClassDocuments {
		var docs []*Document
		var ups []*Upload
		var ids []string
		for _, a := range apps {
			ids = append(ids, a.ID)
			d, err := s.Store.FindDocuments(ctx, a.ID)
			if err != nil {
				return err
			}
			u, err := s.Store.FindUploadsOf(ctx, a.ID)
			if err != nil {
				return err
			}
			docs, ups = append(docs, d...), append(ups, u...)
		}
		if err := s.deleteBlobs(ctx, ids, docs, ups); err != nil {
			return err
		}
		extra["documents"], extra["uploads"] = len(docs), len(ups)
	}
	return s.Store.WithTx(ctx, func(tx Tx) error {
		if e.Class == ClassAudit {
			subjects := []string{e.Subject}
			for _, a := range apps {
				subjects = append(subjects, a.ID)
			}
			n, err := s.redactAudit(ctx, tx, subjects, e.Rule)
			if err != nil {
				return err
			}
			extra["entries"] = n
			apps = nil
		}
		for _, a := range apps {
			// Re-read under the transaction (the row is locked on
			// PostgreSQL), so nothing written meanwhile is overwritten.
			app, err := tx.FindApplicationByID(ctx, a.ID)
			if err != nil {
				return err
			}
			if err := s.eraseClassOfApplication(ctx, tx, e.Class, app, extra); err != nil {
				return err
			}
		}
		if e.Kind == "account" && e.Class == ClassIdentity {
			if err := tx.EraseAccountContact(ctx, e.Subject); err != nil {
				return err
			}
		}
		if err := tx.RecordErasure(ctx, ErasureRecord{Subject: e.Subject, Class: e.Class, Rule: e.Rule, ErasedAt: s.Now()}); err != nil {
			return err
		}
		return s.auditErasure(ctx, tx, e, extra)
	})
}

func (s *Service) eraseClassOfApplication(ctx context.Context, tx Tx, class DataClass, app *Application, extra map[string]any) error {
	switch class {
	case ClassDocuments:
		docs, err := tx.FindDocuments(ctx, app.ID)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if err := tx.DeleteDocument(ctx, d.ID); err != nil {
				return err
			}
		}
		ups, err := tx.FindUploadsOf(ctx, app.ID)
		if err != nil {
			return err
		}
		for _, u := range ups {
			if err := tx.DeleteUpload(ctx, u.ID); err != nil {
				return err
			}
		}
		// The face comparison's crops are cut from the photos: they go
		// with them.
		if app.FaceMatch != nil {
			app.FaceMatch = nil
			return tx.UpdateApplication(ctx, app)
		}
		return nil
	case ClassIdentity:
		app.Identity, app.IdentityFindings, app.Decoded, app.RedoFrom, app.DocIndex = Identity{}, nil, nil, nil, nil
		// What document reading made of a photo is identity data too,
		// where the documents are kept longer than the identity.
		docs, err := tx.FindDocuments(ctx, app.ID)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if d.Reading != nil {
				if err := tx.SetDocumentReading(ctx, d.ID, d.ReadState, nil); err != nil {
					return err
				}
			}
		}
		return tx.UpdateApplication(ctx, app)
	case ClassScreening:
		app.Screening, app.Flags = nil, []string{}
		n, err := tx.DeleteScreeningAlerts(ctx, app.ID)
		if err != nil {
			return err
		}
		extra["alerts"] = n + intOf(extra["alerts"])
		return tx.UpdateApplication(ctx, app)
	case ClassReviewerComments:
		n, err := tx.EraseDecisionComments(ctx, app.ID)
		if err != nil {
			return err
		}
		extra["comments"] = n + intOf(extra["comments"])
		if app.PendingFinal != nil && app.PendingFinal.Comment != "" {
			app.PendingFinal.Comment = ""
			return tx.UpdateApplication(ctx, app)
		}
		return nil
	}
	return Errorf("internal", "retention: no eraser for class %s", class)
}

func intOf(v any) int {
	n, _ := v.(int)
	return n
}

// finishAccountErasure marks a closed account erased once every class
// that waits for closure has been erased, and destroys the data key of
// each application with nothing left to keep: from then on nothing sealed
// under it opens, in this database or in a copy of it once the master key
// of that time is retired.
func (s *Service) finishAccountErasure(ctx context.Context, id string) error {
	done, err := s.erasedClasses(ctx, id)
	if err != nil {
		return err
	}
	apps, err := s.Store.FindApplications(ctx, ApplicationFilter{AccountID: id})
	if err != nil {
		return err
	}
	for _, a := range apps {
		if err := s.finishApplicationErasure(ctx, a, done); err != nil {
			return err
		}
	}
	for _, c := range closureClasses {
		if s.Policy.Retention.Rule(c).From == EventClosure && !done[c] {
			return nil
		}
	}
	return s.Store.MarkAccountErased(ctx, id, s.Now())
}

// finishDecided destroys a decided application's key when decision rules
// have erased everything of it.
func (s *Service) finishDecided(ctx context.Context, id string) error {
	app, err := s.Store.FindApplicationByID(ctx, id)
	if err != nil {
		return err
	}
	done, err := s.erasedClasses(ctx, app.AccountID)
	if err != nil {
		return err
	}
	return s.finishApplicationErasure(ctx, app, done)
}

// finishApplicationErasure destroys the application's data key once
// every class sealed under it is erased, for the application itself
// (decision rules) or for its account (closure rules, in accountDone).
func (s *Service) finishApplicationErasure(ctx context.Context, app *Application, accountDone map[DataClass]bool) error {
	done, err := s.erasedClasses(ctx, app.ID)
	if err != nil {
		return err
	}
	for _, c := range closureClasses {
		if !done[c] && !accountDone[c] {
			return nil
		}
	}
	return s.Store.WithTx(ctx, func(tx Tx) error {
		if gone, err := tx.DataKeyDestroyed(ctx, app.ID); err != nil || gone {
			return err
		}
		if err := tx.DestroyDataKey(ctx, app.ID, s.Now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, System.Actor(), "retention.key_destroyed", app.ID, nil)
	})
}
