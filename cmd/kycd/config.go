package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/kycd/kycd/checks/facematch"
	"github.com/kycd/kycd/checks/ocr"
)

// config is every setting kycd reads. Each comes from, in rising order of
// precedence: its default, the --config file, the environment, the flag.
type config struct {
	ConfigFile        string
	Addr              string
	Data              string
	Database          string
	Dev               bool
	SMTPURL           string
	MailFrom          string
	SMSWebhookURL     string
	SMSWebhookToken   string
	EncryptionKeys    string
	IndexKey          string
	AuditKey          string
	Policy            string
	Argon2MemoryKiB   int
	Argon2Time        int
	Argon2Threads     int
	OTPTTL            time.Duration
	OTPMaxTries       int
	OTPCooldown       time.Duration
	SessionTTL        time.Duration
	TrustProxyHeaders bool
	WebhookAllow      string
	TrustedProxies    string
	BehindTLS         bool
	MetricsAddr       string
	ReviewSLA         time.Duration
	ClaimLease        time.Duration
	FourEyes          bool
	MinAge            int
	ReapplyAfter      time.Duration
	SupportContact    string
	PublicURL         string
	ScreeningSources  string
	ScreeningRefresh  time.Duration
	ScreeningThresh   string
	LogLevel          string
	LogFormat         string
	OCRDir            string
	OCRWorkers        int
	FaceDir           string
	Blobs             string
	S3Endpoint        string
	S3AccessKey       string
	S3SecretKey       string
	S3Region          string
	S3VirtualHost     bool
	JobPoll           time.Duration
	Redis             string
	KeysFile          string
	SweepInterval     time.Duration
	HousekeepInterval time.Duration
	UploadMaxPending  int
	UploadMaxMB       int
	UploadTTL         time.Duration
	CheckSlots        int
	RetentionInterval time.Duration
}

// option describes one setting for flags, environment, file, docs and dump.
type option struct {
	key    string // file key and flag name (with dashes)
	env    string
	help   string
	secret bool
	ptr    any // *string, *bool, *int, *time.Duration
	def    string
}

