package http_test

import (
	"bytes"
	"context"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

// TestDuplicateIdentity: a second account with the same ID number and the
// same photo is not refused (people do open two accounts by mistake) but
// carries warnings to the review desk, where the reviewer sees the other
// account's application.
func TestDuplicateIdentity(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		first, firstApp := e.submittedCase()
		_ = first

		p := e.applicantAtLevel1()
		app := e.openApp(p.Token, 2)
		// Typed differently: the blind index is over the normalised number.
		e.saveIdentity(p.Token, app.ID, identityForm(cleanIDNumber))
		front := e.uploadAndAttach(p.Token, app.ID, kycd.KindIDFront, photoFront(t))
		if !front.Accepted || !slices.Contains(reason.Codes(front.Findings), "photo.duplicate") {
			t.Errorf("re-used front: accepted=%v findings=%v, want accepted with photo.duplicate", front.Accepted, reason.Codes(front.Findings))
		}
		for _, f := range front.Findings {
			if f.Code == "photo.duplicate" && f.Severity != reason.Warning {
				t.Errorf("photo.duplicate severity %q, want a warning", f.Severity)
			}
		}
		e.uploadAndAttach(p.Token, app.ID, kycd.KindIDBack, photoBack(t))
		e.uploadAndAttach(p.Token, app.ID, kycd.KindSelfie, photoSelfie(t))

		ready, fs := e.precheck(p.Token, app.ID)
		i := slices.IndexFunc(fs, func(f reason.Finding) bool { return f.Code == "id_number.duplicate" })
		if !ready || i < 0 || fs[i].Severity != reason.Warning {
			t.Fatalf("precheck: ready=%v findings=%+v, want ready with the warning id_number.duplicate", ready, fs)
		}
		if bytes.Contains([]byte(fs[i].Message), []byte(first.Email)) || bytes.Contains([]byte(fs[i].Message), []byte(firstApp.ID)) {
			t.Errorf("the applicant learns about the other account: %q", fs[i].Message)
		}
		if v := e.submit(p.Token, app.ID); v.State != string(kycd.StateInReview) {
			t.Fatalf("submit: state %q, want in_review", v.State)
		}

		_, rev := e.staff(kycd.RoleReviewer)
		r := e.get("/v1/review/queue?flag=id_number.duplicate", rev)
		want(t, "queue by flag", r, http.StatusOK, "")
		var q struct{ Items []kycd.QueueItem }
		r.decode(t, &q)
		if len(q.Items) != 1 || q.Items[0].ApplicationID != app.ID || !slices.Contains(q.Items[0].Flags, "photo.duplicate") {
			t.Errorf("queue filtered on id_number.duplicate = %+v, want only %s, flagged photo.duplicate too", q.Items, app.ID)
		}
		r = e.get("/v1/review/applications/"+app.ID, rev)
		want(t, "case view", r, http.StatusOK, "")
		var cv kycd.CaseView
		r.decode(t, &cv)
		for _, code := range []string{"id_number.duplicate", "photo.duplicate"} {
			if !slices.ContainsFunc(cv.Duplicates, func(d kycd.DuplicateLink) bool {
				return d.Code == code && d.ApplicationID == firstApp.ID && d.AccountID == first.ID
			}) {
				t.Errorf("case duplicates = %+v, want %s pointing at %s", cv.Duplicates, code, firstApp.ID)
			}
		}
	})
}

