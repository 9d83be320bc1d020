package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/bench/internal/harness"
	"github.com/kycd/kycd/internal/rrproxy"
	"github.com/kycd/kycd/internal/s3test"
)

// deployment is what the journey runs against: a base URL, a way to read
// the one-time codes sent, and reviewer sessions.
type deployment struct {
	base      string
	codes     func(to string) string
	reviewers []string
	stop      func()
}

// startCluster brings up what deploy/cluster.sh does, for a benchmark:
// a fresh PostgreSQL database, versitygw as the S3 store, n `kycd serve`
// processes with nothing of their own, and the round-robin proxy in front
// (also for n = 1, so both runs pay for the same extra hop). kycd is built
// from this tree first.
func startCluster(ctx context.Context, pgURL string, n, reviewers int, argon kycd.Argon2Params) (*deployment, error) {
	work, err := os.MkdirTemp("", "kycd-bench-cluster-")
	if err != nil {
		return nil, err
	}
	var stops []func()
	d := &deployment{stop: func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
		os.RemoveAll(work)
	}}
	fail := func(err error) (*deployment, error) { d.stop(); return nil, err }

	bin := filepath.Join(work, "kycd")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/kycd").CombinedOutput(); err != nil {
		return fail(fmt.Errorf("go build ./cmd/kycd (run from the repository root): %v\n%s", err, out))
	}
	vgw, err := s3test.Binary()
	if err != nil {
		return fail(err)
	}
	if err := os.Mkdir(filepath.Join(work, "s3"), 0o700); err != nil {
		return fail(err)
	}
	s3, err := s3test.StartProcess(vgw, filepath.Join(work, "s3"))
	if err != nil {
		return fail(err)
	}
	stops = append(stops, s3.Stop)
	dbURL, drop, err := harness.CreateDatabase(ctx, pgURL)
	if err != nil {
		return fail(err)
	}
	stops = append(stops, drop)

	args := []string{"--database", dbURL, "--encryption-keys", "k1:" + harness.RandB64(32), "--index-key", harness.RandB64(32),
		"--blobs", "s3://kycd/bench", "--s3-endpoint", s3.Endpoint, "--s3-access-key", s3.AccessKey, "--s3-secret-key", s3.SecretKey,
		"--trusted-proxies", "127.0.0.1/32", "--argon2-memory-kib", strconv.Itoa(int(argon.MemoryKiB)),
		"--argon2-time", strconv.Itoa(int(argon.Time)), "--argon2-threads", strconv.Itoa(int(argon.Threads)),
		"--log-level", "error"}
	var urls []string
	for i := range n {
		addr, err := freeAddr()
		if err != nil {
			return fail(err)
		}
		cmd := exec.Command(bin, append([]string{"serve", "--dev", "--addr", addr, "--data", filepath.Join(work, "node"+strconv.Itoa(i))}, args...)...)
		logf, err := os.Create(filepath.Join(work, "node"+strconv.Itoa(i)+".log"))
		if err != nil {
			return fail(err)
		}
		cmd.Stdout, cmd.Stderr = logf, logf
		if err := cmd.Start(); err != nil {
			return fail(err)
		}
		stops = append(stops, func() { cmd.Process.Kill(); cmd.Wait(); logf.Close() })
		urls = append(urls, "http://"+addr)
		// The first instance migrates alone, as in production.
		if err := waitReady(urls[i], 60*time.Second); err != nil {
			log, _ := os.ReadFile(logf.Name())
			return fail(fmt.Errorf("instance %d: %v\n%s", i, err, log))
		}
	}
	proxy, err := rrproxy.New(urls)
	if err != nil {
		return fail(err)
	}
	pctx, cancel := context.WithCancel(ctx)
	go proxy.Check(pctx, time.Second)
	stops = append(stops, cancel)
	base, stopProxy, err := harness.Serve(ctx, proxy)
	if err != nil {
		return fail(err)
	}
	stops = append(stops, stopProxy)
	d.base = base
	d.codes = func(to string) string { return outboxCode(urls, to) }

	// Reviewers come from the operator's CLI, as in production.
	for i := range reviewers {
		email := fmt.Sprintf("reviewer%d@operator.example", i)
		cmd := exec.Command(bin, append([]string{"admin", "create-user", "--role", "reviewer", "--email", email}, args...)...)
		cmd.Stdin = strings.NewReader("correct horse battery staple\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fail(fmt.Errorf("kycd admin create-user: %v\n%s", err, out))
		}
		var s struct{ Token string }
		r := &harness.Recorder{}
		if !r.Send(http.DefaultClient, "POST", base+"/v1/sessions", "", map[string]string{"email": email,
			"password": "correct horse battery staple"}, http.StatusCreated, &s) {
			return fail(fmt.Errorf("reviewer %d cannot log in", i))
		}
		d.reviewers = append(d.reviewers, s.Token)
	}
	return d, nil
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitReady(base string, within time.Duration) error {
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("not ready within %s", within)
}

// outboxCode finds the newest code sent to to in the instances' dev
// outboxes (each instance keeps what it sent), waiting a little for it.
func outboxCode(urls []string, to string) string {
	for try := 0; try < 50; try++ {
		for _, u := range urls {
			res, err := http.Get(u + "/dev/outbox")
			if err != nil {
				continue
			}
			var msgs []kycd.Message
			json.NewDecoder(res.Body).Decode(&msgs)
			res.Body.Close()
			for i := len(msgs) - 1; i >= 0; i-- {
				if msgs[i].To == to {
					if code := harness.OTPCode.FindString(msgs[i].Body); code != "" {
						return code
					}
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return ""
}

// spreadClients gives every request a client address of its own
// (X-Forwarded-For, which the instances trust from the proxy on
// loopback): the cluster runs with its production rate limits, which a
// benchmark's one address would hit at once.
type spreadClients struct{ next http.RoundTripper }

func (s spreadClients) RoundTrip(r *http.Request) (*http.Response, error) {
	var b [3]byte
	rand.Read(b[:])
	r = r.Clone(r.Context())
	r.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", b[0], b[1], b[2]))
	return s.next.RoundTrip(r)
}
