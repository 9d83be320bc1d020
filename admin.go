package kycd

import (
	"bytes"
	"context"
	"crypto/hmac"
	"errors"
	"time"
)

// CreateStaff creates a staff account (reviewer, senior reviewer, admin)
// from the operator CLI. Staff accounts have no phone and their email is
// taken as confirmed by the operator who creates them.
func (s *Service) CreateStaff(ctx context.Context, by Principal, role Role, email, password string) (*Account, error) {
	if !role.Staff() {
		return nil, ErrorWith("role.invalid")
	}
	email, err := NormalizeEmail(email)
	if err != nil {
		return nil, err
	}
	if err := CheckPassword(password); err != nil {
		return nil, err
	}
	hash, err := HashPassword(password, s.Settings.Argon2)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	a := &Account{ID: NewID(), Email: email, PasswordHash: hash, Locale: "en", Role: role, EmailVerifiedAt: &now,
		CreatedAt: now, UpdatedAt: now}
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		if err := s.createAccountWithCode(ctx, tx, a); err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "staff.created", a.ID, map[string]any{"role": string(role)})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// CreateAPIKey creates a key for the exchange's backend and returns the
// secret, which is shown once and stored only as a hash.
func (s *Service) CreateAPIKey(ctx context.Context, by Principal, name string) (*APIKey, string, error) {
	if name == "" {
		return nil, "", Errorf("request.invalid", "an API key needs a name")
	}
	if err := checkText("api_key_name", name); err != nil {
		return nil, "", err
	}
	secret := APIKeyPrefix + newSecret()
	k := &APIKey{ID: NewID(), Name: name, KeyHash: hashToken(secret), CreatedAt: s.Now()}
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		if err := tx.CreateAPIKey(ctx, k); err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "apikey.created", k.ID, map[string]any{"name": name})
	})
	if err != nil {
		return nil, "", err
	}
	return k, secret, nil
}

// SetInviteBenefit configures the tag an invite code grants to the
// accounts that register with it from now on.
func (s *Service) SetInviteBenefit(ctx context.Context, by Principal, code, benefit string) error {
	if err := checkText("invite_code", code, "benefit", benefit); err != nil {
		return err
	}
	code = NormalizeInviteCode(code)
	return s.Store.WithTx(ctx, func(tx Tx) error {
		if _, err := tx.FindAccountByInviteCode(ctx, code); IsNotFound(err) {
			return ErrorWith("invite.unknown")
		} else if err != nil {
			return err
		}
		if err := tx.PutInvite(ctx, Invite{Code: code, Benefit: benefit}); err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "invite.benefit_set", code, map[string]any{"benefit": benefit})
	})
}

// AccountSummary is what the exchange's backend reads about an account.
type AccountSummary struct {
	ID        string `json:"id"`
	Level     int    `json:"level"`
	LevelName string `json:"level_name"`
	Limits    Limits `json:"limits"`
	Role      Role   `json:"role"`
	// LatestApplication is the newest application's state, if any.
	LatestApplication *ApplicationSummary `json:"latest_application"`
}

// ApplicationSummary is an application's state without personal data.
type ApplicationSummary struct {
	ID        string    `json:"id"`
	Level     int       `json:"level"`
	State     State     `json:"state"`
	Attempt   int       `json:"attempt"`
	UpdatedAt time.Time `json:"updated_at"`
}

// AdminAccount returns an account's level and limits for staff and API keys.
func (s *Service) AdminAccount(ctx context.Context, by Principal, id string) (*AccountSummary, error) {
	a, err := s.Store.FindAccountByID(ctx, id)
	if IsNotFound(err) {
		return nil, ErrorWith("account.not_found")
	} else if err != nil {
		return nil, err
	}
	lvl, _ := s.Policy.Level(a.Level)
	sum := &AccountSummary{ID: a.ID, Level: a.Level, LevelName: lvl.Name["en"], Limits: lvl.Limits, Role: a.Role}
	apps, err := s.Store.FindApplications(ctx, ApplicationFilter{AccountID: a.ID})
	if err != nil {
		return nil, err
	}
	var newest *Application
	for _, app := range apps {
		if newest == nil || app.CreatedAt.After(newest.CreatedAt) {
			newest = app
		}
	}
	if newest != nil {
		sum.LatestApplication = &ApplicationSummary{ID: newest.ID, Level: newest.Level, State: newest.State,
			Attempt: newest.Attempt, UpdatedAt: newest.UpdatedAt}
	}
	return sum, nil
}

