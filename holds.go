package kycd

import (
	"context"
	"strings"
	"unicode/utf8"
)

// PlaceHold puts an account on legal hold: nothing of it is erased while
// the hold lasts, neither by the retention job nor by the person's own
// erasure request. The reason is sealed; the audit entry names the hold,
// not the reason, which may name people.
func (s *Service) PlaceHold(ctx context.Context, by Principal, accountID, reason string) (*LegalHold, error) {
	if !operator(by) {
		return nil, ErrorWith("auth.forbidden")
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 1000 {
		return nil, ErrorWith("hold.reason_required")
	}
	h := &LegalHold{ID: NewID(), AccountID: accountID, Reason: reason, PlacedBy: by.Actor(), PlacedAt: s.Now()}
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		if _, err := tx.FindAccountByID(ctx, accountID); IsNotFound(err) {
			return ErrorWith("account.not_found")
		} else if err != nil {
			return err
		}
		if err := tx.CreateHold(ctx, h); err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "hold.placed", accountID, map[string]any{"hold": h.ID})
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// ReleaseHold ends a hold; the account's data follows the retention
// policy again from the next run (what fell due meanwhile goes then).
func (s *Service) ReleaseHold(ctx context.Context, by Principal, holdID string) error {
	if !operator(by) {
		return ErrorWith("auth.forbidden")
	}
	return s.Store.WithTx(ctx, func(tx Tx) error {
		hs, err := tx.FindHolds(ctx, HoldFilter{Active: true})
		if err != nil {
			return err
		}
		var h *LegalHold
		for _, x := range hs {
			if x.ID == holdID {
				h = x
			}
		}
		if h == nil {
			return ErrorWith("hold.not_found")
		}
		if err := tx.ReleaseHold(ctx, holdID, by.Actor(), s.Now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "hold.released", h.AccountID, map[string]any{"hold": h.ID})
	})
}

// Holds lists legal holds, newest first: every hold ever placed, or only
// active ones. Reading the reasons is an operator's act, so it is audited.
func (s *Service) Holds(ctx context.Context, by Principal, f HoldFilter) ([]*LegalHold, error) {
	if !operator(by) {
		return nil, ErrorWith("auth.forbidden")
	}
	var out []*LegalHold
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		var err error
		if out, err = tx.FindHolds(ctx, f); err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "hold.listed", "holds", map[string]any{"count": len(out)})
	})
	return out, err
}

// heldBy returns the active hold on an account, or nil.
func (s *Service) heldBy(ctx context.Context, tx Tx, accountID string) (*LegalHold, error) {
	hs, err := tx.FindHolds(ctx, HoldFilter{AccountID: accountID, Active: true})
	if err != nil || len(hs) == 0 {
		return nil, err
	}
	return hs[0], nil
}
