package kycd

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"net/mail"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"
)

// RegisterInput is what a person gives to register.
type RegisterInput struct {
	Email      string
	Phone      string
	Password   string
	InviteCode string
	Locale     string
	ClientIP   string
}

// DefaultPhoneRegion is assumed for numbers typed without a country code;
// most kycd applicants are in mainland China.
var DefaultPhoneRegion = "CN"

// NormalizeEmail trims and lower-cases an address and checks its form.
func NormalizeEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 {
		return "", ErrorWith("email.invalid")
	}
	at := strings.LastIndexByte(s, '@')
	if at < 1 || !strings.Contains(s[at+1:], ".") || strings.HasSuffix(s, ".") {
		return "", ErrorWith("email.invalid")
	}
	return s, nil
}

// NormalizePhone parses a mobile number and returns it in E.164.
func NormalizePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 32 {
		return "", ErrorWith("phone.invalid")
	}
	n, err := phonenumbers.Parse(s, DefaultPhoneRegion)
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", ErrorWith("phone.invalid")
	}
	switch phonenumbers.GetNumberType(n) {
	case phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE:
	default:
		return "", ErrorWith("phone.invalid")
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}

// inviteAlphabet leaves out 0, O, 1 and I so a code read aloud or copied by
// hand cannot be mistyped into another valid code.
const inviteAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

func newInviteCode() string {
	b := make([]byte, 8)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(inviteAlphabet))))
		if err != nil {
			panic(err)
		}
		b[i] = inviteAlphabet[n.Int64()]
	}
	return string(b)
}

// NormalizeInviteCode upper-cases a typed code and drops spaces and dashes.
func NormalizeInviteCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "", "-", "").Replace(s)
}

// Register creates an account, sends both one-time codes and returns a
// session for it. Everything the account needs is written in one
// transaction, so a crash never leaves half an account.
func (s *Service) Register(ctx context.Context, in RegisterInput) (*Account, string, error) {
	if err := s.limit("register:ip:"+in.ClientIP, s.Settings.RegisterRate); err != nil {
		return nil, "", err
	}
	if err := checkText("invite_code", in.InviteCode, "locale", in.Locale); err != nil {
		return nil, "", err
	}
	// Every field is checked before answering, so a form can mark all of
	// its mistakes at once (errors.Join; the first one decides the status).
	email, emailErr := NormalizeEmail(in.Email)
	phone, phoneErr := NormalizePhone(in.Phone)
	if err := errors.Join(emailErr, phoneErr, CheckPassword(in.Password)); err != nil {
		return nil, "", err
	}
	hash, err := HashPassword(in.Password, s.Settings.Argon2)
	if err != nil {
		return nil, "", err
	}
	now := s.Now()
	a := &Account{ID: NewID(), Email: email, Phone: phone, PasswordHash: hash, Locale: localeOrDefault(in.Locale),
		Role: RoleApplicant, CreatedAt: now, UpdatedAt: now}
	token := newSecret()
	emailCode, phoneCode := newOTPCode(), newOTPCode()
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		if code := NormalizeInviteCode(in.InviteCode); code != "" {
			inviter, err := tx.FindAccountByInviteCode(ctx, code)
			if IsNotFound(err) {
				return ErrorWith("invite.unknown")
			} else if err != nil {
				return err
			}
			a.InvitedBy = inviter.ID
			if inv, err := tx.FindInvite(ctx, code); err == nil {
				a.InviteBenefit = inv.Benefit
			} else if !IsNotFound(err) {
				return err
			}
		}
		if err := s.createAccountWithCode(ctx, tx, a); err != nil {
			return err
		}
		for p, code := range map[Purpose]string{PurposeVerifyEmail: emailCode, PurposeVerifyPhone: phoneCode} {
			if err := tx.CreateOTP(ctx, s.newOTP(a.ID, p, code, now)); err != nil {
				return err
			}
		}
		if err := tx.CreateSession(ctx, &Session{TokenHash: hashToken(token), AccountID: a.ID, CreatedAt: now, ExpiresAt: now.Add(s.Settings.SessionTTL)}); err != nil {
			return err
		}
		data := map[string]any{}
		if a.InvitedBy != "" {
			data["invited_by"] = a.InvitedBy
		}
		return s.audit(ctx, tx, a.ID, "account.registered", a.ID, data)
	})
	if err != nil {
		return nil, "", err
	}
	s.sendOTP(ctx, a, PurposeVerifyEmail, emailCode)
	s.sendOTP(ctx, a, PurposeVerifyPhone, phoneCode)
	return a, token, nil
}

