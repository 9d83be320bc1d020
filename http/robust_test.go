package http_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kycd/kycd"
	kycdhttp "github.com/kycd/kycd/http"
	"github.com/kycd/kycd/internal/s3test"
	"github.com/kycd/kycd/storetest"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// segmentRows counts the upload's rows in upload_segments.
func segmentRows(e *env, uploadID string) int {
	e.t.Helper()
	var n int
	if err := e.store.SQL().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM upload_segments WHERE upload_id = "+
		placeholder(e), uploadID).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// blobFiles lists the files under dir (paths relative to it).
func blobFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

// TestUploadFinishCrash (issue 12 item 9): the process stops after the
// last segment is stored and before the upload is marked finished. The
// next HEAD finishes it, and attach takes it: nothing stays stuck in
// "receiving" with every byte in.
func TestUploadFinishCrash(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		p := e.applicantAtLevel1()
		app := e.openApp(p.Token, 2)
		front := photoFront(t)
		st, id, body := e.tusCreate(p.Token, app.ID, kycd.KindIDFront, len(front), map[string]string{"sha256": sha256Hex(front)})
		if st != http.StatusCreated {
			t.Fatalf("tus POST: %d %s", st, body)
		}
		crashed := false
		e.faults.set(func(step string) error {
			if step == kycd.FaultBeforeFinish && !crashed {
				crashed = true
				return errors.New("injected crash before finishing")
			}
			return nil
		})
		e.allow5xx = true
		if st, _, _ := e.tusPatch(p.Token, id, 0, front); st == http.StatusNoContent {
			t.Fatalf("last PATCH succeeded although the finish crashed")
		}
		e.allow5xx = false
		if !crashed {
			t.Fatal("the fault hook was never reached")
		}
		u, err := e.store.FindUpload(context.Background(), id)
		if err != nil || u.State != kycd.UploadReceiving || u.Offset != u.Size {
			t.Fatalf("after the crash: %+v %v, want receiving with offset = size (the window under test)", u, err)
		}
		// "Restart": a fresh request with no hook in the way.
		e.faults.set(nil)
		if st, off := e.tusHead(p.Token, id); st != http.StatusOK || off != int64(len(front)) {
			t.Fatalf("HEAD after the crash: %d offset %d, want 200 %d", st, off, len(front))
		}
		if u, _ := e.store.FindUpload(context.Background(), id); u.State != kycd.UploadFinished || u.SHA256 != sha256Hex(front) {
			t.Errorf("after HEAD: state %q sha256 %q, want finished with the bytes' hash", u.State, u.SHA256)
		}
		if d := e.attach(p.Token, app.ID, id, kycd.KindIDFront); d.SHA256 != sha256Hex(front) {
			t.Errorf("attached sha256 %q, want %q", d.SHA256, sha256Hex(front))
		}

		// The same crash, then attach straight away (no HEAD in between).
		st, id2, _ := e.tusCreate(p.Token, app.ID, kycd.KindIDBack, len(photoBack(t)), nil)
		if st != http.StatusCreated {
			t.Fatal("tus POST")
		}
		e.faults.set(func(step string) error { return errors.New("injected crash") })
		e.allow5xx = true
		e.tusPatch(p.Token, id2, 0, photoBack(t))
		e.allow5xx = false
		e.faults.set(nil)
		e.attach(p.Token, app.ID, id2, kycd.KindIDBack)
	})
}