// VerifyAudit walks the whole audit chain in pages with the audit key.
// Beyond the links between entries it compares the end of the log with
// the head row and the head's signature, so that removing the newest
// entries — which leaves a shorter but valid chain — or recomputing the
// chain without the key is found. expect, when given, is a head kept
// outside the database (`kycd audit head`): the chain must still hold
// that entry, unchanged, which also finds a rollback to an older head.
func (s *Service) VerifyAudit(ctx context.Context, expect *SignedAuditHead) (*AuditReport, error) {
	// The head is read first: entries appended during the walk only
	// extend the log past it.
	head, err := s.Store.SignedAuditHead(ctx)
	if err != nil {
		return nil, err
	}
	var page []*AuditEntry
	var after int64
	var atHead, atExpect []byte
	i := 0
	rep, err := VerifyAuditChain(s.AuditKey, func() (*AuditEntry, error) {
		if i >= len(page) {
			var err error
			if page, err = s.Store.AuditEntries(ctx, after, 1000); err != nil {
				return nil, err
			}
			i = 0
			if len(page) == 0 {
				return nil, nil
			}
		}
		e := page[i]
		i++
		after = e.Seq
		if e.Seq == head.Seq {
			atHead = e.Hash
		}
		if expect != nil && e.Seq == expect.Seq {
			atExpect = e.Hash
		}
		return e, nil
	})
	if err != nil || rep.Break != nil {
		return rep, err
	}
	n := rep.Entries
	brk := func(seq int64, reason string) (*AuditReport, error) {
		rep.Break = &AuditBreak{Seq: seq, Reason: reason}
		return rep, nil
	}
	if expect != nil {
		if n < expect.Seq {
			return brk(n+1, "entries "+itoa(n+1)+" to "+itoa(expect.Seq)+
				" are missing: the log ends before the expected head")
		}
		if !bytes.Equal(atExpect, expect.Hash) {
			return brk(expect.Seq, "entry does not match the expected head")
		}
		rep.Anchored = true
	}
	if n < head.Seq {
		return brk(n+1, "entries "+itoa(n+1)+" to "+itoa(head.Seq)+
			" are missing: the log ends before the entry its head records")
	}
	if head.Seq > 0 && !bytes.Equal(atHead, head.Hash) {
		return brk(head.Seq, "entry does not match the hash its head records")
	}
	if head.Seq > 0 {
		if head.MAC == nil {
			return brk(head.Seq, "the head is not signed: it was written before keyed chains (kycd serve signs it at start) or its signature was removed")
		}
		if len(s.AuditKey) == 0 || !hmac.Equal(head.MAC, AuditHeadMAC(s.AuditKey, head.Seq, head.Hash)) {
			return brk(head.Seq, "the head's signature does not match: the head was rewritten without the audit key")
		}
		rep.HeadSigned = true
	}
	return rep, nil
}

// AuditHead verifies the chain and returns its head signed, for keeping
// outside the database. A broken chain gets no signed head.
func (s *Service) AuditHead(ctx context.Context) (*SignedAuditHead, *AuditReport, error) {
	rep, err := s.VerifyAudit(ctx, nil)
	if err != nil || rep.Break != nil {
		return nil, rep, err
	}
	head, err := s.Store.SignedAuditHead(ctx)
	if err != nil {
		return nil, rep, err
	}
	if head.Seq == 0 {
		return nil, rep, errors.New("the audit log is empty: there is no head to sign yet")
	}
	return &head, rep, nil
}

// SignAuditHeadAtStart appends an `audit.keyed` entry when the head is not
// signed yet (a log written before keyed chains), so that from the first
// start of this version on every non-empty log has a signed head and an
// unsigned one means tampering.
func (s *Service) SignAuditHeadAtStart(ctx context.Context) error {
	head, err := s.Store.SignedAuditHead(ctx)
	if err != nil || head.MAC != nil || head.Seq == 0 {
		return err
	}
	return s.Store.WithTx(ctx, func(tx Tx) error {
		return s.audit(ctx, tx, System.Actor(), "audit.keyed", "audit", map[string]any{"rule": AuditRuleV2})
	})
}