// createAccountWithCode inserts a with a fresh invite code. The code is
// checked free before the insert, so that a conflict on the insert means
// the email or phone is taken: on PostgreSQL a failed insert aborts the
// whole transaction, so nothing could be looked up or retried after it.
func (s *Service) createAccountWithCode(ctx context.Context, tx Tx, a *Account) error {
	for attempt := 0; ; attempt++ {
		a.InviteCode = newInviteCode()
		_, err := tx.FindAccountByInviteCode(ctx, a.InviteCode)
		if err == nil && attempt < 5 {
			continue // taken (rare): draw another
		} else if err != nil && !IsNotFound(err) {
			return err
		}
		err = tx.CreateAccount(ctx, a)
		if IsConflict(err) {
			// Without revealing which account it is.
			return ErrorWith("account.exists")
		}
		return err
	}
}

func localeOrDefault(l string) string {
	if l == "" {
		return "en"
	}
	return matchLocale(l)
}

// newSecret returns 256 random bits for a session token or API key.
func newSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// newOTPCode returns six uniformly random digits.
func newOTPCode() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1000000))
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%06d", n.Int64())
}

func (s *Service) otpHash(accountID string, p Purpose, code string) []byte {
	// Keyed, and bound to account and purpose, so a stolen table cannot be
	// used to look codes up and a code for one purpose fits no other.
	return s.Sealer.BlindIndex("otp", accountID+"|"+string(p)+"|"+code)
}

func (s *Service) newOTP(accountID string, p Purpose, code string, now time.Time) *OTP {
	return &OTP{ID: NewID(), AccountID: accountID, Purpose: p, CodeHash: s.otpHash(accountID, p, code),
		SentAt: now, ExpiresAt: now.Add(s.Settings.OTPTTL)}
}

// sendOTP delivers a code after the transaction that stored it committed.
// A failed delivery is logged (without the code) and the person can ask for
// a new code; the account itself is safe.
func (s *Service) sendOTP(ctx context.Context, a *Account, p Purpose, code string) {
	m, snd := s.otpMessage(a, p, code)
	s.deliver(ctx, a.ID, p, m, snd)
}

func (s *Service) deliver(ctx context.Context, accountID string, p Purpose, m Message, snd Sender) {
	if snd == nil {
		s.Log.Warn("no sender configured", "channel", m.Channel, "account", accountID)
		return
	}
	if err := snd.Send(ctx, m); err != nil {
		s.Log.Error("message delivery failed", "channel", m.Channel, "account", accountID, "purpose", string(p), "err", err)
	}
}

func (s *Service) otpMessage(a *Account, p Purpose, code string) (Message, Sender) {
	minutes := itoa(int64(s.Settings.OTPTTL / time.Minute))
	var m Message
	var snd Sender
	switch p {
	case PurposeVerifyEmail:
		m = Message{Channel: "email", To: a.Email, Subject: text(a.Locale, "mail.otp_email.subject", "code", code),
			Body: text(a.Locale, "mail.otp_email.body", "code", code, "minutes", minutes)}
		snd = s.Mail
	case PurposeVerifyPhone:
		m = Message{Channel: "sms", To: a.Phone, Body: text(a.Locale, "sms.otp.body", "code", code, "minutes", minutes)}
		snd = s.SMS
	case PurposeResetPassword:
		m = Message{Channel: "email", To: a.Email, Subject: text(a.Locale, "mail.reset.subject", "code", code),
			Body: text(a.Locale, "mail.reset.body", "code", code, "minutes", minutes)}
		snd = s.Mail
	}
	m.SentAt = s.Now()
	return m, snd
}

// Verify confirms the email or phone of the caller with a one-time code.
// Reaching both confirmations raises the account to level 1.
func (s *Service) Verify(ctx context.Context, who Principal, channel, code string) (*Account, error) {
	p, err := verifyPurpose(channel)
	if err != nil {
		return nil, err
	}
	if code, err = otpFormat(code); err != nil {
		return nil, err
	}
	if err := s.limit("verify:acct:"+who.AccountID, s.Settings.VerifyRate); err != nil {
		return nil, err
	}
	var out *Account
	var codeErr error
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		a, err := tx.FindAccountByID(ctx, who.AccountID)
		if err != nil {
			return err
		}
		if confirmed(a, p) {
			out = a
			return nil
		}
		// A wrong code must still count its try, so the check's error is
		// returned after the transaction commits.
		if codeErr, err = s.consumeOTP(ctx, tx, a.ID, p, code); err != nil || codeErr != nil {
			return err
		}
		now := s.Now()
		upd := AccountUpdate{UpdatedAt: now}
		if p == PurposeVerifyEmail {
			a.EmailVerifiedAt, upd.EmailVerifiedAt = &now, &now
		} else {
			a.PhoneVerifiedAt, upd.PhoneVerifiedAt = &now, &now
		}
		if err := tx.UpdateAccount(ctx, a.ID, upd); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a.ID, "account."+channelName(p)+"_verified", a.ID, nil); err != nil {
			return err
		}
		if a.EmailVerifiedAt != nil && a.PhoneVerifiedAt != nil && a.Level < 1 {
			if err := s.RaiseLevel(ctx, tx, a, 1, System, "email_and_phone_verified"); err != nil {
				return err
			}
		}
		out = a
		return nil
	})
	if err != nil {
		return nil, err
	}
	if codeErr != nil {
		return nil, codeErr
	}
	return out, nil
}

