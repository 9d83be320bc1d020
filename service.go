package kycd

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"strconv"
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
	LoginRate    RateRule // attempts per client IP; failures per account before it counts as under attack
	// LoginPairRate is the failures one client may make on one account.
	LoginPairRate RateRule
	VerifyRate    RateRule // per account
	ResetRate     RateRule // per client IP and per account
	CheckRate     RateRule // live identity checks, per client IP
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
	// PublicURL is where applicants open kycd's pages (decision emails
	// link to its /status); empty leaves the link out.
	PublicURL string
	// SupportContact is how applicants reach the operator's support (an
	// email address or a web address), shown beside a final decision.
	SupportContact string
	// WebhookAllow names internal networks webhooks may reach anyway (see
	// WebhookAddressAllowed); empty = public addresses only.
	WebhookAllow []netip.Prefix
	// Uploads bound what an account may hold in unattached uploads, and
	// how long they live.
	Uploads UploadLimits
}

// DefaultSettings are the values kycd runs with when nothing is configured.
func DefaultSettings() Settings {
	return Settings{
		Argon2:        DefaultArgon2,
		OTPTTL:        10 * time.Minute,
		OTPMaxTries:   5,
		OTPCooldown:   60 * time.Second,
		SessionTTL:    7 * 24 * time.Hour,
		RegisterRate:  RateRule{Max: 20, Window: time.Hour},
		LoginRate:     RateRule{Max: 10, Window: 15 * time.Minute},
		LoginPairRate: RateRule{Max: 5, Window: 15 * time.Minute},
		VerifyRate:    RateRule{Max: 20, Window: 15 * time.Minute},
		ResetRate:     RateRule{Max: 5, Window: time.Hour},
		CheckRate:     RateRule{Max: 600, Window: time.Hour},
		ReviewSLA:     48 * time.Hour,
		ClaimLease:    15 * time.Minute,
		FourEyes:      true,
		MinAge:        18,
		ReapplyAfter:  90 * 24 * time.Hour,
		Uploads:       DefaultUploadLimits(),
	}
}

// Service applies kycd's rules. HTTP handlers, jobs and the CLI all call it,
// so authorization, state changes and audit are written once.
//
// NewService fills every field from validated Options; nothing is set
// afterwards, so a Service is whole from the start. Adapters read
// (never assign) the fields.
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
	// AuditKey keys the audit chain (rule v2).
	AuditKey []byte
	// Reader reads document photos (OCR); nil or off leaves documents
	// unread.
	Reader *DocumentReader
	// Faces compares the selfie's face with the document's portrait; nil
	// or off leaves them uncompared.
	Faces *FaceMatcher
	outboxState
	// Wake is called after a transaction that queued webhook deliveries,
	// so the worker sends them without waiting for its tick.
	Wake func()
	// erased counts this process's erasures, for /metrics.
	erased retentionCounter
	// afterBlobsErased, when set (by tests), runs between deleting an
	// erasure's blobs and committing its rows: the crash window.
	afterBlobsErased func() error
	// linkKey signs reviewers' document links. It is not the blind-index
	// key: a link signature must never be usable as, or reveal, an index.
	linkKey []byte
	// Checks bounds the photo and video checks running at once, server-wide
	// and per account.
	Checks *CheckGate
	// faultHook, when set (Options.FaultHook), is called at the named steps
	// of crash-sensitive work (the Fault* constants); an error stops the
	// work right there, as a crash would. Tests inject crashes with it; it
	// is nil in production.
	faultHook func(step string) error
}

