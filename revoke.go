package kycd

import (
	"context"
	"strings"
)

// The operator's ways to take access back: revoke an API key, disable a
// staff account, delete a webhook, rotate a webhook's secret. Each is
// audited, and each takes effect on the next request or delivery: keys
// and sessions are checked against the database on every request
// (Authenticate), and the delivery worker reads the endpoints afresh for
// every batch.

// RevokeAPIKey revokes a key: the next request with it answers 401.
// Revoking a revoked key again is not an error.
func (s *Service) RevokeAPIKey(ctx context.Context, by Principal, id string) error {
	if err := by.mayDo(OperatorRoles); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx Tx) error {
		if err := tx.RevokeAPIKey(ctx, id, s.Now()); IsNotFound(err) {
			return ErrorWith("apikey.not_found")
		} else if err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "apikey.revoked", id, nil)
	})
}

// DisableStaff disables a staff account, named by id or email address: it
// can no longer log in, and the sessions it holds stop working on their
// next request (they are also deleted). Applicants close their own
// accounts; this is for the operator's people.
func (s *Service) DisableStaff(ctx context.Context, by Principal, idOrEmail string) (*Account, error) {
	if err := by.mayDo(OperatorRoles); err != nil {
		return nil, err
	}
	var a *Account
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		var err error
		if strings.Contains(idOrEmail, "@") {
			var email string
			if email, err = NormalizeEmail(idOrEmail); err != nil {
				return err
			}
			a, err = tx.FindAccountByEmail(ctx, email)
		} else {
			a, err = tx.FindAccountByID(ctx, idOrEmail)
		}
		if IsNotFound(err) || (err == nil && !a.Role.Staff()) {
			return ErrorWith("account.not_found")
		} else if err != nil {
			return err
		}
		if by.AccountID == a.ID {
			// An admin locking themselves out leaves nobody at the desk
			// who can undo it but the CLI.
			return Errorf("request.invalid", "an account cannot disable itself")
		}
		now := s.Now()
		if a.DisabledAt == nil {
			a.DisabledAt = &now
			if err := tx.UpdateAccount(ctx, a.ID, AccountUpdate{DisabledAt: &now, UpdatedAt: now}); err != nil {
				return err
			}
		}
		if err := tx.DeleteSessionsOf(ctx, a.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "staff.disabled", a.ID, map[string]any{"role": string(a.Role)})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// DeleteWebhook stops an endpoint: no new events are queued for it and
// deliveries still pending are given up at their next attempt. The row
// stays, disabled, so the delivery log keeps saying where events went.
func (s *Service) DeleteWebhook(ctx context.Context, by Principal, id string) error {
	if err := by.mayDo(OperatorRoles); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx Tx) error {
		if err := tx.DisableWebhookEndpoint(ctx, id, s.Now()); IsNotFound(err) {
			return ErrorWith("webhook.not_found")
		} else if err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "webhook.deleted", id, nil)
	})
}

// RotateWebhookSecret gives an endpoint a new signing secret, returned
// once; every delivery from now on, retries included, is signed with it.
func (s *Service) RotateWebhookSecret(ctx context.Context, by Principal, id string) (string, error) {
	if err := by.mayDo(OperatorRoles); err != nil {
		return "", err
	}
	secret := "whsec_" + newSecret()
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		if err := tx.SetWebhookSecret(ctx, id, secret); IsNotFound(err) {
			return ErrorWith("webhook.not_found")
		} else if err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "webhook.secret_rotated", id, nil)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}
