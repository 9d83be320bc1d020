package kycd

import (
	"context"
	"strings"
	"sync"

	"github.com/kycd/kycd/reason"
)

func text(lang, key string, params ...string) string { return reason.T(lang, key, params...) }
func matchLocale(l string) string                    { return reason.Match(l) }

// dummyHashes hold, per argon2 parameters, a hash verified against when
// no account matches a login, so that "no such email" and "wrong password"
// take the same time. It must use the configured parameters: with fixed
// defaults, an operator who raises the cost would make unknown addresses
// answer measurably faster than registered ones.
var dummyHashes sync.Map // Argon2Params → string

func dummyHash(p Argon2Params) string {
	if h, ok := dummyHashes.Load(p); ok {
		return h.(string)
	}
	h, _ := HashPassword("kycd-timing-equaliser", p)
	dummyHashes.Store(p, h)
	return h
}

// Login checks email and password and opens a session.
func (s *Service) Login(ctx context.Context, email, password, clientIP string) (*Account, string, error) {
	if err := s.limit("login:ip:"+clientIP, s.Settings.LoginRate); err != nil {
		return nil, "", err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	if err := s.loginGate(email, clientIP); err != nil {
		return nil, "", err
	}
	a, err := s.Store.FindAccountByEmail(ctx, email)
	if err != nil && !IsNotFound(err) {
		return nil, "", err
	}
	if a == nil {
		VerifyPassword(password, dummyHash(s.Settings.Argon2))
		s.loginFailed(email, clientIP)
		return nil, "", ErrorWith("auth.invalid_credentials")
	}
	// A disabled account answers as a wrong password does: the password
	// is still checked, so the answer says nothing more to a guesser.
	if !VerifyPassword(password, a.PasswordHash) || a.DisabledAt != nil {
		s.loginFailed(email, clientIP)
		return nil, "", ErrorWith("auth.invalid_credentials")
	}
	token := newSecret()
	now := s.Now()
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		if err := tx.CreateSession(ctx, &Session{TokenHash: hashToken(token), AccountID: a.ID, CreatedAt: now, ExpiresAt: now.Add(s.Settings.SessionTTL)}); err != nil {
			return err
		}
		return s.audit(ctx, tx, a.ID, "session.created", a.ID, nil)
	})
	if err != nil {
		return nil, "", err
	}
	return a, token, nil
}

// Logout ends the session of token.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.Store.DeleteSession(ctx, hashToken(token))
}

// APIKeyPrefix starts every API key so that it is recognisable in a
// secret scanner and cannot be confused with a session token.
const APIKeyPrefix = "kycdk_"

// Authenticate resolves a bearer token (session or API key) to a principal.
func (s *Service) Authenticate(ctx context.Context, token string) (Principal, error) {
	if token == "" {
		return Principal{}, ErrorWith("auth.required")
	}
	if strings.HasPrefix(token, APIKeyPrefix) {
		k, err := s.Store.FindAPIKeyByHash(ctx, hashToken(token))
		if IsNotFound(err) || (err == nil && k.RevokedAt != nil) {
			return Principal{}, ErrorWith("auth.required")
		} else if err != nil {
			return Principal{}, err
		}
		return Principal{Role: RoleAPI, APIKeyID: k.ID}, nil
	}
	sess, err := s.Store.FindSession(ctx, hashToken(token))
	if IsNotFound(err) {
		return Principal{}, ErrorWith("auth.required")
	} else if err != nil {
		return Principal{}, err
	}
	if !s.Now().Before(sess.ExpiresAt) {
		return Principal{}, ErrorWith("auth.required")
	}
	a, err := s.Store.FindAccountByID(ctx, sess.AccountID)
	if err != nil {
		return Principal{}, err
	}
	// Checked on every request, so disabling takes effect on the next
	// one, whatever sessions the account still holds. Closure ends every
	// session; the check also guards a session created in the same
	// instant by a login racing the closure.
	if a.DisabledAt != nil || a.ClosedAt != nil {
		return Principal{}, ErrorWith("auth.required")
	}
	return Principal{AccountID: a.ID, Role: a.Role, Locale: a.Locale}, nil
}

// Profile is what an account may read about itself (GET /v1/me).
type Profile struct {
	ID            string            `json:"id"`
	Email         string            `json:"email"`
	Phone         string            `json:"phone,omitempty"`
	EmailVerified bool              `json:"email_verified"`
	PhoneVerified bool              `json:"phone_verified"`
	Role          Role              `json:"role"`
	Locale        string            `json:"locale"`
	Level         int               `json:"level"`
	LevelName     string            `json:"level_name"`
	Limits        Limits            `json:"limits"`
	NextLevel     *Level            `json:"next_level,omitempty"`
	InviteCode    string            `json:"invite_code"`
	InvitedBy     *InviterSummary   `json:"invited_by"`
	InviteBenefit string            `json:"invite_benefit,omitempty"`
	Extra         map[string]string `json:"-"`
}

// InviterSummary names who invited an account without exposing their
// personal data: only their id and invite code.
type InviterSummary struct {
	AccountID  string `json:"account_id"`
	InviteCode string `json:"invite_code"`
}