// TestUploadStorageHousekeeping (item 11): attach leaves no segment rows
// or files behind; quotas refuse with a clear code; uploads expire (tus
// expiration) and the sweep removes them; the reconciliation removes files
// without rows and uploads whose files are gone, and says so.
func TestUploadStorageHousekeeping(t *testing.T) {
	cfg := envConfig{settings: func(s *kycd.Settings) {
		s.Uploads = kycd.UploadLimits{MaxPending: 3, MaxPendingBytes: 1 << 20, TTL: time.Hour}
	}}
	eachAppDB(t, cfg, func(t *testing.T, e *env, blobDir string) {
		p := e.applicantAtLevel1()
		app := e.openApp(p.Token, 2)
		front := photoFront(t)

		// Attach: rows and files of the segments go.
		st, id, _ := e.tusCreate(p.Token, app.ID, kycd.KindIDFront, len(front), nil)
		if st != http.StatusCreated {
			t.Fatal("tus POST")
		}
		half := len(front) / 2
		e.tusPatch(p.Token, id, 0, front[:half])
		e.tusPatch(p.Token, id, int64(half), front[half:])
		if n := segmentRows(e, id); n != 2 {
			t.Fatalf("segment rows before attach = %d, want 2", n)
		}
		e.attach(p.Token, app.ID, id, kycd.KindIDFront)
		if n := segmentRows(e, id); n != 0 {
			t.Errorf("segment rows after attach = %d, want 0", n)
		}
		for _, f := range blobFiles(t, blobDir) {
			if strings.HasPrefix(f, "seg/"+id+"/") {
				t.Errorf("segment file %s left after attach", f)
			}
		}

		// Quota: three unattached uploads at most, 1 MiB in all.
		res, _ := e.tusReq(http.MethodPost, "/v1/uploads/", p.Token, map[string]string{"Upload-Length": "100",
			"Upload-Metadata": tusMetadata(map[string]string{"application_id": app.ID, "kind": kycd.KindIDBack})}, nil)
		exp, err := http.ParseTime(res.Header.Get("Upload-Expires"))
		if res.StatusCode != http.StatusCreated || err != nil {
			t.Fatalf("tus POST: %d, Upload-Expires %q (%v)", res.StatusCode, res.Header.Get("Upload-Expires"), err)
		}
		if d := exp.Sub(e.clock.now()); d < 59*time.Minute || d > 61*time.Minute {
			t.Errorf("Upload-Expires is %v away, want the 1 h TTL", d)
		}
		pending := []string{strings.TrimPrefix(res.Header.Get("Location"), e.ts.URL+"/v1/uploads/")}
		if st, _, body := e.tusCreate(p.Token, app.ID, kycd.KindIDBack, 1<<20, nil); st != http.StatusTooManyRequests ||
			!strings.Contains(string(body), "upload.quota_exceeded") {
			t.Errorf("upload over the byte quota: %d %s, want 429 upload.quota_exceeded", st, body)
		}
		for range 2 {
			st, id, _ := e.tusCreate(p.Token, app.ID, kycd.KindIDBack, 100, nil)
			if st != http.StatusCreated {
				t.Fatalf("tus POST within the quota: %d", st)
			}
			pending = append(pending, id)
		}
		if st, _, body := e.tusCreate(p.Token, app.ID, kycd.KindIDBack, 100, nil); st != http.StatusTooManyRequests ||
			!strings.Contains(string(body), `"code":"upload.quota_exceeded"`) {
			t.Errorf("fourth pending upload: %d %s, want 429 upload.quota_exceeded", st, body)
		}
		e.tusPatch(p.Token, pending[0], 0, make([]byte, 40))

		// Expiry: past the TTL, HEAD no longer finds them and the sweep
		// removes rows and files.
		e.clock.advance(time.Hour + time.Minute)
		if st, _ := e.tusHead(p.Token, pending[0]); st != http.StatusNotFound {
			t.Errorf("HEAD on an expired upload: %d, want 404", st)
		}
		rep, err := e.svc.SweepUploads(context.Background())
		if err != nil || rep.Uploads != 3 {
			t.Errorf("sweep: %+v %v, want 3 uploads removed", rep, err)
		}
		for _, id := range pending {
			if _, err := e.store.FindUpload(context.Background(), id); !kycd.IsNotFound(err) {
				t.Errorf("expired upload %s still stored (%v)", id, err)
			}
		}
		if st, _, _ := e.tusCreate(p.Token, app.ID, kycd.KindIDBack, 100, nil); st != http.StatusCreated {
			t.Errorf("after the sweep the quota is free again: POST %d, want 201", st)
		}

		// Reconciliation, files without rows: an orphaned segment, an
		// orphaned document and a crashed write's temporary file.
		ctx := context.Background()
		for _, key := range []string{"seg/nosuchupload/x", "doc/nosuchdocument"} {
			if _, err := e.svc.Blobs.Put(ctx, key, strings.NewReader("orphan")); err != nil {
				t.Fatal(err)
			}
		}
		tmp := filepath.Join(blobDir, "seg", "nosuchupload", ".put-123")
		if err := os.WriteFile(tmp, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		// Rows without files: an upload in progress whose segment file
		// vanished.
		st, broken, _ := e.tusCreate(p.Token, app.ID, kycd.KindSelfie, 100, nil)
		if st != http.StatusCreated {
			t.Fatal("tus POST")
		}
		e.tusPatch(p.Token, broken, 0, make([]byte, 50))
		segs, _ := e.store.FindSegments(ctx, broken)
		if len(segs) != 1 {
			t.Fatalf("segments = %d, want 1", len(segs))
		}
		os.Remove(filepath.Join(blobDir, filepath.FromSlash(segs[0].BlobKey)))
		// Fresh files are spared by the grace period; the broken upload
		// goes at once.
		rep2, err := e.svc.Reconcile(ctx, time.Hour)
		if err != nil || rep2.OrphanBlobs != 0 || rep2.StaleWrites != 0 || len(rep2.BrokenUploads) != 1 || rep2.BrokenUploads[0] != broken {
			t.Errorf("reconcile within the grace: %+v %v, want no file removed and upload %s broken", rep2, err, broken)
		}
		rep2, err = e.svc.Reconcile(ctx, -time.Second)
		if err != nil || rep2.OrphanBlobs != 2 || rep2.StaleWrites != 1 {
			t.Errorf("reconcile past the grace: %+v %v, want 2 orphan blobs and 1 temporary file removed", rep2, err)
		}
		for _, f := range blobFiles(t, blobDir) {
			if strings.Contains(f, "nosuch") {
				t.Errorf("orphan %s still there", f)
			}
		}
		if st, _ := e.tusHead(p.Token, broken); st != http.StatusNotFound {
			t.Errorf("HEAD on the broken upload: %d, want 404 (start again)", st)
		}
		// The attached document is untouched.
		if rep3, err := e.svc.Reconcile(ctx, -time.Second); err != nil || rep3.OrphanBlobs != 0 || rep3.StaleWrites != 0 || len(rep3.MissingDocuments) != 0 {
			t.Errorf("second reconcile: %+v %v, want nothing to do", rep3, err)
		}
	})
}

// fullDisk is the outer edge of a full disk: every write fails the way the
// local store reports ENOSPC.
// fullDisk is a blob store whose disk fills up when full is set.
type fullDisk struct {
	kycd.BlobStore
	full atomic.Bool
}

func (d *fullDisk) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	if !d.full.Load() {
		return d.BlobStore.Put(ctx, key, r)
	}
	return 0, &kycd.Error{Code: "storage.full", Detail: "write /var/lib/kycd/blobs/seg/x/.put-1: no space left on device"}
}

