package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/kycd/kycd"
	kycdhttp "github.com/kycd/kycd/http"
	"github.com/kycd/kycd/jobs"
	"github.com/kycd/kycd/lists"
	kycdredis "github.com/kycd/kycd/redis"
	"github.com/kycd/kycd/web"
)

func init() {
	commands["serve"] = command{summary: "run the kycd server (SQLite in ./kycd-data unless --database is set)", run: runServe}
}

func runServe(ctx context.Context, io stdio, args []string) int {
	c, rest, err := parseConfig("kycd serve", args, io.getenv, io.stderr, nil)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd serve:", err)
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(io.stderr, "kycd serve: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	var counter kycd.RateCounter
	if c.Redis != "" {
		// Redis takes the rate-limit counts off the database; a server
		// that does not answer at start is a configuration error, one
		// that fails later falls back to per-instance counts.
		rc, err := kycdredis.Open(ctx, c.Redis, "kycd:")
		if err != nil {
			fmt.Fprintln(io.stderr, "kycd serve: --redis:", err)
			return exitUsage
		}
		defer rc.Close()
		counter = rc
	}
	// Only the server reads documents: it opens the engine once.
	a, err := openApp(ctx, c, io.stderr, func(a *app, o *kycd.Options) {
		o.Reader = openReader(c, a.log)
		if counter != nil {
			o.RateCounter = counter
		}
		o.Faces = openFaces(c, a.log)
	})
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd serve:", err)
		return exitUsage
	}
	defer a.store.Close()
	if err := a.svc.SignAuditHeadAtStart(ctx); err != nil {
		fmt.Fprintln(io.stderr, "kycd serve: audit:", err)
		return exitUsage
	}
	defer a.svc.Reader.Close()
	defer a.svc.Faces.Wait()
	worker := a.worker
	wctx, stopWorker := context.WithCancel(ctx)
	defer stopWorker()
	go worker.Run(wctx)
	// Messages another process queued and did not live to send, and
	// retries; this process sends its own right after queueing them.
	go a.svc.RunOutbox(wctx, c.JobPoll)
	if err := startJobs(wctx, a); err != nil {
		fmt.Fprintln(io.stderr, "kycd serve:", err)
		return exitUsage
	}
	proxies, err := kycd.ParseNetworks(c.TrustedProxies)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd serve: --trusted-proxies:", err)
		return exitUsage
	}
	srv := kycdhttp.New(a.svc, kycdhttp.Options{Dev: c.Dev, Outbox: a.outbox, TrustProxyHeaders: c.TrustProxyHeaders,
		TrustedProxies: proxies, BehindTLS: c.BehindTLS, Logger: a.log, DataDir: c.Data,
		Web: web.New(a.svc, web.Options{Dev: c.Dev, Logger: a.log})})
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		fmt.Fprintln(io.stderr, "kycd serve:", err)
		return exitUsage
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	db := "sqlite"
	if c.Database != "" {
		db = "postgres"
	}
	a.log.Info("kycd listening", "addr", ln.Addr().String(), "database", db, "data", c.Data, "dev", c.Dev)
	if c.MetricsAddr != "" {
		// Metrics on a port of their own, which the operator keeps off
		// the internet (see docs/security.md).
		mln, err := net.Listen("tcp", c.MetricsAddr)
		if err != nil {
			ln.Close()
			fmt.Fprintln(io.stderr, "kycd serve: --metrics-addr:", err)
			return exitUsage
		}
		ms := &http.Server{Handler: srv.Metrics(), ReadHeaderTimeout: 10 * time.Second}
		go ms.Serve(mln)
		defer ms.Close()
		a.log.Info("metrics listening", "addr", mln.Addr().String())
	}
	// Graceful shutdown (logged as "shutting down" once it begins): stop accepting, let requests in flight finish
	// (bounded so a stuck client cannot hold the process forever; uploads
	// still running then keep what arrived).
	go func() {
		<-ctx.Done()
		a.log.Info("shutting down")
	}()
	if err := kycdhttp.Serve(ctx, hs, ln, 20*time.Second); err != nil {
		a.log.Error("server stopped", "err", err)
		if ctx.Err() == nil {
			return exitUsage
		}
	}
	return exitOK
}

// startJobs starts the periodic work. Each job runs on one instance at a
// time (jobs.Runner, a lock in the database); the screening index is
// per-instance memory, so every instance follows the stored lists.
func startJobs(ctx context.Context, a *app) error {
	c := a.cfg
	runner := &jobs.Runner{Locker: a.store, Log: a.log, Poll: c.JobPoll}
	if c.ScreeningSources != "" {
		r := &lists.Refresher{Svc: a.svc, Fetcher: lists.NewFetcher(), Log: a.log}
		for _, spec := range strings.Split(c.ScreeningSources, ",") {
			src, err := lists.ParseSource(strings.TrimSpace(spec))
			if err != nil {
				return err
			}
			r.Sources = append(r.Sources, src)
		}
		runner.Start(ctx, jobs.Job{Name: "screening-refresh", Interval: c.ScreeningRefresh, Run: r.RunOnce})
	}
	runner.Start(ctx, jobs.Job{Name: "sweep", Interval: c.SweepInterval, Run: func(ctx context.Context) error {
		_, err := a.store.SweepRateCounters(ctx, time.Now())
		return err
	}})
	// Re-sealing after a rotation, and of data from before per-application
	// keys, runs on one instance at a time; the keys it works toward are
	// this instance's, reloaded first. With nothing to do a run is a few
	// reads, so it looks every --job-poll.
	resealer := newResealer(a)
	runner.Start(ctx, jobs.Job{Name: "key-reseal", Interval: c.JobPoll, Run: func(ctx context.Context) error {
		a.reloadKeys()
		return resealer.Run(ctx)
	}})
	// Expired uploads, orphaned blobs and the leftovers of crashed writes,
	// in the blob store every instance shares.
	runner.Start(ctx, jobs.Job{Name: "storage", Interval: c.HousekeepInterval, Run: a.svc.Housekeep})
	if c.RetentionInterval > 0 {
		runner.Start(ctx, jobs.Job{Name: "retention", Interval: c.RetentionInterval, Run: func(ctx context.Context) error {
			res, err := a.svc.RunRetention(ctx, kycd.System)
			if err == nil {
				a.log.Info("retention run", "erased", res.Erased, "held", res.Held, "failed", res.Failed)
			}
			return err
		}})
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(c.JobPoll):
			}
			// Every instance follows the key provider: a rotated key file
			// (or a remounted secret) is taken without a restart.
			a.reloadKeys()
			if err := a.svc.SyncScreeningLists(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("screening lists sync", "err", err)
			}
		}
	}()
	return nil
}
