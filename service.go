package kycd

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"errors"
	"log/slog"
	"net/netip"
	"time"

	"github.com/kycd/kycd/checks/photo"
	"github.com/kycd/kycd/checks/screening"
)

// Settings are the service's tunables; cmd/kycd fills them from config.
type Settings struct {
	Argon2       Argon2Params
	OTPTTL       time.Duration // how long a one-time code is valid
	OTPMaxTries  int           // wrong tries before a code is void
	OTPCooldown  time.Duration // minimum time between two codes sent
	SessionTTL   time.Duration
	RegisterRate RateRule // per client IP
	LoginRate    RateRule // per client IP and per account
	VerifyRate   RateRule // per account
	ResetRate    RateRule // per client IP and per account
	CheckRate    RateRule // live identity checks, per client IP
	// ReviewSLA is how long after submission a case is due; ClaimLease how
	// long a reviewer's claim lasts before the case returns to the queue.
	ReviewSLA  time.Duration
	ClaimLease time.Duration
	// FourEyes makes final rejections wait for a second, senior reviewer.
	FourEyes bool
	// MinAge is the age rule of the identity checks.
	MinAge int
	// ReapplyAfter is how long after a final rejection the account may
	// apply for that level again.
	ReapplyAfter time.Duration
	// WebhookAllow names internal networks webhooks may reach anyway (see
	// WebhookAddressAllowed); empty = public addresses only.
	WebhookAllow []netip.Prefix
}

// DefaultSettings are the values kycd runs with when nothing is configured.
func DefaultSettings() Settings {
	return Settings{
		Argon2:       DefaultArgon2,
		OTPTTL:       10 * time.Minute,
		OTPMaxTries:  5,
		OTPCooldown:  60 * time.Second,
		SessionTTL:   7 * 24 * time.Hour,
		RegisterRate: RateRule{Max: 20, Window: time.Hour},
		LoginRate:    RateRule{Max: 10, Window: 15 * time.Minute},
		VerifyRate:   RateRule{Max: 20, Window: 15 * time.Minute},
		ResetRate:    RateRule{Max: 5, Window: time.Hour},
		CheckRate:    RateRule{Max: 600, Window: time.Hour},
		ReviewSLA:    48 * time.Hour,
		ClaimLease:   15 * time.Minute,
		FourEyes:     true,
		MinAge:       18,
		ReapplyAfter: 90 * 24 * time.Hour,
	}
}

// Service applies kycd's rules. HTTP handlers, jobs and the CLI all call it,
// so authorization, state changes and audit are written once.
type Service struct {
	Store    Store
	Sealer   Sealer
	Policy   Policy
	Mail     Sender // email
	SMS      Sender
	Settings Settings
	Now      func() time.Time
	Log      *slog.Logger
	Limiter  *RateLimiter
	// Blobs keeps uploaded bytes and documents (encrypted).
	Blobs BlobStore
	// Photo holds the photo checks' thresholds.
	Photo photo.Config
	// Video analyses selfie videos; nil marks them "not analysed".
	Video VideoChecker
	// Screener holds the sanctions and PEP lists' index.
	Screener *Screener
	// AuditKey keys the audit chain (rule v2). NewService takes it from the
	// sealer when the sealer offers one (seal.Keyring does).
	AuditKey []byte
	// Reader reads document photos (OCR); nil or off leaves documents
	// unread.
	Reader *DocumentReader
	// Wake, when set, is called after a transaction that queued webhook
	// deliveries, so the worker sends them without waiting for its tick.
	Wake func()
}

// NewService returns a service with its clock and limiter set up.
func NewService(st Store, sealer Sealer, policy Policy, mail, sms Sender, set Settings, now func() time.Time, log *slog.Logger) *Service {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	s := &Service{Store: st, Sealer: sealer, Policy: policy, Mail: mail, SMS: sms, Settings: set,
		Now: func() time.Time { return now().UTC().Truncate(time.Microsecond) }, Log: log, Limiter: NewRateLimiter(now),
		Photo: photo.DefaultConfig(), Screener: &Screener{Threshold: screening.DefaultThreshold}}
	if k, ok := sealer.(interface{ AuditKey() []byte }); ok {
		s.AuditKey = k.AuditKey()
	}
	return s
}

// Principal is an authenticated caller.
type Principal struct {
	AccountID string
	Role      Role
	APIKeyID  string
	Locale    string
}

// Actor names the principal in audit entries.
func (p Principal) Actor() string {
	if p.APIKeyID != "" {
		return "apikey:" + p.APIKeyID
	}
	if p.AccountID == "" {
		return "system"
	}
	return p.AccountID
}

// System is the principal of background work and the operator CLI.
var System = Principal{Role: RoleAdmin}

// NewID returns a random 128-bit identifier, text-encoded: never guessable,
// never a sequence.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return idEncoding.EncodeToString(b[:])
}

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// hashToken hashes a bearer secret (session token, API key) for storage.
// The secrets are 256-bit random, so a plain SHA-256 is enough: there is
// nothing to brute-force.
func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// audit appends an entry to the chain inside tx, keyed (rule v2), and
// signs the new head.
func (s *Service) audit(ctx context.Context, tx Tx, actor, action, subject string, data map[string]any) error {
	if len(s.AuditKey) == 0 {
		return errors.New("audit: no audit key configured")
	}
	seq, prev, err := tx.AuditHead(ctx)
	if err != nil {
		return err
	}
	raw := "{}"
	if len(data) > 0 {
		b, err := json.Marshal(data)
		if err != nil {
			return err
		}
		raw = string(b)
	}
	e := &AuditEntry{Seq: seq + 1, At: s.Now(), Actor: actor, Action: action, Subject: subject, Data: raw, PrevHash: prev,
		Rule: AuditRuleV2}
	e.Hash = e.ComputeKeyedHash(s.AuditKey)
	if err := tx.InsertAudit(ctx, e); err != nil {
		return err
	}
	return tx.SignAuditHead(ctx, e.Seq, AuditHeadMAC(s.AuditKey, e.Seq, e.Hash))
}

// limit applies a rate rule to key.
func (s *Service) limit(key string, r RateRule) error {
	if wait := s.Limiter.Allow(key, r); wait > 0 {
		return rateLimited(wait)
	}
	return nil
}