func (c *config) options() []option {
	return []option{
		{"addr", "KYCD_ADDR", "address to listen on", false, &c.Addr, "127.0.0.1:8080"},
		{"data", "KYCD_DATA", "data directory (SQLite database, key file, documents)", false, &c.Data, "./kycd-data"},
		{"database", "KYCD_DATABASE", "postgres://… URL for PostgreSQL; empty = SQLite in the data directory", true, &c.Database, ""},
		{"dev", "KYCD_DEV", "development mode: serve GET /dev/outbox, allow cookies over plain HTTP", false, &c.Dev, "false"},
		{"smtp-url", "KYCD_SMTP_URL", "smtp://user:pass@host:port for outgoing mail (STARTTLS when offered); empty = outbox only", true, &c.SMTPURL, ""},
		{"mail-from", "KYCD_MAIL_FROM", "sender address of outgoing mail", false, &c.MailFrom, "kycd <no-reply@kycd.localhost>"},
		{"sms-webhook-url", "KYCD_SMS_WEBHOOK_URL", "SMS gateway URL (JSON POST {to, body}); empty = outbox only", false, &c.SMSWebhookURL, ""},
		{"sms-webhook-token", "KYCD_SMS_WEBHOOK_TOKEN", "bearer token sent to the SMS gateway", true, &c.SMSWebhookToken, ""},
		{"encryption-keys", "KYCD_ENCRYPTION_KEYS", "data keys id:base64(32 bytes),… — first is active; empty = generated into DATA/keys.json", true, &c.EncryptionKeys, ""},
		{"index-key", "KYCD_INDEX_KEY", "base64 key (≥32 bytes) for blind indexes; set together with --encryption-keys", true, &c.IndexKey, ""},
		{"audit-key", "KYCD_AUDIT_KEY", "base64 key (≥32 bytes) of the audit chain, with --encryption-keys; empty = derived from the index key (as before it could be set: never change it once the chain exists)", true, &c.AuditKey, ""},
		{"policy", "KYCD_POLICY", "level policy file (YAML); empty = built-in levels 0–3", false, &c.Policy, ""},
		{"argon2-memory-kib", "KYCD_ARGON2_MEMORY_KIB", "argon2id memory per password hash (KiB)", false, &c.Argon2MemoryKiB, "19456"},
		{"argon2-time", "KYCD_ARGON2_TIME", "argon2id passes", false, &c.Argon2Time, "2"},
		{"argon2-threads", "KYCD_ARGON2_THREADS", "argon2id lanes", false, &c.Argon2Threads, "1"},
		{"otp-ttl", "KYCD_OTP_TTL", "how long a one-time code is valid", false, &c.OTPTTL, "10m"},
		{"otp-max-tries", "KYCD_OTP_MAX_TRIES", "wrong tries before a code is void", false, &c.OTPMaxTries, "5"},
		{"otp-cooldown", "KYCD_OTP_COOLDOWN", "minimum time between two codes", false, &c.OTPCooldown, "60s"},
		{"session-ttl", "KYCD_SESSION_TTL", "session lifetime", false, &c.SessionTTL, "168h"},
		{"trust-proxy-headers", "KYCD_TRUST_PROXY_HEADERS", "take client addresses from X-Forwarded-For (only behind a proxy that sets it)", false, &c.TrustProxyHeaders, "false"},
		{"trusted-proxies", "KYCD_TRUSTED_PROXIES", "your proxies' addresses, CIDR or address,…: X-Forwarded-For is read only from them, the client is its rightmost address that is not one of them (implies --trust-proxy-headers)", false, &c.TrustedProxies, ""},
		{"behind-tls", "KYCD_BEHIND_TLS", "a proxy in front serves HTTPS: send Strict-Transport-Security", false, &c.BehindTLS, "false"},
		{"metrics-addr", "KYCD_METRICS_ADDR", "address of a listener of its own for GET /metrics (Prometheus), e.g. 127.0.0.1:9464; empty = no metrics. Never on the public port", false, &c.MetricsAddr, ""},
		{"webhook-allow", "KYCD_WEBHOOK_ALLOW", "internal networks webhooks may reach anyway: CIDR or address,… (default: public addresses only)", false, &c.WebhookAllow, ""},
		{"review-sla", "KYCD_REVIEW_SLA", "time from submission until a case is due on the review desk", false, &c.ReviewSLA, "48h"},
		{"claim-lease", "KYCD_CLAIM_LEASE", "how long a reviewer's claim on a case lasts", false, &c.ClaimLease, "15m"},
		{"four-eyes", "KYCD_FOUR_EYES", "final rejections need a second, senior reviewer", false, &c.FourEyes, "true"},
		{"min-age", "KYCD_MIN_AGE", "minimum age of applicants (from the ID number or birth date)", false, &c.MinAge, "18"},
		{"reapply-after", "KYCD_REAPPLY_AFTER", "how long after a final rejection the account may apply for that level again", false, &c.ReapplyAfter, "2160h"},
		{"public-url", "KYCD_PUBLIC_URL", "the address applicants open the pages at (links in emails); empty = http://ADDR", false, &c.PublicURL, ""},
		{"support-contact", "KYCD_SUPPORT_CONTACT", "how applicants reach your support (an email or web address), shown with final decisions", false, &c.SupportContact, ""},
		{"screening-sources", "KYCD_SCREENING_SOURCES", "lists to import on a schedule: [NAME=]FORMAT:PATH-OR-URL,… (FORMAT ofac, un, eu, csv)", false, &c.ScreeningSources, ""},
		{"screening-refresh", "KYCD_SCREENING_REFRESH", "how often the screening sources are imported again", false, &c.ScreeningRefresh, "24h"},
		{"screening-threshold", "KYCD_SCREENING_THRESHOLD", "minimum match score that sends a case to review (0–1; empty = the matcher's default)", false, &c.ScreeningThresh, ""},
		{"log-level", "KYCD_LOG_LEVEL", "debug, info, warn or error", false, &c.LogLevel, "info"},
		{"log-format", "KYCD_LOG_FORMAT", "json or text", false, &c.LogFormat, "json"},
		{"ocr-dir", "KYCD_OCR_DIR", "directory with ONNX Runtime and the PP-OCRv4 models (scripts/fetch-ocr.sh); empty = third_party/ocr found from the working directory or the binary", false, &c.OCRDir, ""},
		{"ocr-workers", "KYCD_OCR_WORKERS", "document photos read at once (each uses 2 threads)", false, &c.OCRWorkers, "1"},
		{"face-dir", "KYCD_FACE_DIR", "directory with face-api's face recognition weights (scripts/fetch-face.sh); empty = third_party/face found from the working directory or the binary", false, &c.FaceDir, ""},
		{"blobs", "KYCD_BLOBS", "where documents and upload segments go: s3://BUCKET/PREFIX; empty = DATA/blobs", false, &c.Blobs, ""},
		{"s3-endpoint", "KYCD_S3_ENDPOINT", "S3 server URL; the scheme chooses TLS (http://127.0.0.1:9000, https://s3.example)", false, &c.S3Endpoint, ""},
		{"s3-access-key", "AWS_ACCESS_KEY_ID", "S3 access key", true, &c.S3AccessKey, ""},
		{"s3-secret-key", "AWS_SECRET_ACCESS_KEY", "S3 secret key", true, &c.S3SecretKey, ""},
		{"s3-region", "AWS_REGION", "S3 region", false, &c.S3Region, "us-east-1"},
		{"keys-file", "KYCD_KEYS_FILE", "key file every instance mounts (from `kycd keys generate`), read only; used when --encryption-keys is not set", false, &c.KeysFile, ""},
		{"redis", "KYCD_REDIS", "redis://… (or rediss:// for TLS) to count rate limits in Redis; empty = in the database with --database, else in memory", true, &c.Redis, ""},
		{"job-poll", "KYCD_JOB_POLL", "how often an instance looks for periodic jobs another one stopped holding, and for lists another one imported", false, &c.JobPoll, "10s"},
		{"sweep-interval", "KYCD_SWEEP_INTERVAL", "how often expired rate-limit windows are removed", false, &c.SweepInterval, "10m"},
		{"housekeep-interval", "KYCD_HOUSEKEEP_INTERVAL", "how often expired uploads, orphaned blobs and leftovers of crashed writes are removed (on one instance)", false, &c.HousekeepInterval, "1h"},
		{"retention-interval", "KYCD_RETENTION_INTERVAL", "how often the retention policy is applied (erasure of what its period has ended for)", false, &c.RetentionInterval, "24h"},
		{"s3-virtual-host", "KYCD_S3_VIRTUAL_HOST", "address the bucket as BUCKET.host instead of host/BUCKET (path style)", false, &c.S3VirtualHost, "false"},
		{"upload-max-pending", "KYCD_UPLOAD_MAX_PENDING", "unattached uploads one account may hold (0 = no limit)", false, &c.UploadMaxPending, "20"},
		{"upload-max-pending-mb", "KYCD_UPLOAD_MAX_PENDING_MB", "declared MB of unattached uploads one account may hold (0 = no limit)", false, &c.UploadMaxMB, "300"},
		{"upload-ttl", "KYCD_UPLOAD_TTL", "how long an unattached upload lives before the sweep removes it (tus Upload-Expires)", false, &c.UploadTTL, "24h"},
		{"check-slots", "KYCD_CHECK_SLOTS", "photo and video checks run at once (0 = the number of CPUs)", false, &c.CheckSlots, "0"},
	}
}