// TestApplicationsNotProbeable: nobody reads or writes another applicant's
// application, documents or uploads, and foreign ids answer exactly like
// unknown ones (404), so that ids cannot be probed.
func TestApplicationsNotProbeable(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		owner := e.applicantAtLevel1()
		app := e.openApp(owner.Token, 2)
		e.saveIdentity(owner.Token, app.ID, identityForm(cleanIDNumber))
		doc := e.uploadAndAttach(owner.Token, app.ID, kycd.KindIDFront, photoFront(t))
		back := photoBack(t)
		st, upID, body := e.tusCreate(owner.Token, app.ID, kycd.KindIDBack, len(back), nil)
		if st != http.StatusCreated {
			t.Fatalf("tus POST: %d %s", st, body)
		}
		if st, _, body := e.tusPatch(owner.Token, upID, 0, back[:1000]); st != http.StatusNoContent {
			t.Fatalf("tus PATCH: %d %s", st, body)
		}

		other := e.applicantAtLevel1()
		e.openApp(other.Token, 2)
		for _, id := range []struct{ name, app, doc, upload string }{
			{"another applicant's", app.ID, doc.DocumentID, upID},
			{"an unknown", "aaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaa"},
		} {
			for _, c := range []struct {
				method, path string
				body         any
				code         string
			}{
				{http.MethodGet, "/v1/applications/" + id.app, nil, "application.not_found"},
				{http.MethodPut, "/v1/applications/" + id.app + "/identity", identityForm(cleanIDNumber), "application.not_found"},
				{http.MethodPost, "/v1/applications/" + id.app + "/documents", map[string]string{"upload_id": id.upload, "kind": "id_back"}, "application.not_found"},
				{http.MethodPost, "/v1/applications/" + id.app + "/precheck", nil, "application.not_found"},
				{http.MethodPost, "/v1/applications/" + id.app + "/submit", nil, "application.not_found"},
				{http.MethodGet, "/v1/documents/" + id.doc + "/content", nil, "request.not_found"},
			} {
				r := e.do(req{Method: c.method, Path: c.path, Token: other.Token, Body: c.body})
				if r.Status != http.StatusNotFound || r.code() != c.code {
					t.Errorf("%s %s (%s id): Status=%d Code=%q, want 404 %q", c.method, c.path, id.name, r.Status, r.code(), c.code)
				}
			}
			// The tus endpoints: reading, resuming, deleting, or creating
			// an upload for someone else's application.
			if st, _ := e.tusHead(other.Token, id.upload); st != http.StatusNotFound {
				t.Errorf("tus HEAD (%s upload): Status=%d, want 404", id.name, st)
			}
			if st, _, _ := e.tusPatch(other.Token, id.upload, 1000, back[1000:2000]); st != http.StatusNotFound {
				t.Errorf("tus PATCH (%s upload): Status=%d, want 404", id.name, st)
			}
			if res, _ := e.tusReq(http.MethodDelete, "/v1/uploads/"+id.upload, other.Token, nil, nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("tus DELETE (%s upload): Status=%d, want 404", id.name, res.StatusCode)
			}
			if st, _, body := e.tusCreate(other.Token, id.app, kycd.KindIDBack, 100, nil); st != http.StatusNotFound {
				t.Errorf("tus POST for %s application: Status=%d, want 404: %s", id.name, st, body)
			}
		}
		// The owner's upload was left alone.
		if st, off := e.tusHead(owner.Token, upID); st != http.StatusOK || off != 1000 {
			t.Errorf("owner's HEAD after the attempts: Status=%d offset=%d, want 200 1000", st, off)
		}
		// Someone else's finished upload cannot be attached to one's own
		// application either.
		otherApp := e.getAppList(other.Token)
		want(t, "attach another's upload", e.post("/v1/applications/"+otherApp+"/documents", other.Token,
			map[string]string{"upload_id": upID, "kind": "id_back"}), http.StatusNotFound, "upload.not_found")

		// Staff use the desk, not the applicant routes; a document link
		// without a valid signature is not found.
		_, rev := e.staff(kycd.RoleReviewer)
		want(t, "reviewer on an applicant route", e.get("/v1/applications/"+app.ID, rev), http.StatusForbidden, "auth.forbidden")
		want(t, "reviewer on tus", e.do(req{Method: http.MethodPatch, Path: "/v1/uploads/" + upID, Token: rev}), http.StatusForbidden, "auth.forbidden")
		want(t, "unsigned document link", e.get("/v1/review/documents/"+doc.DocumentID+"/content", rev), http.StatusNotFound, "request.not_found")
		want(t, "draft case", e.get("/v1/review/applications/"+app.ID, rev), http.StatusNotFound, "application.not_found")
		want(t, "anonymous tus", e.do(req{Method: http.MethodPatch, Path: "/v1/uploads/" + upID}), http.StatusUnauthorized, "auth.required")
	})
}

func (e *env) getAppList(token string) string {
	e.t.Helper()
	r := e.get("/v1/applications", token)
	want(e.t, "list applications", r, http.StatusOK, "")
	var l struct{ Items []appView }
	r.decode(e.t, &l)
	if len(l.Items) != 1 {
		e.t.Fatalf("applications = %d, want 1", len(l.Items))
	}
	return l.Items[0].ID
}