// Options are everything a Service is built from. Store, Sealer and a
// LinkKey and AuditKey of at least 32 bytes are required; the rest have
// defaults (no Blobs, Mail or SMS means those capabilities answer
// "unavailable").
type Options struct {
	Store  Store
	Sealer Sealer
	Blobs  BlobStore
	Mail   Sender // email
	SMS    Sender
	// Policy defaults to DefaultPolicy, Settings to DefaultSettings.
	Policy   *Policy
	Settings *Settings
	// Photo defaults to photo.DefaultConfig.
	Photo *photo.Config
	// Video analyses selfie videos; nil marks them "not analysed".
	Video VideoChecker
	// Reader reads document photos (OCR); nil leaves documents unread.
	Reader *DocumentReader
	// Faces compares faces (checks/facematch); nil leaves them uncompared.
	Faces *FaceMatcher
	// ScreeningThreshold is the name-match score in (0, 1] from which a
	// list entry is a hit; 0 means screening.DefaultThreshold.
	ScreeningThreshold float64
	// LinkKey signs reviewers' short-lived document links. Every instance
	// must share it (a link may be opened on another one).
	LinkKey []byte
	// AuditKey keys the audit chain (rule v2); when nil it is taken from
	// the sealer if the sealer offers one (seal.Keyring does).
	AuditKey []byte
	// Wake, when set, is called after a transaction that queued webhook
	// deliveries.
	Wake func()
	// Checks bounds the photo and video checks running at once (server.busy
	// beyond it); nil means DefaultCheckLimits, and zero fields take the
	// defaults too, so the checks are always bounded.
	Checks *CheckLimits
	// RateCounter, when set, keeps the rate limits' counts (the database,
	// Redis) so that every instance sharing it enforces one limit;
	// without it each process counts in memory.
	RateCounter RateCounter
	// FaultHook injects crashes in tests at the named steps (the Fault*
	// constants): an error stops the work there, as a crash would;; nil in
	// production.
	FaultHook func(step string) error
	// Now is the clock (time.Now when nil); Log the logger (slog.Default).
	Now func() time.Time
	Log *slog.Logger
}