func setOption(o option, s string) error {
	switch p := o.ptr.(type) {
	case *string:
		*p = s
	case *bool:
		v, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("%s: %q is not true or false", o.key, s)
		}
		*p = v
	case *int:
		v, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("%s: %q is not a whole number", o.key, s)
		}
		*p = v
	case *time.Duration:
		v, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("%s: %q is not a duration like 10m or 90s", o.key, s)
		}
		*p = v
	}
	return nil
}

func optionString(o option) string {
	switch p := o.ptr.(type) {
	case *string:
		return *p
	case *bool:
		return strconv.FormatBool(*p)
	case *int:
		return strconv.Itoa(*p)
	case *time.Duration:
		return p.String()
	}
	return ""
}

// optionFlag adapts an option to flag.Value. It records what the command
// line set, so those values can be applied again over the file and the
// environment without parsing the arguments twice (which would repeat
// every accumulating flag such as screen's --list).
type optionFlag struct {
	o   option
	set *[]func() error
}

func (f optionFlag) String() string { return "" }
func (f optionFlag) Set(s string) error {
	*f.set = append(*f.set, func() error { return setOption(f.o, s) })
	return setOption(f.o, s)
}
func (f optionFlag) IsBoolFlag() bool { _, ok := f.o.ptr.(*bool); return ok }