// TestUploadChecksum: a finished upload whose bytes do not match the
// declared SHA-256 is refused, at the last PATCH and at attach.
func TestUploadChecksum(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, _ string) {
		p := e.applicantAtLevel1()
		app := e.openApp(p.Token, 2)
		front := photoFront(t)
		wrong := sha256Hex(append([]byte("x"), front...))
		st, id, body := e.tusCreate(p.Token, app.ID, kycd.KindIDFront, len(front), map[string]string{"sha256": wrong})
		if st != http.StatusCreated {
			t.Fatalf("tus POST: %d %s", st, body)
		}
		st, _, body = e.tusPatch(p.Token, id, 0, front)
		if st == http.StatusNoContent || !bytes.Contains(body, []byte("upload.checksum_mismatch")) {
			t.Errorf("last PATCH: Status=%d body %q, want a refusal with upload.checksum_mismatch", st, body)
		}
		want(t, "attach", e.post("/v1/applications/"+app.ID+"/documents", p.Token, map[string]string{"upload_id": id, "kind": "id_front"}),
			http.StatusBadRequest, "upload.checksum_mismatch")
		if st, _, body := e.tusCreate(p.Token, app.ID, kycd.KindIDFront, len(front), map[string]string{"sha256": "nothex"}); st == http.StatusCreated {
			t.Errorf("tus POST with a malformed sha256: Status=%d, want a refusal: %s", st, body)
		}
		// Too large for its kind: refused before a byte is sent.
		if st, _, body := e.tusCreate(p.Token, app.ID, kycd.KindIDFront, kycd.MaxPhotoBytes+1, nil); st != http.StatusRequestEntityTooLarge {
			t.Errorf("tus POST over the photo limit: Status=%d, want 413: %s", st, body)
		}
		// tus refusals are worded in the caller's language, with the same
		// status the JSON API would give the code.
		meta := tusMetadata(map[string]string{"application_id": app.ID, "kind": kycd.KindIDFront, "filename": "f.jpg"})
		res, body := e.tusReq(http.MethodPost, "/v1/uploads/?lang=zh-CN", p.Token,
			map[string]string{"Upload-Length": strconv.Itoa(kycd.MaxPhotoBytes + 1), "Upload-Metadata": meta}, nil)
		zh := reason.Message("zh-CN", "document.too_large", "max_mb", strconv.Itoa(kycd.MaxPhotoBytes>>20))
		if res.StatusCode != http.StatusRequestEntityTooLarge || !bytes.Contains(body, []byte(zh)) {
			t.Errorf("tus POST over the limit in Chinese: Status=%d body %q, want 413 with %q", res.StatusCode, body, zh)
		}
		// More bytes than declared.
		st, id, _ = e.tusCreate(p.Token, app.ID, kycd.KindIDFront, 10, nil)
		if st != http.StatusCreated {
			t.Fatal("tus POST")
		}
		if st, _, _ := e.tusPatch(p.Token, id, 0, front[:20]); st == http.StatusNoContent {
			t.Errorf("PATCH past the declared length: Status=%d, want a refusal", st)
		}
	})
}

// TestEncryptedAtRest: the blob store holds nothing of the photo in clear,
// neither the upload's segments nor the attached document, and the
// database holds neither the ID number nor the name in clear.
func TestEncryptedAtRest(t *testing.T) {
	eachAppDB(t, envConfig{}, func(t *testing.T, e *env, blobDir string) {
		p := e.applicantAtLevel1()
		app := e.openApp(p.Token, 2)
		e.saveIdentity(p.Token, app.ID, identityForm(cleanIDNumber))
		front := photoFront(t)
		st, id, _ := e.tusCreate(p.Token, app.ID, kycd.KindIDFront, len(front), nil)
		if st != http.StatusCreated {
			t.Fatal("tus POST")
		}
		half := len(front) / 2
		e.tusPatch(p.Token, id, 0, front[:half])
		assertNoPlaintext(t, blobDir, front, "upload segments")
		e.tusPatch(p.Token, id, int64(half), front[half:])
		e.attach(p.Token, app.ID, id, kycd.KindIDFront)
		assertNoPlaintext(t, blobDir, front, "documents")

		var enc []byte
		if err := e.store.SQL().QueryRowContext(context.Background(), "SELECT payload_enc FROM applications WHERE id = "+
			placeholder(e), app.ID).Scan(&enc); err != nil {
			t.Fatal(err)
		}
		for _, clear := range []string{cleanIDNumber, "张三", "1949-12-31"} {
			if bytes.Contains(enc, []byte(clear)) {
				t.Errorf("applications.payload_enc holds %q in clear", clear)
			}
		}
		// On SQLite, the whole database file and its WAL.
		if e.store.Dialect() == "sqlite" {
			var seq int
			var name, file string
			if err := e.store.SQL().QueryRow("PRAGMA database_list").Scan(&seq, &name, &file); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{file, file + "-wal"} {
				raw, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				for _, clear := range []string{cleanIDNumber, "张三", "id_front.jpg"} {
					if bytes.Contains(raw, []byte(clear)) {
						t.Errorf("%s holds %q in clear", filepath.Base(f), clear)
					}
				}
			}
		}
	})
}

func placeholder(e *env) string {
	if e.store.Dialect() == "postgres" {
		return "$1"
	}
	return "?"
}

// assertNoPlaintext fails if any file under dir holds a 32-byte run of
// plain, taken every 512 bytes (a JPEG's entropy-coded data does not repeat
// by chance, and neither does ciphertext).
func assertNoPlaintext(t *testing.T, dir string, plain []byte, what string) {
	t.Helper()
	files := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(raw, []byte("JFIF")) || bytes.Contains(raw, []byte("Exif")) {
			t.Errorf("%s: %s holds a JPEG marker in clear", what, strings.TrimPrefix(p, dir))
		}
		for off := 0; off+32 <= len(plain); off += 512 {
			if bytes.Contains(raw, plain[off:off+32]) {
				t.Errorf("%s: %s holds the photo's bytes %d–%d in clear", what, strings.TrimPrefix(p, dir), off, off+32)
				return nil
			}
		}
		return nil
	})
	if files == 0 {
		t.Errorf("%s: no file under %s; the test proves nothing", what, dir)
	}
}