// NewService validates o and returns a service ready to use.
func NewService(o Options) (*Service, error) {
	if o.Store == nil || o.Sealer == nil {
		return nil, errors.New("kycd: NewService: Store and Sealer are required")
	}
	// A process built for one job (the read-only audit tools) has no
	// document store or senders: it gets stand-ins that refuse with
	// "unavailable" instead of fields that panic when touched.
	if o.Blobs == nil {
		o.Blobs = noBlobs{}
	}
	if o.Mail == nil {
		o.Mail = noSender{}
	}
	if o.SMS == nil {
		o.SMS = noSender{}
	}
	if len(o.LinkKey) < 32 {
		return nil, errors.New("kycd: NewService: LinkKey must be at least 32 bytes")
	}
	auditKey := o.AuditKey
	if k, ok := o.Sealer.(interface{ AuditKey() []byte }); ok && auditKey == nil {
		auditKey = k.AuditKey()
	}
	if len(auditKey) < 32 {
		return nil, errors.New("kycd: NewService: AuditKey must be at least 32 bytes (or come from the sealer)")
	}
	threshold := o.ScreeningThreshold
	if threshold == 0 {
		threshold = screening.DefaultThreshold
	}
	if !(threshold > 0 && threshold <= 1) {
		return nil, fmt.Errorf("kycd: NewService: screening threshold %v is not in (0, 1]", o.ScreeningThreshold)
	}
	policy := DefaultPolicy()
	if o.Policy != nil {
		policy = *o.Policy
	}
	if len(policy.Levels) == 0 {
		return nil, errors.New("kycd: NewService: the policy has no levels")
	}
	// A policy built in code rather than parsed gets the built-in
	// retention rules, so erasure never meets a class without a rule.
	if len(policy.Retention) < len(DataClasses) {
		defaults, err := defaultRetention()
		if err != nil {
			return nil, err
		}
		r := RetentionPolicy{}
		for c, rule := range policy.Retention {
			r[c] = rule
		}
		if err := r.validate(defaults); err != nil {
			return nil, fmt.Errorf("kycd: NewService: %w", err)
		}
		policy.Retention = r
	}
	set := DefaultSettings()
	if o.Settings != nil {
		set = *o.Settings
	}
	if set.SessionTTL <= 0 || set.OTPTTL <= 0 || set.OTPMaxTries <= 0 || set.ReviewSLA <= 0 || set.ClaimLease <= 0 {
		return nil, errors.New("kycd: NewService: session, code, review and claim durations and code tries must be positive")
	}
	pc := photo.DefaultConfig()
	if o.Photo != nil {
		pc = *o.Photo
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	log := o.Log
	if log == nil {
		log = slog.Default()
	}
	wake := o.Wake
	if wake == nil {
		wake = func() {}
	}
	checks := DefaultCheckLimits()
	if o.Checks != nil {
		checks = *o.Checks
	}
	if checks.Queue < 0 || checks.Slots < 0 || checks.PerAccount < 0 {
		return nil, errors.New("kycd: NewService: check slots, queue and per-account limit must not be negative")
	}
	limiter := NewRateLimiter(now)
	limiter.Counter = o.RateCounter
	return &Service{Store: o.Store, Sealer: o.Sealer, Policy: policy, Mail: o.Mail, SMS: o.SMS, Settings: set,
		Now: func() time.Time { return now().UTC().Truncate(time.Microsecond) }, Log: log, Limiter: limiter,
		Blobs: o.Blobs, Photo: pc, Video: o.Video, Reader: o.Reader, Faces: o.Faces, Screener: &Screener{Threshold: threshold}, Wake: wake,
		AuditKey: auditKey, linkKey: append([]byte(nil), o.LinkKey...), Checks: NewCheckGate(checks),
		faultHook: o.FaultHook}, nil
}

type noBlobs struct{}

func (noBlobs) Put(context.Context, string, io.Reader) (int64, error) {
	return 0, Errorf("unavailable", "this process has no document store")
}
func (noBlobs) Open(context.Context, string) (io.ReadCloser, error) {
	return nil, Errorf("unavailable", "this process has no document store")
}
func (noBlobs) Delete(context.Context, string) error {
	return Errorf("unavailable", "this process has no document store")
}
func (noBlobs) List(context.Context, string, func(BlobInfo) error) error {
	return Errorf("unavailable", "this process has no document store")
}

type noSender struct{}

func (noSender) Send(context.Context, Message) error {
	return Errorf("unavailable", "this process has no mail or SMS sender")
}

// DocumentLinkTTL is how long a reviewer's document link works: long
// enough to look at a case, short enough that a copied link is soon useless.
const DocumentLinkTTL = 10 * time.Minute

// DocumentLink signs a link to document docID for reviewer, valid for
// DocumentLinkTTL; it returns the expiry (Unix seconds) and the signature.
func (s *Service) DocumentLink(docID, reviewer string) (exp int64, sig string) {
	exp = s.Now().Add(DocumentLinkTTL).Unix()
	return exp, s.documentLinkSig(docID, reviewer, exp)
}

// DocumentLinkValid reports whether sig signs docID for reviewer and has
// not expired.
func (s *Service) DocumentLinkValid(docID, reviewer string, exp int64, sig string) bool {
	return s.Now().Unix() <= exp && hmac.Equal([]byte(sig), []byte(s.documentLinkSig(docID, reviewer, exp)))
}

func (s *Service) documentLinkSig(docID, reviewer string, exp int64) string {
	m := hmac.New(sha256.New, s.linkKey)
	m.Write([]byte(docID + "|" + reviewer + "|" + strconv.FormatInt(exp, 10)))
	return hex.EncodeToString(m.Sum(nil))
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

// audit appends an entry to the chain inside tx, keyed (rule v3, so its
// data can later be redacted without breaking the chain), and
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
		Rule: AuditRuleV3}
	e.Hash = e.ComputeKeyedHashV3(s.AuditKey)
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