// verifyPurpose maps the channel a client names to the code's purpose.
func verifyPurpose(channel string) (Purpose, error) {
	switch channel {
	case "email":
		return PurposeVerifyEmail, nil
	case "phone", "sms":
		return PurposeVerifyPhone, nil
	}
	return "", ErrorWith("channel.invalid")
}

// confirmed reports whether a has already confirmed the channel of p.
func confirmed(a *Account, p Purpose) bool {
	return (p == PurposeVerifyEmail && a.EmailVerifiedAt != nil) || (p == PurposeVerifyPhone && a.PhoneVerifiedAt != nil)
}

func channelName(p Purpose) string {
	if p == PurposeVerifyPhone {
		return "phone"
	}
	return "email"
}

// consumeOTP checks code against the stored one. It returns a domain error
// (otp.invalid / otp.expired) as its first result, leaving the try count
// updated in tx, and a store error as its second.
// otpFormat normalizes a typed one-time code (spaces dropped, full-width
// digits made plain) and refuses one that is not 6 digits with otp.format.
// A mistyped length says nothing about the code, so it must not cost one
// of the code's few tries: callers check it before consumeOTP.
func otpFormat(code string) (string, error) {
	code = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == ' ' || r == '\u3000' || r == '-':
			return -1
		}
		return r
	}, strings.TrimSpace(code))
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		return "", ErrorWith("otp.format", "digits", "6")
	}
	return code, nil
}

func (s *Service) consumeOTP(ctx context.Context, tx Tx, accountID string, p Purpose, code string) (error, error) {
	o, err := tx.FindOTP(ctx, accountID, p)
	if IsNotFound(err) {
		return ErrorWith("otp.expired"), nil
	} else if err != nil {
		return nil, err
	}
	now := s.Now()
	if o.UsedAt != nil || !now.Before(o.ExpiresAt) || o.Tries >= s.Settings.OTPMaxTries {
		return ErrorWith("otp.expired"), nil
	}
	if !hmac.Equal(o.CodeHash, s.otpHash(accountID, p, strings.TrimSpace(code))) {
		o.Tries++
		if err := tx.UpdateOTP(ctx, o); err != nil {
			return nil, err
		}
		left := s.Settings.OTPMaxTries - o.Tries
		if left <= 0 {
			return ErrorWith("otp.expired"), nil
		}
		return ErrorWith("otp.invalid", "tries_left", itoa(int64(left))), nil
	}
	o.UsedAt = &now
	return nil, tx.UpdateOTP(ctx, o)
}

// Resend sends a new code for channel, replacing the old one, unless one
// was sent less than the cooldown ago.
func (s *Service) Resend(ctx context.Context, who Principal, channel string) error {
	p, err := verifyPurpose(channel)
	if err != nil {
		return err
	}
	var a *Account
	code := newOTPCode()
	err = s.Store.WithTx(ctx, func(tx Tx) error {
		var err error
		if a, err = tx.FindAccountByID(ctx, who.AccountID); err != nil {
			return err
		}
		if confirmed(a, p) {
			return ErrorWith("otp.already_verified")
		}
		return s.replaceOTP(ctx, tx, a.ID, p, code)
	})
	if err != nil {
		return err
	}
	s.sendOTP(ctx, a, p, code)
	return nil
}

func (s *Service) replaceOTP(ctx context.Context, tx Tx, accountID string, p Purpose, code string) error {
	now := s.Now()
	if old, err := tx.FindOTP(ctx, accountID, p); err == nil {
		if wait := old.SentAt.Add(s.Settings.OTPCooldown).Sub(now); wait > 0 {
			e := rateLimited(wait)
			e.Code = "otp.cooldown"
			return e
		}
	} else if !IsNotFound(err) {
		return err
	}
	return tx.CreateOTP(ctx, s.newOTP(accountID, p, code, now))
}

// RaiseLevel sets a's level to level and records why, inside tx. Levels
// only go up here; lowering is a separate, deliberate operator action.
func (s *Service) RaiseLevel(ctx context.Context, tx Tx, a *Account, level int, by Principal, why string) error {
	if _, ok := s.Policy.Level(level); !ok {
		return ErrorWith("level.invalid")
	}
	if level <= a.Level {
		return nil
	}
	from := a.Level
	if err := tx.UpdateAccount(ctx, a.ID, AccountUpdate{Level: &level, UpdatedAt: s.Now()}); err != nil {
		return err
	}
	a.Level = level
	return s.audit(ctx, tx, by.Actor(), "account.level_changed", a.ID, map[string]any{"from": from, "to": level, "reason": why})
}
