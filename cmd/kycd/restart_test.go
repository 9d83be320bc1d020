package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kycd/kycd/internal/s3test"
)

// TestServeProcess is not a test: TestUploadSurvivesKill runs the test
// binary again with KYCD_SERVE_PROCESS set, and this function then becomes
// `kycd serve` in a process of its own that can be killed for real.
func TestServeProcess(t *testing.T) {
	if os.Getenv("KYCD_SERVE_PROCESS") != "1" {
		t.Skip("helper process for TestUploadSurvivesKill")
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv("KYCD_SERVE_ARGS")), &args); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(run(context.Background(), append([]string{"serve"}, args...), stdio{os.Stdin, os.Stdout, os.Stderr, os.Getenv}))
}

// serveProcess is `kycd serve` in a child process.
type serveProcess struct {
	cmd    *exec.Cmd
	url    string
	stderr *lockedBuffer
}

func startServeProcess(t *testing.T, data string, extra ...string) *serveProcess {
	t.Helper()
	addr := freeAddr(t)
	args, _ := json.Marshal(append([]string{"--addr", addr, "--data", data, "--dev", "--argon2-memory-kib", "1024", "--argon2-time", "1"}, extra...))
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeProcess$")
	cmd.Env = append(os.Environ(), "KYCD_SERVE_PROCESS=1", "KYCD_SERVE_ARGS="+string(args))
	p := &serveProcess{cmd: cmd, url: "http://" + addr, stderr: &lockedBuffer{}}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.kill() })
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if res, err := http.Get(p.url + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("kycd serve did not answer /healthz within 20s; stderr:\n%s", p.stderr.String())
		}
	}
}

// kill ends the process with SIGKILL: no shutdown hook, no flush.
func (p *serveProcess) kill() {
	if p.cmd.ProcessState == nil {
		p.cmd.Process.Signal(syscall.SIGKILL)
		p.cmd.Wait()
	}
}

