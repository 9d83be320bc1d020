package kycd

import (
	"context"
	"slices"
	"time"

	"github.com/kycd/kycd/reason"
)

// ClosureReport answers an account's closure: what was erased at once and
// what is kept, until when and why.
type ClosureReport struct {
	ClosedAt time.Time    `json:"closed_at"`
	Erased   []ErasedItem `json:"erased"`
	Kept     []KeptItem   `json:"kept"`
}

// ErasedItem counts what a closure erased of one class.
type ErasedItem struct {
	Class DataClass `json:"class"`
	Count int       `json:"count"`
}

// KeptItem is one class kept after closure. Until is nil while a legal
// hold keeps it (its end is not known). Reason is a catalogue finding
// (retention.kept_*), worded in the caller's language by the adapters.
type KeptItem struct {
	Class  DataClass      `json:"class"`
	Until  *time.Time     `json:"until,omitempty"`
	Reason reason.Finding `json:"reason"`
}

// CloseAccount closes the caller's own account after checking the
// password again: processing stops (open applications are withdrawn),
// every session and code ends, the operator is told by webhook
// (account.closed), and the retention clock starts. What no legal duty
// keeps goes at once — drafts and their uploads, and everything when the
// account never submitted an application — and the answer says what is
// kept, until when and why. A legal hold keeps everything.
func (s *Service) CloseAccount(ctx context.Context, who Principal, password string) (*ClosureReport, error) {
	if who.Role != RoleApplicant || who.AccountID == "" {
		// Staff accounts belong to the operator, who removes them.
		return nil, ErrorWith("auth.forbidden")
	}
	// The same limit as password guesses on one account: a stolen session
	// must not become a way to try passwords.
	if err := s.limit("close:acct:"+who.AccountID, s.Settings.LoginPairRate); err != nil {
		return nil, err
	}
	a, err := s.Store.FindAccountByID(ctx, who.AccountID)
	if err != nil {
		return nil, err
	}
	if !VerifyPassword(password, a.PasswordHash) {
		return nil, ErrorWith("auth.invalid_credentials")
	}
	now := s.Now()
	var drafts []*Application
	var recorded bool // an application reached submission: a record the law keeps
	var hold *LegalHold
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		apps, err := tx.FindApplications(ctx, ApplicationFilter{AccountID: a.ID})
		if err != nil {
			return err
		}
		withdrawn := 0
		for _, app := range apps {
			switch {
			case app.State == StateDraft:
				drafts = append(drafts, app)
			case app.State.Open():
				app.ClaimedBy, app.ClaimExpiresAt, app.PendingFinal = "", nil, nil
				if err := s.transition(ctx, tx, app, who, StateWithdrawn, map[string]any{"why": "account_closed"}); err != nil {
					return err
				}
				withdrawn++
				recorded = true
			default:
				recorded = true
			}
		}
		if err := tx.CloseAccount(ctx, a.ID, now); err != nil {
			return err
		}
		if err := tx.DeleteSessionsOf(ctx, a.ID); err != nil {
			return err
		}
		if err := tx.DeleteOTPsOf(ctx, a.ID); err != nil {
			return err
		}
		if hold, err = s.heldBy(ctx, tx, a.ID); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, who.Actor(), "account.closed", a.ID, map[string]any{"withdrawn": withdrawn}); err != nil {
			return err
		}
		return s.emitEvent(ctx, tx, "account.closed", map[string]any{"account_id": a.ID, "closed_at": now,
			"withdrawn": withdrawn})
	})
	if err != nil {
		return nil, err
	}
	s.Wake()
	rep := &ClosureReport{ClosedAt: now, Erased: []ErasedItem{}, Kept: []KeptItem{}}
	if hold != nil {
		for _, c := range DataClasses {
			if c != ClassSessions {
				rep.Kept = append(rep.Kept, KeptItem{Class: c, Reason: reason.New("retention.kept_hold")})
			}
		}
		return rep, nil
	}
	request := func(c DataClass, kind, subject string) Erasure {
		return Erasure{Class: c, Kind: kind, Subject: subject, Account: a.ID, Rule: "erasure_request", Since: now, Due: now,
			Why: "the account was closed and no legal duty keeps this"}
	}
	n := 0
	for _, d := range drafts {
		if err := s.eraseDraft(ctx, request(ClassDrafts, "application", d.ID)); err != nil && err != errGone {
			// The draft stays for the retention job (30 days); the
			// closure itself has happened.
			s.Log.Warn("closure: erasing a draft", "application", d.ID, "err", err)
			continue
		}
		n++
	}
	rep.Erased = append(rep.Erased, ErasedItem{Class: ClassDrafts, Count: n})
	if !recorded {
		// Nothing was ever submitted: there is no due-diligence record to
		// keep, so the rest goes now as well.
		for _, c := range closureClasses {
			if err := s.eraseClass(ctx, request(c, "account", a.ID)); err != nil {
				return nil, err
			}
		}
		if err := s.finishAccountErasure(ctx, a.ID); err != nil {
			return nil, err
		}
		rep.Erased = append(rep.Erased, ErasedItem{Class: ClassIdentity, Count: 1})
		return rep, nil
	}
	rep.Kept = s.keptAfterClosure(ctx, a.ID, now)
	return rep, nil
}

// keptAfterClosure says, class by class, until when the policy keeps a
// closed account's data and why.
func (s *Service) keptAfterClosure(ctx context.Context, accountID string, closed time.Time) []KeptItem {
	var latest time.Time
	if apps, err := s.Store.FindApplications(ctx, ApplicationFilter{AccountID: accountID}); err == nil {
		for _, a := range apps {
			if a.DecidedAt != nil && a.DecidedAt.After(latest) {
				latest = *a.DecidedAt
			}
		}
	}
	out := []KeptItem{}
	for _, c := range DataClasses {
		r := s.Policy.Retention.Rule(c)
		var from time.Time
		switch {
		case slices.Contains(closureClasses, c) && r.From == EventClosure:
			from = closed
		case slices.Contains(closureClasses, c) && r.From == EventDecision && !latest.IsZero():
			from = latest
		default:
			continue
		}
		until := r.Keep.After(from)
		out = append(out, KeptItem{Class: c, Until: &until,
			Reason: reason.New("retention.kept_record", "until", until.Format("2006-01-02"), "class", string(c))})
	}
	return out
}
