package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/blob"
	"github.com/kycd/kycd/checks/facematch"
	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/mail"
	"github.com/kycd/kycd/postgres"
	"github.com/kycd/kycd/seal"
	"github.com/kycd/kycd/sms"
	"github.com/kycd/kycd/sqlite"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/video"
	"github.com/kycd/kycd/webhook"
)

// app is everything a subcommand may need, built from one config.
type app struct {
	cfg    *config
	log    *slog.Logger
	keys   *seal.Keyring
	store  *sqlstore.DB
	svc    *kycd.Service
	outbox *mail.Outbox
	// worker delivers webhooks; serve runs it, other commands only queue.
	worker *webhook.Worker
}

func newLogger(c *config, w io.Writer) *slog.Logger {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(c.LogLevel)); err != nil {
		lvl = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lvl}
	if c.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// openApp opens keys, store and service. Callers Close the store. extra
// may add to the service's options what only some commands need.
func openApp(ctx context.Context, c *config, logw io.Writer, extra ...func(*app, *kycd.Options)) (*app, error) {
	a := &app{cfg: c, log: newLogger(c, logw)}
	var err error
	keys := c.keyProvider()
	if _, local := keys.(seal.LocalFile); local && c.Database != "" {
		a.log.Warn("no encryption keys configured: using DATA/keys.json; every instance sharing this database needs the same keys (--keys-file or KYCD_ENCRYPTION_KEYS)")
	}
	if a.keys, err = keys.Load(); err != nil {
		return nil, err
	}
	if c.Database != "" {
		if !strings.HasPrefix(c.Database, "postgres://") && !strings.HasPrefix(c.Database, "postgresql://") {
			return nil, fmt.Errorf("--database must be a postgres:// URL (leave it empty for SQLite)")
		}
		a.store, err = postgres.Open(ctx, c.Database, a.keys)
	} else {
		a.store, err = sqlite.Open(ctx, c.sqlitePath(), a.keys)
	}
	if err != nil {
		return nil, err
	}
	policy := kycd.DefaultPolicy()
	if c.Policy != "" {
		if policy, err = kycd.LoadPolicy(c.Policy); err != nil {
			a.store.Close()
			return nil, err
		}
	}
	set := kycd.DefaultSettings()
	set.Argon2 = kycd.Argon2Params{MemoryKiB: uint32(c.Argon2MemoryKiB), Time: uint32(c.Argon2Time), Threads: uint8(c.Argon2Threads)}
	set.OTPTTL, set.OTPMaxTries, set.OTPCooldown, set.SessionTTL = c.OTPTTL, c.OTPMaxTries, c.OTPCooldown, c.SessionTTL
	set.ReviewSLA, set.ClaimLease, set.FourEyes, set.MinAge = c.ReviewSLA, c.ClaimLease, c.FourEyes, c.MinAge
	set.ReapplyAfter, set.SupportContact, set.PublicURL = c.ReapplyAfter, c.SupportContact, c.PublicURL
	if set.PublicURL == "" {
		set.PublicURL = "http://" + c.Addr
	}
	if set.WebhookAllow, err = kycd.ParseNetworks(c.WebhookAllow); err != nil {
		a.store.Close()
		return nil, fmt.Errorf("--webhook-allow: %w", err)
	}
	set.Uploads = kycd.UploadLimits{MaxPending: c.UploadMaxPending, MaxPendingBytes: int64(c.UploadMaxMB) << 20, TTL: c.UploadTTL}

	a.outbox = mail.NewOutbox(1000)
	var mailer, texter kycd.Sender = a.outbox, a.outbox
	if c.SMTPURL != "" {
		smtp, err := mail.NewSMTP(c.SMTPURL, c.MailFrom)
		if err != nil {
			a.store.Close()
			return nil, err
		}
		mailer = teeIfDev(c.Dev, smtp, a.outbox)
	} else if !c.Dev {
		a.log.Warn("no SMTP server configured: email is kept in memory only and not delivered")
	}
	if c.SMSWebhookURL != "" {
		texter = teeIfDev(c.Dev, sms.NewWebhook(c.SMSWebhookURL, c.SMSWebhookToken), a.outbox)
	} else if !c.Dev {
		a.log.Warn("no SMS gateway configured: text messages are kept in memory only and not delivered")
	}
	blobs, err := openBlobs(ctx, c, a.store)
	if err != nil {
		a.store.Close()
		return nil, err
	}
	var threshold float64
	if c.ScreeningThresh != "" {
		t, err := strconv.ParseFloat(c.ScreeningThresh, 64)
		if err != nil || t <= 0 || t > 1 {
			a.store.Close()
			return nil, fmt.Errorf("--screening-threshold %q: want a number in (0, 1]", c.ScreeningThresh)
		}
		threshold = t
	}
	a.worker = webhook.NewWorker(a.store, a.log, set.WebhookAllow)
	o := kycd.Options{Store: a.store, Sealer: a.keys, Blobs: blobs, Mail: mailer, SMS: texter,
		Policy: &policy, Settings: &set, Video: video.New(), ScreeningThreshold: threshold,
		LinkKey: a.keys.LinkKey(), Wake: a.worker.Wake, Now: time.Now, Log: a.log}
	if c.Database != "" {
		// Many instances may share this database: count rate limits
		// there, so a limit of N holds across all of them.
		o.RateCounter = a.store
	}
	if c.CheckSlots > 0 {
		lim := kycd.DefaultCheckLimits()
		lim.Slots, lim.Queue = c.CheckSlots, 4*c.CheckSlots
		o.Checks = &lim
	}
	for _, f := range extra {
		f(a, &o)
	}
	if a.svc, err = kycd.NewService(o); err != nil {
		o.Reader.Close()
		a.store.Close()
		return nil, err
	}
	if err := a.svc.LoadScreeningLists(ctx); err != nil {
		a.store.Close()
		return nil, err
	}
	return a, nil
}