// TestTusErrorsAreJSON (item 12): tus refusals use the JSON error shape; a
// full disk is 507 storage.full; nothing of the server's paths or SQL
// reaches the client.
func TestTusErrorsAreJSON(t *testing.T) {
	var disk *fullDisk
	cfg := envConfig{wrapBlobs: func(b kycd.BlobStore) kycd.BlobStore { disk = &fullDisk{BlobStore: b}; return disk }}
	eachAppDB(t, cfg, func(t *testing.T, e *env, _ string) {
		p := e.applicantAtLevel1()
		app := e.openApp(p.Token, 2)
		st, id, _ := e.tusCreate(p.Token, app.ID, kycd.KindIDFront, 100, nil)
		if st != http.StatusCreated {
			t.Fatal("tus POST")
		}
		disk.full.Store(true)
		e.allow5xx = true
		res, body := e.tusReq(http.MethodPatch, "/v1/uploads/"+id, p.Token, map[string]string{"Upload-Offset": "0",
			"Content-Type": "application/offset+octet-stream", "Content-Length": "100"}, strings.NewReader(strings.Repeat("x", 100)))
		e.allow5xx = false
		disk.full.Store(false)
		if res.StatusCode != http.StatusInsufficientStorage || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") ||
			!strings.Contains(string(body), `"code":"storage.full"`) || strings.Contains(string(body), "/var/lib") {
			t.Errorf("PATCH on a full disk: %d %q %s, want 507 JSON storage.full without paths", res.StatusCode,
				res.Header.Get("Content-Type"), body)
		}
		// tusd's own refusals: JSON too, with tus's status kept.
		res, body = e.tusReq(http.MethodPatch, "/v1/uploads/"+id, p.Token, map[string]string{"Upload-Offset": "7",
			"Content-Type": "application/offset+octet-stream", "Content-Length": "1"}, strings.NewReader("x"))
		if res.StatusCode != http.StatusConflict || !strings.Contains(string(body), `"code":"request.invalid"`) {
			t.Errorf("PATCH at a wrong offset: %d %s, want 409 JSON request.invalid", res.StatusCode, body)
		}
		res, body = e.tusReq(http.MethodPost, "/v1/uploads/", p.Token, nil, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"error":{"code":"request.invalid"`) {
			t.Errorf("POST without Upload-Length: %d %s, want 400 JSON", res.StatusCode, body)
		}
		res, body = e.tusReq(http.MethodPatch, "/v1/uploads/nosuchupload", p.Token, map[string]string{"Upload-Offset": "0",
			"Content-Type": "application/offset+octet-stream", "Content-Length": "1"}, strings.NewReader("x"))
		if res.StatusCode != http.StatusNotFound || !strings.Contains(string(body), `"code":"upload.not_found"`) {
			t.Errorf("PATCH on an unknown upload: %d %s, want 404 JSON upload.not_found", res.StatusCode, body)
		}
	})
}

// TestReadyzDataDir (item 12): /readyz fails when the data directory
// cannot be written or is nearly full.
func TestReadyzDataDir(t *testing.T) {
	t.Parallel()
	st := storetest.OpenSQLite(t, storetest.Keyring(t))
	svc := storetest.Service(t, st, storetest.Keyring(t), kycd.Options{})
	ready := func(dir string, minFree uint64) int {
		srv := kycdhttp.New(svc, kycdhttp.Options{DataDir: dir, MinFreeBytes: minFree})
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
		return rec.Code
	}
	dir := t.TempDir()
	if st := ready(dir, 1); st != http.StatusOK {
		t.Errorf("readyz on a healthy data directory: %d, want 200", st)
	}
	if st := ready(dir, 1<<62); st != http.StatusServiceUnavailable {
		t.Errorf("readyz on a nearly full data directory: %d, want 503", st)
	}
	// Not a directory: nothing can be written in it (the tests run as
	// root, for whom permission bits would not stop a write).
	f := filepath.Join(dir, "file")
	os.WriteFile(f, nil, 0o600)
	if st := ready(f, 1); st != http.StatusServiceUnavailable {
		t.Errorf("readyz on an unwritable data directory: %d, want 503", st)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".ready-*")); len(left) != 0 {
		t.Errorf("probe files left: %v", left)
	}
}

func parseRetryAfter(t testing.TB, h http.Header) int {
	t.Helper()
	n, err := strconv.Atoi(h.Get("Retry-After"))
	if err != nil || n < 1 {
		t.Errorf("Retry-After = %q, want a number of seconds", h.Get("Retry-After"))
	}
	return n
}

// TestAttachBusy (item 1): when every check slot is taken and the queue
// is full, attach answers 503 server.busy with Retry-After, and the upload
// can be attached once a slot frees.
func TestAttachBusy(t *testing.T) {
	// No queue: a request finding the one slot taken is refused at once.
	cfg := envConfig{checks: &kycd.CheckLimits{Slots: 1, Queue: 0, Wait: 5 * time.Second, PerAccount: 1}}
	eachAppDB(t, cfg, func(t *testing.T, e *env, _ string) {
		p := e.applicantAtLevel1()
		app := e.openApp(p.Token, 2)
		id := e.tusUpload(p.Token, app.ID, kycd.KindIDFront, photoFront(t))
		hold, held := make(chan struct{}), make(chan struct{})
		go e.svc.Checks.Do(context.Background(), "someone-else", time.Minute, func(context.Context) { close(held); <-hold })
		<-held
		e.allow5xx = true
		r := e.post("/v1/applications/"+app.ID+"/documents", p.Token, map[string]string{"upload_id": id, "kind": kycd.KindIDFront})
		e.allow5xx = false
		want(t, "attach while saturated", r, http.StatusServiceUnavailable, "server.busy")
		parseRetryAfter(t, r.Header)
		close(hold)
		// The slot frees as soon as the other check returns.
		e.allow5xx = true
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			r = e.post("/v1/applications/"+app.ID+"/documents", p.Token, map[string]string{"upload_id": id, "kind": kycd.KindIDFront})
			if r.Status != http.StatusServiceUnavailable || time.Now().After(deadline) {
				break
			}
		}
		want(t, "attach once a slot is free", r, http.StatusCreated, "")
	})
}

// TestShutdownKeepsUploadBytes (item 10): a PATCH still running when the
// shutdown grace runs out has its context ended; the bytes that arrived
// are stored as a segment (the client resumes from there) and no
// temporary file is left.
func TestShutdownKeepsUploadBytes(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, blobDir string) {
		p := e.applicantAtLevel1()
		app := e.openApp(p.Token, 2)
		const size, sent = 2 << 20, 300_000
		st, id, _ := e.tusCreate(p.Token, app.ID, kycd.KindIDFront, size, nil)
		if st != http.StatusCreated {
			t.Fatal("tus POST")
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		hs := &http.Server{Handler: e.srv}
		ctx, stop := context.WithCancel(context.Background())
		served := make(chan error, 1)
		go func() { served <- kycdhttp.Serve(ctx, hs, ln, 300*time.Millisecond) }()

		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "PATCH /v1/uploads/%s HTTP/1.1\r\nHost: kycd\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer %s\r\n"+
			"Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: %d\r\n\r\n", id, p.Token, size)
		if _, err := c.Write(make([]byte, sent)); err != nil {
			t.Fatal(err)
		}
		// Let the server read what was sent; the client then goes quiet
		// with the connection open, as a slow phone would.
		time.Sleep(300 * time.Millisecond)
		stop()
		select {
		case err := <-served:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("shutdown did not finish")
		}
		u, err := e.store.FindUpload(context.Background(), id)
		if err != nil || u.Offset != sent {
			t.Errorf("after shutdown: offset %d (%v), want the %d bytes that arrived", u.Offset, err, sent)
		}
		for _, f := range blobFiles(t, blobDir) {
			if strings.Contains(f, ".put-") {
				t.Errorf("temporary file %s left", f)
			}
		}
	})
}

// TestConcurrentAttachOneDocument (item 8): four attaches of one finished
// upload at the same moment make one document; the others are told the
// upload is gone, as any attach after the first is.
func TestConcurrentAttachOneDocument(t *testing.T) {
	// Room for all four at once, so they race in the database rather
	// than being turned away by the check gate.
	cfg := envConfig{checks: &kycd.CheckLimits{Slots: 4, Queue: 4, Wait: 30 * time.Second, PerAccount: 4}}
	eachAppDB(t, cfg, func(t *testing.T, e *env, _ string) {
		p := e.applicantAtLevel1()
		app := e.openApp(p.Token, 2)
		id := e.tusUpload(p.Token, app.ID, kycd.KindIDFront, photoFront(t))
		const n = 4
		results := make([]resp, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				results[i] = e.post("/v1/applications/"+app.ID+"/documents", p.Token, map[string]string{"upload_id": id, "kind": kycd.KindIDFront})
			}()
		}
		close(start)
		wg.Wait()
		created := 0
		for i, r := range results {
			switch {
			case r.Status == http.StatusCreated:
				created++
			case r.Status != http.StatusNotFound || r.code() != "upload.not_found":
				t.Errorf("attach %d: Status=%d Code=%q, want 201 or 404 %q", i, r.Status, r.code(), "upload.not_found")
			}
		}
		if created != 1 {
			t.Errorf("%d of %d simultaneous attaches succeeded, want 1", created, n)
		}
		if t.Failed() {
			// A 500 here was seen once under heavy load and never
			// reproduced: keep what the server logged.
			t.Logf("server log:\n%s", e.logs.String())
		}
		docs, err := e.store.FindDocuments(context.Background(), app.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 1 {
			t.Errorf("documents after %d simultaneous attaches of one upload = %d, want 1", n, len(docs))
		}
	})
}

// TestReconcileOnS3 (items 11 and 15): the reconciliation works the same on
// an S3 bucket (versitygw): objects no row refers to go, a multipart upload
// a crashed instance left incomplete is aborted, and what rows refer to —
// an attached document, an upload in progress — stays and still works.
func TestReconcileOnS3(t *testing.T) {
	srv := s3test.Start(t)
	eachAppDB(t, envConfig{s3: srv}, func(t *testing.T, e *env, _ string) {
		ctx := context.Background()
		p := e.applicantAtLevel1()
		app := e.openApp(p.Token, 2)
		doc := e.uploadAndAttach(p.Token, app.ID, kycd.KindIDFront, photoFront(t))
		st, partial, _ := e.tusCreate(p.Token, app.ID, kycd.KindIDBack, 1000, nil)
		if st != http.StatusCreated {
			t.Fatal("tus POST")
		}
		e.tusPatch(p.Token, partial, 0, make([]byte, 400))
		prefix := kycd.ApplicationBlobPrefix(app.ID)
		for _, key := range []string{prefix + "seg/nosuchupload/x", prefix + "doc/nosuchdocument"} {
			if _, err := e.svc.Blobs.Put(ctx, key, strings.NewReader("orphan")); err != nil {
				t.Fatal(err)
			}
		}
		// What an instance killed in the middle of a large Put leaves.
		c, err := minio.NewCore(strings.TrimPrefix(srv.Endpoint, "http://"), &minio.Options{
			Creds: credentials.NewStaticV4(srv.AccessKey, srv.SecretKey, "")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.NewMultipartUpload(ctx, e.bucket, prefix+"seg/crashed/y", minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}

		rep, err := e.svc.Reconcile(ctx, time.Hour)
		if err != nil || rep.OrphanBlobs != 0 || rep.StaleWrites != 0 || len(rep.BrokenUploads) != 0 || len(rep.MissingDocuments) != 0 {
			t.Errorf("reconcile within the grace: %+v %v, want nothing removed", rep, err)
		}
		rep, err = e.svc.Reconcile(ctx, -time.Second)
		if err != nil || rep.OrphanBlobs != 2 || rep.StaleWrites != 1 || len(rep.BrokenUploads) != 0 || len(rep.MissingDocuments) != 0 {
			t.Errorf("reconcile past the grace: %+v %v, want 2 orphan objects and 1 incomplete upload removed", rep, err)
		}
		var left []string
		if err := e.svc.Blobs.List(ctx, "", func(b kycd.BlobInfo) error { left = append(left, b.Key); return nil }); err != nil {
			t.Fatal(err)
		}
		for _, k := range left {
			if strings.Contains(k, "nosuch") {
				t.Errorf("orphan %s is still in the bucket", k)
			}
		}
		for u := range c.ListIncompleteUploads(ctx, e.bucket, "", true) {
			t.Errorf("incomplete upload %s (%v) survived", u.Key, u.Err)
		}
		// The document still opens; the upload resumes and finishes.
		rd, _, err := e.svc.DocumentContent(ctx, kycd.Principal{AccountID: p.ID, Role: kycd.RoleApplicant}, doc.DocumentID)
		if err != nil {
			t.Fatalf("the attached document after reconciling: %v", err)
		}
		rd.Close()
		if st, off := e.tusHead(p.Token, partial); st != http.StatusOK || off != 400 {
			t.Errorf("HEAD on the upload in progress: %d offset %d, want 200 400", st, off)
		}
		if st, off, _ := e.tusPatch(p.Token, partial, 400, make([]byte, 600)); st != http.StatusNoContent || off != 1000 {
			t.Errorf("resume after reconciling: %d offset %d, want 204 1000", st, off)
		}
		// Nothing left to do.
		if rep, err := e.svc.Reconcile(ctx, -time.Second); err != nil || rep.OrphanBlobs != 0 || rep.StaleWrites != 0 {
			t.Errorf("second reconcile: %+v %v, want nothing to do", rep, err)
		}
	})
}