// call sends one request and returns status, headers and body.
func (p *serveProcess) call(t *testing.T, method, pth, token string, hdr map[string]string, body []byte) (int, http.Header, []byte) {
	t.Helper()
	hr, err := http.NewRequest(method, p.url+pth, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != nil && hdr["Content-Type"] == "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		hr.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range hdr {
		hr.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatalf("%s %s: %v", method, pth, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, raw
}

func (p *serveProcess) json(t *testing.T, method, pth, token string, in, out any, wantStatus int) {
	t.Helper()
	var body []byte
	if in != nil {
		body, _ = json.Marshal(in)
	}
	st, _, raw := p.call(t, method, pth, token, nil, body)
	if st != wantStatus {
		t.Fatalf("%s %s: Status=%d, want %d: %s", method, pth, st, wantStatus, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %v", method, pth, err)
		}
	}
}

var otpCode = regexp.MustCompile(`\b[0-9]{6}\b`)

// TestUploadSurvivesKill cuts an upload by killing kycd with SIGKILL in
// the middle of a PATCH, starts it again on the same data directory, and
// resumes: HEAD reports what was stored before the kill, the rest is sent,
// and the attached document's SHA-256 is the original file's; with the
// blobs in the data directory and in an S3 bucket.
func TestUploadSurvivesKill(t *testing.T) {
	t.Run("local", func(t *testing.T) { uploadSurvivesKill(t) })
	t.Run("s3", func(t *testing.T) {
		s3 := s3test.Start(t)
		uploadSurvivesKill(t, "--blobs", "s3://kycd/restart", "--s3-endpoint", s3.Endpoint,
			"--s3-access-key", s3.AccessKey, "--s3-secret-key", s3.SecretKey)
		// The documents are in the bucket, not in the data directory,
		// under their application's prefix (sealed under its data key).
		if docs, _ := filepath.Glob(filepath.Join(s3.Dir, "kycd", "restart", "a", "*", "doc", "*")); len(docs) != 1 {
			t.Errorf("%d documents in the bucket, want 1", len(docs))
		}
	})
}

func uploadSurvivesKill(t *testing.T, extra ...string) {
	photo, err := os.ReadFile(filepath.Join("..", "..", "checks", "photo", "testdata", "card_good.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(photo)
	digest := hex.EncodeToString(sum[:])
	data := t.TempDir()
	srv := startServeProcess(t, data, extra...)

	// An applicant at level 1, with a level-2 draft.
	var acct struct{ ID, Token string }
	srv.json(t, "POST", "/v1/accounts", "", map[string]string{"email": "kill@example.com", "phone": "+8613900000042",
		"password": "correct horse battery staple"}, &acct, http.StatusCreated)
	var msgs []struct{ Channel, Body string }
	srv.json(t, "GET", "/dev/outbox", "", nil, &msgs, http.StatusOK)
	for _, m := range msgs {
		srv.json(t, "POST", "/v1/accounts/verify", acct.Token, map[string]string{"channel": m.Channel,
			"code": otpCode.FindString(m.Body)}, nil, http.StatusOK)
	}
	var app struct{ ID string }
	srv.json(t, "POST", "/v1/applications", acct.Token, map[string]int{"level": 2}, &app, http.StatusCreated)

	meta := "application_id " + b64(app.ID) + ",kind " + b64("id_front") + ",filename " + b64("front.jpg") + ",sha256 " + b64(digest)
	st, hdr, body := srv.call(t, "POST", "/v1/uploads/", acct.Token, map[string]string{"Tus-Resumable": "1.0.0",
		"Upload-Length": strconv.Itoa(len(photo)), "Upload-Metadata": meta}, nil)
	if st != http.StatusCreated {
		t.Fatalf("tus POST: Status=%d, want 201: %s", st, body)
	}
	upload := path.Base(hdr.Get("Location"))
	patch := func(s *serveProcess, offset int) (int, int64, []byte) {
		st, hdr, body := s.call(t, "PATCH", "/v1/uploads/"+upload, acct.Token, map[string]string{"Tus-Resumable": "1.0.0",
			"Upload-Offset": strconv.Itoa(offset), "Content-Type": "application/offset+octet-stream"}, photo[offset:min(offset+len(photo)/2, len(photo))])
		off, _ := strconv.ParseInt(hdr.Get("Upload-Offset"), 10, 64)
		return st, off, body
	}
	half := len(photo) / 2
	if st, off, body := patch(srv, 0); st != http.StatusNoContent || off != int64(half) {
		t.Fatalf("first PATCH: Status=%d offset=%d, want 204 %d: %s", st, off, half, body)
	}

	// The second PATCH declares the rest, sends a part of it, and kycd is
	// killed while it waits for more.
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	w := bufio.NewWriter(conn)
	fmt.Fprintf(w, "PATCH /v1/uploads/%s HTTP/1.1\r\nHost: kycd\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer %s\r\n"+
		"Upload-Offset: %d\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: %d\r\n\r\n",
		upload, acct.Token, half, len(photo)-half)
	w.Write(photo[half : half+(len(photo)-half)/2])
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // let the server read what was sent
	srv.kill()
	if res, err := http.Get(srv.url + "/healthz"); err == nil {
		res.Body.Close()
		t.Fatal("kycd still answers after SIGKILL")
	}

	srv = startServeProcess(t, data, extra...)
	st, hdr, _ = srv.call(t, "HEAD", "/v1/uploads/"+upload, acct.Token, map[string]string{"Tus-Resumable": "1.0.0"}, nil)
	off, _ := strconv.Atoi(hdr.Get("Upload-Offset"))
	// The killed PATCH's bytes were never committed (a segment counts
	// only once sealed, synced and recorded), so the offset is the first
	// PATCH's.
	if st != http.StatusOK || off != half {
		t.Fatalf("HEAD after the restart: Status=%d offset=%d, want 200 %d", st, off, half)
	}
	if st, got, body := patch(srv, off); st != http.StatusNoContent || got != int64(len(photo)) {
		t.Fatalf("resuming PATCH: Status=%d offset=%d, want 204 %d: %s", st, got, len(photo), body)
	}
	var doc struct {
		DocumentID string `json:"document_id"`
		SHA256     string
		Size       int
		Accepted   bool
	}
	srv.json(t, "POST", "/v1/applications/"+app.ID+"/documents", acct.Token, map[string]string{"upload_id": upload, "kind": "id_front"}, &doc, http.StatusCreated)
	if doc.SHA256 != digest || doc.Size != len(photo) || !doc.Accepted {
		t.Errorf("attached: sha256=%s size=%d accepted=%v, want %s %d true", doc.SHA256, doc.Size, doc.Accepted, digest, len(photo))
	}
	if st, _, got := srv.call(t, "GET", "/v1/documents/"+doc.DocumentID+"/content", acct.Token, nil, nil); st != http.StatusOK || !bytes.Equal(got, photo) {
		t.Errorf("document content: Status=%d equal=%v, want 200 and the original bytes", st, bytes.Equal(got, photo))
	}
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