// teeIfDev also copies real deliveries to the outbox in dev mode, so a
// developer with a real SMTP server can still read codes at /dev/outbox.
func teeIfDev(dev bool, real kycd.Sender, outbox *mail.Outbox) kycd.Sender {
	if !dev {
		return real
	}
	return tee{real, outbox}
}

type tee []kycd.Sender

func (t tee) Send(ctx context.Context, m kycd.Message) error {
	var first error
	for _, s := range t {
		if err := s.Send(ctx, m); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// openReader opens document reading, or says once why it is off: kycd
// works without it, documents then go unread.
func openReader(c *config, log *slog.Logger) *kycd.DocumentReader {
	engine, err := ocr.Open(ocr.Config{Dir: c.ocrDir(), Threads: 2})
	if err != nil {
		log.Warn("document reading is off", "why", err.Error())
		return kycd.NewDocumentReader(nil, err, 0)
	}
	return kycd.NewDocumentReader(engine, nil, c.OCRWorkers)
}

// openFaces loads the face recognition network, or says once why face
// matching is off: kycd works without it, selfies then go uncompared.
func openFaces(c *config, log *slog.Logger) *kycd.FaceMatcher {
	dir := c.faceDir()
	if err := facematch.Available(dir); err != nil {
		log.Warn("face matching is off", "why", err.Error())
		return kycd.NewFaceMatcher(nil, err, 0)
	}
	net, err := facematch.LoadNet(dir)
	if err != nil {
		log.Warn("face matching is off", "why", err.Error())
		return kycd.NewFaceMatcher(nil, err, 0)
	}
	return kycd.NewFaceMatcher(net, nil, 1)
}

// openBlobs opens the document store that --blobs names. keys is the
// database store: it seals an application's blobs under the application's
// data key.
func openBlobs(ctx context.Context, c *config, keys blob.Keys) (kycd.BlobStore, error) {
	if c.Blobs == "" {
		return blob.NewLocal(filepath.Join(c.Data, "blobs"), keys)
	}
	bucket, prefix, err := blob.ParseS3URL(c.Blobs)
	if err != nil {
		return nil, fmt.Errorf("--blobs: %w", err)
	}
	if c.S3Endpoint == "" {
		return nil, fmt.Errorf("--blobs %s needs --s3-endpoint (KYCD_S3_ENDPOINT)", c.Blobs)
	}
	return blob.NewS3(ctx, blob.S3Config{Endpoint: c.S3Endpoint, AccessKey: c.S3AccessKey, SecretKey: c.S3SecretKey,
		Region: c.S3Region, Bucket: bucket, Prefix: prefix, VirtualHost: c.S3VirtualHost}, keys)
}

// keyProvider picks where the keys come from: configured values first,
// then a mounted key file, else the generated file in the data directory.
func (c *config) keyProvider() seal.Provider {
	switch {
	case c.EncryptionKeys != "" || c.IndexKey != "":
		return seal.Static{Keys: c.EncryptionKeys, IndexKey: c.IndexKey, AuditKey: c.AuditKey}
	case c.KeysFile != "":
		return seal.Mounted{Path: c.KeysFile}
	}
	return seal.LocalFile{Path: filepath.Join(c.Data, "keys.json")}
}