// Me returns the caller's own profile.
func (s *Service) Me(ctx context.Context, who Principal) (*Profile, error) {
	a, err := s.Store.FindAccountByID(ctx, who.AccountID)
	if err != nil {
		return nil, err
	}
	return s.profile(ctx, a)
}

func (s *Service) profile(ctx context.Context, a *Account) (*Profile, error) {
	lvl, _ := s.Policy.Level(a.Level)
	p := &Profile{ID: a.ID, Email: a.Email, Phone: a.Phone, EmailVerified: a.EmailVerifiedAt != nil,
		PhoneVerified: a.PhoneVerifiedAt != nil, Role: a.Role, Locale: a.Locale, Level: a.Level,
		LevelName: lvl.Name[matchLocale(a.Locale)], Limits: lvl.Limits, InviteCode: a.InviteCode, InviteBenefit: a.InviteBenefit}
	if next, ok := s.Policy.Level(a.Level + 1); ok {
		p.NextLevel = &next
	}
	if a.InvitedBy != "" {
		inv, err := s.Store.FindAccountByID(ctx, a.InvitedBy)
		if err != nil && !IsNotFound(err) {
			return nil, err
		}
		if inv != nil {
			p.InvitedBy = &InviterSummary{AccountID: inv.ID, InviteCode: inv.InviteCode}
		}
	}
	return p, nil
}

// Invitations counts the accounts the caller's code brought.
func (s *Service) Invitations(ctx context.Context, who Principal) ([]InvitationCount, error) {
	a, err := s.Store.FindAccountByID(ctx, who.AccountID)
	if err != nil {
		return nil, err
	}
	n, err := s.Store.CountInvited(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	return []InvitationCount{{Code: a.InviteCode, Accounts: n}}, nil
}

// RequestPasswordReset emails a reset code when the address belongs to an
// account. It answers the same either way so that addresses cannot be
// probed, and in about the same time: the email is queued in the durable
// outbox with the code, in one transaction, and sent after the answer (a
// crash in between delays it, never loses it).
func (s *Service) RequestPasswordReset(ctx context.Context, email, clientIP string) error {
	if err := s.limit("reset:ip:"+clientIP, s.Settings.ResetRate); err != nil {
		return err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	if err := s.limit("reset:acct:"+email, s.Settings.ResetRate); err != nil {
		return err
	}
	a, err := s.Store.FindAccountByEmail(ctx, email)
	if IsNotFound(err) {
		return nil
	} else if err != nil {
		return err
	}
	code := newOTPCode()
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		if err := s.replaceOTP(ctx, tx, a.ID, PurposeResetPassword, code); err != nil {
			return err
		}
		m, _ := s.otpMessage(a, PurposeResetPassword, code)
		return s.queueMessage(ctx, tx, a.ID, PurposeResetPassword, m)
	})
	if ErrorCode(err) == "otp.cooldown" {
		return nil // a code was just sent; say nothing that tells the address exists
	} else if err != nil {
		return err
	}
	s.kickOutbox()
	return nil
}

// errResetCode is the one answer to a reset code that does not work —
// wrong, expired, used up, or for an address with no account — so that
// the answer does not tell registered addresses from others.
func errResetCode() error { return ErrorWith("reset.code_invalid") }

// ResetPassword sets a new password with a reset code and ends every
// session of the account, since whoever held them may be the reason for
// the reset. Whether the address has an account or not, it does the same
// work (the new password's argon2 hash) and gives the same answer.
func (s *Service) ResetPassword(ctx context.Context, email, code, newPassword, clientIP string) error {
	if err := s.limit("reset:ip:"+clientIP, s.Settings.ResetRate); err != nil {
		return err
	}
	if err := CheckPassword(newPassword); err != nil {
		return err
	}
	// Before the address is looked up, so known and unknown addresses get
	// the same answer.
	code, err := otpFormat(code)
	if err != nil {
		return err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	// Counted per address asked about, known or not, so that the limit
	// itself does not tell them apart.
	if err := s.limit("verify:reset:"+email, s.Settings.VerifyRate); err != nil {
		return err
	}
	a, err := s.Store.FindAccountByEmail(ctx, email)
	if err != nil && !IsNotFound(err) {
		return err
	}
	hash, err := HashPassword(newPassword, s.Settings.Argon2)
	if err != nil {
		return err
	}
	if a == nil {
		return errResetCode()
	}
	var codeErr error
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		if codeErr, err = s.consumeOTP(ctx, tx, a.ID, PurposeResetPassword, code); err != nil || codeErr != nil {
			return err
		}
		if err := tx.UpdateAccount(ctx, a.ID, AccountUpdate{PasswordHash: &hash, UpdatedAt: s.Now()}); err != nil {
			return err
		}
		if err := tx.DeleteSessionsOf(ctx, a.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, a.ID, "account.password_reset", a.ID, nil)
	})
	if err != nil {
		return err
	}
	if codeErr != nil {
		return errResetCode()
	}
	return nil
}

// SetLocale records the language the account wants its messages in (the
// decision emails follow it).
func (s *Service) SetLocale(ctx context.Context, who Principal, locale string) error {
	l := matchLocale(locale)
	return s.Store.UpdateAccount(ctx, who.AccountID, AccountUpdate{Locale: &l, UpdatedAt: s.Now()})
}