// parseConfig fills a config from defaults, file, environment and args.
// It returns the positional arguments left over.
func parseConfig(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (*config, []string, error) {
	c := &config{}
	opts := c.options()
	for _, o := range opts {
		if err := setOption(o, o.def); err != nil {
			panic(err)
		}
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.ConfigFile, "config", getenv("KYCD_CONFIG"), "settings file (YAML with the keys of `kycd config dump`)")
	var fromArgs []func() error
	for _, o := range opts {
		fs.Var(optionFlag{o, &fromArgs}, o.key, o.help+" ($"+o.env+")")
	}
	if extra != nil {
		extra(fs)
	}
	// The arguments are parsed once; the file and environment are applied
	// next, then the options the flags set are applied again on top, so
	// that flags always win.
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, nil, err
	}
	if c.ConfigFile != "" {
		if err := c.loadFile(c.ConfigFile); err != nil {
			return nil, nil, err
		}
	}
	for _, o := range opts {
		if v := getenv(o.env); v != "" {
			if err := setOption(o, v); err != nil {
				return nil, nil, fmt.Errorf("$%s: %w", o.env, err)
			}
		}
	}
	for _, set := range fromArgs {
		if err := set(); err != nil {
			return nil, nil, err
		}
	}
	return c, pos, nil
}

func (c *config) loadFile(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	var m map[string]any
	if err := yaml.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	byKey := map[string]option{}
	for _, o := range c.options() {
		byKey[o.key] = o
		byKey[strings.ReplaceAll(o.key, "-", "_")] = o
	}
	for k, v := range m {
		o, ok := byKey[k]
		if !ok {
			return fmt.Errorf("config %s: unknown setting %q", path, k)
		}
		if err := setOption(o, fmt.Sprint(v)); err != nil {
			return fmt.Errorf("config %s: %w", path, err)
		}
	}
	return nil
}

// sqlitePath is where the embedded database lives.
func (c *config) sqlitePath() string { return filepath.Join(c.Data, "kycd.db") }

// dump returns the effective settings with secrets redacted: passwords in
// URLs are replaced, keys and tokens shown only as set/unset.
func (c *config) dump() map[string]string {
	out := map[string]string{}
	for _, o := range c.options() {
		v := optionString(o)
		if o.secret && v != "" {
			if u, err := url.Parse(v); err == nil && u.Scheme != "" && u.Host != "" {
				if u.User != nil {
					u.User = url.UserPassword(u.User.Username(), "REDACTED")
				}
				// Drivers also take credentials as parameters
				// (postgres://host/db?password=…), so those go too.
				if q := u.Query(); len(q) > 0 {
					for k := range q {
						if secretParam(k) {
							q.Set(k, "REDACTED")
						}
					}
					u.RawQuery = q.Encode()
				}
				v = u.String()
			} else {
				v = "REDACTED"
			}
		}
		out[strings.ReplaceAll(o.key, "-", "_")] = v
	}
	// Not a setting but what the settings and the machine make of it.
	out["document_reading"] = "on"
	if ocr.Available(c.ocrDir()) != nil {
		out["document_reading"] = "off"
	}
	out["face_matching"] = "on"
	if facematch.Available(c.faceDir()) != nil {
		out["face_matching"] = "off"
	}
	return out
}

// faceDir is --face-dir, or where facematch.Dir finds the weights.
func (c *config) faceDir() string {
	if c.FaceDir != "" {
		return c.FaceDir
	}
	return facematch.Dir()
}

// ocrDir is --ocr-dir, or where ocr.Dir finds the files.
func (c *config) ocrDir() string {
	if c.OCRDir != "" {
		return c.OCRDir
	}
	return ocr.Dir()
}

// secretParam reports whether a URL parameter may carry a credential.
func secretParam(name string) bool {
	name = strings.ToLower(name)
	for _, w := range []string{"pass", "secret", "token", "key", "auth"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

func runConfig(ctx context.Context, io stdio, args []string) int {
	if len(args) == 0 || args[0] != "dump" {
		fmt.Fprintln(io.stderr, "usage: kycd config dump [--json] [flags]")
		return exitUsage
	}
	var asJSON bool
	c, _, err := parseConfig("kycd config dump", args[1:], io.getenv, io.stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print JSON")
	})
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd config:", err)
		return exitUsage
	}
	d := c.dump()
	if asJSON {
		enc := json.NewEncoder(io.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(d)
		return exitOK
	}
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	tw := tabwriter.NewWriter(io.stdout, 0, 4, 2, ' ', 0)
	for _, k := range keys {
		fmt.Fprintf(tw, "%s:\t%q\n", k, d[k])
	}
	tw.Flush()
	return exitOK
}
