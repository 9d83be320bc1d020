package storetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/reason"
)

// newDoc returns a document of app of kind, created at t0+created.
func newDoc(app *kycd.Application, kind string, created time.Duration) *kycd.Document {
	id := kycd.NewID()
	return &kycd.Document{ID: id, ApplicationID: app.ID, AccountID: app.AccountID, Kind: kind, Attempt: 1,
		BlobKey: kycd.ApplicationBlobPrefix(app.ID) + "doc/" + id, SHA256: "ab", Size: 1, ContentType: "image/jpeg",
		Findings: []reason.Finding{}, Metrics: map[string]float64{}, CreatedAt: t0.Add(created)}
}

func addDoc(t testing.TB, st kycd.Store, d *kycd.Document) *kycd.Document {
	t.Helper()
	must(t, st.CreateDocument(bg, d))
	return d
}

// docIDs lists the documents' ids; an error stands in the list, so that
// the comparison that follows fails showing it.
func docIDs(docs []*kycd.Document, err error) []string {
	if err != nil {
		return []string{"error: " + err.Error()}
	}
	out := []string{}
	for _, d := range docs {
		out = append(out, d.ID)
	}
	return out
}

func testDocuments(t *testing.T, st kycd.Store) {
	acct := addAccount(t, st, "doc")
	app := addApp(t, st, acct, 2, kycd.StateDraft)

	t.Run("every field round-trips", func(t *testing.T) {
		d := newDoc(app, kycd.KindIDFront, 0)
		d.Accepted, d.Size, d.Attempt = true, 123456, 2
		d.Findings = []reason.Finding{{Code: "photo.glare", Severity: reason.Warning, Params: map[string]string{"side": "front"}}}
		d.Metrics = map[string]float64{"sharpness": 0.75, "glare": 0.125}
		// The top bit set: a BIGINT column holds it only reinterpreted.
		d.PHash, d.HasPHash = 0xF00D_0000_1234_BEEF, true
		d.ReadState = "done"
		d.Reading = &ocr.Reading{Kind: kycd.KindIDFront, Fields: map[string]string{"full_name": FixtureName},
			Confidence: map[string]float64{"full_name": 0.5}, Unverified: map[string]string{"address": "北京"}}
		addDoc(t, st, d)
		got, err := st.FindDocumentByID(bg, d.ID)
		must(t, err)
		if diff := cmp.Diff(d, got); diff != "" {
			t.Errorf("FindDocumentByID (-want +got):\n%s", diff)
		}
		bare := addDoc(t, st, newDoc(app, kycd.KindSelfie, time.Second))
		got, err = st.FindDocumentByID(bg, bare.ID)
		must(t, err)
		if diff := cmp.Diff(bare, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("a document without hash or reading (-want +got):\n%s", diff)
		}
		wantCode(t, "CreateDocument with a taken id", st.CreateDocument(bg, d), kycd.ECONFLICT)
		_, err = st.FindDocumentByID(bg, "nope")
		wantCode(t, "FindDocumentByID of a missing document", err, kycd.ENOTFOUND)
	})

	t.Run("an application's documents, oldest first, replaced ones included", func(t *testing.T) {
		a := addApp(t, st, acct, 3, kycd.StateDraft)
		other := addApp(t, st, acct, 4, kycd.StateDraft)
		late := addDoc(t, st, newDoc(a, kycd.KindSelfie, 3*time.Second))
		early := addDoc(t, st, newDoc(a, kycd.KindIDFront, time.Second))
		replaced := newDoc(a, kycd.KindIDFront, 0)
		replaced.ReplacedAt = ptr(t0.Add(time.Second))
		addDoc(t, st, replaced)
		addDoc(t, st, newDoc(other, kycd.KindIDFront, 0))
		got := docIDs(st.FindDocuments(bg, a.ID))
		if want := []string{replaced.ID, early.ID, late.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindDocuments = %v, want %v", got, want)
		}
		if got := docIDs(st.FindDocuments(bg, "nope")); len(got) != 0 {
			t.Errorf("FindDocuments of an application without any = %v", got)
		}
	})

	t.Run("reading state and reading", func(t *testing.T) {
		d := addDoc(t, st, newDoc(app, kycd.KindIDBack, 0))
		must(t, st.SetDocumentReading(bg, d.ID, "pending", nil))
		if got, err := st.FindDocumentByID(bg, d.ID); err != nil || got.ReadState != "pending" || got.Reading != nil {
			t.Errorf("after SetDocumentReading(pending): %+v, %v", got, err)
		}
		r := &ocr.Reading{Kind: kycd.KindIDBack, Fields: map[string]string{"valid_to": "2030-01-01", "authority": FixtureName}}
		must(t, st.SetDocumentReading(bg, d.ID, "done", r))
		got, err := st.FindDocumentByID(bg, d.ID)
		must(t, err)
		if got.ReadState != "done" || !cmp.Equal(r, got.Reading, cmpopts.EquateEmpty()) {
			t.Errorf("after SetDocumentReading(done): state %q, reading %+v; want done, %+v", got.ReadState, got.Reading, r)
		}
		// A rolled-back change is not seen.
		st.WithTx(bg, func(tx kycd.Tx) error {
			if err := tx.SetDocumentReading(bg, d.ID, "failed", nil); err != nil {
				return err
			}
			return errors.New("roll back")
		})
		if got, _ := st.FindDocumentByID(bg, d.ID); got.ReadState != "done" || got.Reading == nil {
			t.Errorf("after a rolled-back SetDocumentReading: state %q, reading %v", got.ReadState, got.Reading)
		}
		wantCode(t, "SetDocumentReading of a missing document", st.SetDocumentReading(bg, "nope", "done", r), kycd.ENOTFOUND)
	})

	t.Run("replacing marks only the current documents of a kind", func(t *testing.T) {
		a := addApp(t, st, acct, 5, kycd.StateDraft)
		other := addApp(t, st, acct, 6, kycd.StateDraft)
		old := newDoc(a, kycd.KindIDFront, 0)
		old.ReplacedAt = ptr(t0.Add(time.Minute))
		addDoc(t, st, old)
		front := addDoc(t, st, newDoc(a, kycd.KindIDFront, time.Second))
		selfie := addDoc(t, st, newDoc(a, kycd.KindSelfie, time.Second))
		otherFront := addDoc(t, st, newDoc(other, kycd.KindIDFront, time.Second))
		at := t0.Add(time.Hour)
		must(t, st.ReplaceDocuments(bg, a.ID, kycd.KindIDFront, at))
		for d, want := range map[*kycd.Document]*time.Time{old: old.ReplacedAt, front: &at, selfie: nil, otherFront: nil} {
			got, err := st.FindDocumentByID(bg, d.ID)
			must(t, err)
			if (got.ReplacedAt == nil) != (want == nil) || (want != nil && !got.ReplacedAt.Equal(*want)) {
				t.Errorf("%s of %s: ReplacedAt %v, want %v", d.Kind, d.ApplicationID, got.ReplacedAt, want)
			}
		}
	})

	t.Run("similar photos share a 16-bit band", func(t *testing.T) {
		const h = 0x1111_2222_3333_4444
		mine := addApp(t, st, acct, 7, kycd.StateDraft)
		earlier := addApp(t, st, acct, 8, kycd.StateApproved) // this account's earlier application counts
		stranger := addApp(t, st, addAccount(t, st, "doc.stranger"), 2, kycd.StateDraft)
		photo := func(app *kycd.Application, hash uint64) *kycd.Document {
			d := newDoc(app, kycd.KindSelfie, 0)
			d.PHash, d.HasPHash = hash, true
			return addDoc(t, st, d)
		}
		photo(mine, h) // the application's own: left out
		same := photo(earlier, h)
		oneBand := photo(stranger, 0xFFFF_FFFF_FFFF_4444)
		topBand := photo(stranger, 0x1111_0000_0000_0000)
		photo(stranger, 0x1112_2223_3334_4445) // close, but no band equal
		addDoc(t, st, newDoc(stranger, kycd.KindSelfie, 0))
		got := docIDs(st.FindSimilarPhotos(bg, h, mine.ID))
		want := []string{same.ID, oneBand.ID, topBand.ID}
		slices.Sort(got)
		slices.Sort(want)
		if !cmp.Equal(got, want) {
			t.Errorf("FindSimilarPhotos = %v, want %v", got, want)
		}
	})
}

// newUpload returns an upload of app receiving size bytes.
func newUpload(app *kycd.Application, size int64, created time.Time) *kycd.Upload {
	return &kycd.Upload{ID: kycd.NewID(), AccountID: app.AccountID, ApplicationID: app.ID, Kind: kycd.KindIDFront,
		Size: size, State: kycd.UploadReceiving, CreatedAt: created}
}

func addUpload(t testing.TB, st kycd.Store, u *kycd.Upload) *kycd.Upload {
	t.Helper()
	must(t, st.CreateUpload(bg, u))
	return u
}

func findUpload(t testing.TB, st kycd.Store, id string) *kycd.Upload {
	t.Helper()
	u, err := st.FindUpload(bg, id)
	must(t, err)
	return u
}

func testUploads(t *testing.T, st kycd.Store) {
	acct := addAccount(t, st, "upload")
	app := addApp(t, st, acct, 2, kycd.StateDraft)

	t.Run("every field round-trips", func(t *testing.T) {
		u := newUpload(app, 10, t0)
		u.Filename, u.DeclaredSHA256, u.Offset = FixtureFile, "declared", 0
		addUpload(t, st, u)
		if diff := cmp.Diff(u, findUpload(t, st, u.ID)); diff != "" {
			t.Errorf("FindUpload (-want +got):\n%s", diff)
		}
		wantCode(t, "CreateUpload with a taken id", st.CreateUpload(bg, u), kycd.ECONFLICT)
		_, err := st.FindUpload(bg, "nope")
		wantCode(t, "FindUpload of a missing upload", err, kycd.ENOTFOUND)
	})

	t.Run("segments append only at the current offset", func(t *testing.T) {
		u := addUpload(t, st, newUpload(app, 10, t0))
		other := addUpload(t, st, newUpload(app, 10, t0))
		seg := func(off, n int64) kycd.Segment {
			return kycd.Segment{UploadID: u.ID, Offset: off, Length: n, BlobKey: "seg/" + u.ID + "/" + kycd.NewID()}
		}
		s0, s4 := seg(0, 4), seg(4, 6)
		appendSeg := func(tx kycd.Tx, s kycd.Segment) bool {
			t.Helper()
			ok, err := tx.AppendSegment(bg, s)
			must(t, err)
			return ok
		}
		if !appendSeg(st, s0) {
			t.Fatal("AppendSegment at offset 0 of a new upload refused")
		}
		if appendSeg(st, seg(0, 4)) {
			t.Error("AppendSegment at an old offset accepted")
		}
		if appendSeg(st, seg(5, 5)) {
			t.Error("AppendSegment past the offset accepted")
		}
		// Inside a transaction as well as on its own.
		mustTx(t, st, func(tx kycd.Tx) error {
			if !appendSeg(tx, s4) {
				t.Error("AppendSegment at the offset, in a transaction, refused")
			}
			return nil
		})
		// A rolled-back append moves nothing.
		st.WithTx(bg, func(tx kycd.Tx) error {
			appendSeg(tx, kycd.Segment{UploadID: other.ID, Offset: 0, Length: 3, BlobKey: "seg/rolled-back"})
			return errors.New("roll back")
		})
		if got := findUpload(t, st, u.ID).Offset; got != 10 {
			t.Errorf("offset after two segments %d, want 10", got)
		}
		if got := findUpload(t, st, other.ID).Offset; got != 0 {
			t.Errorf("offset after a rolled-back append %d, want 0", got)
		}
		segs, err := st.FindSegments(bg, u.ID)
		must(t, err)
		if diff := cmp.Diff([]kycd.Segment{s0, s4}, segs); diff != "" {
			t.Errorf("FindSegments (-want +got):\n%s", diff)
		}
		if segs, err := st.FindSegments(bg, other.ID); err != nil || len(segs) != 0 {
			t.Errorf("FindSegments of an upload without any = %v, %v", segs, err)
		}
		must(t, st.DeleteSegments(bg, u.ID))
		if segs, err := st.FindSegments(bg, u.ID); err != nil || len(segs) != 0 {
			t.Errorf("FindSegments after DeleteSegments = %v, %v", segs, err)
		}
		if got := findUpload(t, st, u.ID); got.Offset != 10 {
			t.Errorf("DeleteSegments changed the upload: offset %d", got.Offset)
		}
	})

	t.Run("the running checksum moves with the offset", func(t *testing.T) {
		u := addUpload(t, st, newUpload(app, 10, t0))
		seg := kycd.Segment{UploadID: u.ID, Offset: 0, Length: 4, BlobKey: "seg/" + u.ID + "/a", SumAfter: []byte("after 4")}
		if ok, err := st.AppendSegment(bg, seg); err != nil || !ok {
			t.Fatalf("AppendSegment = %v, %v", ok, err)
		}
		if got := findUpload(t, st, u.ID); got.Offset != 4 || string(got.SumState) != "after 4" {
			t.Errorf("after a segment: offset %d sum state %q, want 4 and the segment's", got.Offset, got.SumState)
		}
		// A refused append leaves it; one without a checksum clears it.
		stale := seg
		stale.SumAfter = []byte("stale")
		if ok, err := st.AppendSegment(bg, stale); err != nil || ok {
			t.Fatalf("AppendSegment at an old offset = %v, %v", ok, err)
		}
		if got := findUpload(t, st, u.ID); string(got.SumState) != "after 4" {
			t.Errorf("a refused append changed the sum state to %q", got.SumState)
		}
		unknown := kycd.Segment{UploadID: u.ID, Offset: 4, Length: 6, BlobKey: "seg/" + u.ID + "/b"}
		if ok, err := st.AppendSegment(bg, unknown); err != nil || !ok {
			t.Fatalf("AppendSegment = %v, %v", ok, err)
		}
		if got := findUpload(t, st, u.ID); got.SumState != nil {
			t.Errorf("after a segment without a checksum: %q, want none", got.SumState)
		}
		// Finishing forgets it.
		v := addUpload(t, st, newUpload(app, 4, t0))
		if ok, err := st.AppendSegment(bg, kycd.Segment{UploadID: v.ID, Length: 4, BlobKey: "seg/" + v.ID + "/a", SumAfter: []byte("all")}); err != nil || !ok {
			t.Fatalf("AppendSegment = %v, %v", ok, err)
		}
		done := *findUpload(t, st, v.ID)
		done.SHA256, done.State, done.FinishedAt = "sum", kycd.UploadFinished, ptr(t0)
		if ok, err := st.CompleteUpload(bg, &done); err != nil || !ok {
			t.Fatalf("CompleteUpload = %v, %v", ok, err)
		}
		if got := findUpload(t, st, v.ID); got.SumState != nil || got.SHA256 != "sum" {
			t.Errorf("after CompleteUpload: sum state %q sha256 %q, want none and the sum", got.SumState, got.SHA256)
		}
	})

	t.Run("complete and attach only from the state before", func(t *testing.T) {
		u := addUpload(t, st, newUpload(app, 4, t0))
		done := *u
		done.SHA256, done.State, done.FinishedAt = "sum", kycd.UploadFinished, ptr(t0.Add(time.Minute))
		complete := func() bool {
			t.Helper()
			ok, err := st.CompleteUpload(bg, &done)
			must(t, err)
			return ok
		}
		attach := func() bool {
			t.Helper()
			ok, err := st.AttachUpload(bg, u.ID)
			must(t, err)
			return ok
		}
		if complete() {
			t.Error("CompleteUpload with bytes missing succeeded")
		}
		if attach() {
			t.Error("AttachUpload of a receiving upload succeeded")
		}
		if ok, _ := st.AppendSegment(bg, kycd.Segment{UploadID: u.ID, Offset: 0, Length: 4, BlobKey: "seg/" + u.ID}); !ok {
			t.Fatal("AppendSegment refused")
		}
		if !complete() {
			t.Fatal("CompleteUpload with every byte in refused")
		}
		want := done
		want.Offset = 4
		if diff := cmp.Diff(&want, findUpload(t, st, u.ID)); diff != "" {
			t.Errorf("after CompleteUpload (-want +got):\n%s", diff)
		}
		if complete() {
			t.Error("a second CompleteUpload succeeded")
		}
		if ok, _ := st.AppendSegment(bg, kycd.Segment{UploadID: u.ID, Offset: 4, Length: 1, BlobKey: "seg/late"}); ok {
			t.Error("AppendSegment to a finished upload succeeded")
		}
		if !attach() {
			t.Fatal("AttachUpload of a finished upload refused")
		}
		if attach() {
			t.Error("a second AttachUpload succeeded")
		}
		// Finishing again after a crash must not undo the attachment.
		if complete() {
			t.Error("CompleteUpload of an attached upload succeeded")
		}
		if got := findUpload(t, st, u.ID).State; got != kycd.UploadAttached {
			t.Errorf("state %s, want attached", got)
		}
		if ok, err := st.AttachUpload(bg, "nope"); ok || err != nil {
			t.Errorf("AttachUpload of a missing upload = %v, %v; want false", ok, err)
		}
	})

	t.Run("pending uploads count receiving and finished ones", func(t *testing.T) {
		who := addAccount(t, st, "upload.pending")
		a := addApp(t, st, who, 2, kycd.StateDraft)
		for size, state := range map[int64]kycd.UploadState{10: kycd.UploadReceiving, 20: kycd.UploadFinished,
			40: kycd.UploadAttached, 80: kycd.UploadFailed} {
			u := newUpload(a, size, t0)
			u.State = state
			addUpload(t, st, u)
		}
		addUpload(t, st, newUpload(app, 160, t0)) // another account's
		n, bytes, err := st.PendingUploads(bg, who.ID)
		if err != nil || n != 2 || bytes != 30 {
			t.Errorf("PendingUploads = %d, %d, %v; want 2, 30", n, bytes, err)
		}
		// Inside a transaction too, where an engine may lock the account.
		mustTx(t, st, func(tx kycd.Tx) error {
			n, bytes, err := tx.PendingUploads(bg, who.ID)
			if err != nil || n != 2 || bytes != 30 {
				t.Errorf("PendingUploads in a transaction = %d, %d, %v; want 2, 30", n, bytes, err)
			}
			return nil
		})
		// An account without uploads, and an id without an account, have
		// none, alone and in a transaction alike on every engine.
		fresh := addAccount(t, st, "upload.none")
		for name, tx := range map[string]func(func(kycd.Tx) error) error{
			"alone":            func(fn func(kycd.Tx) error) error { return fn(st) },
			"in a transaction": func(fn func(kycd.Tx) error) error { return st.WithTx(bg, fn) },
		} {
			for _, id := range []string{fresh.ID, "nobody"} {
				err := tx(func(tx kycd.Tx) error {
					n, bytes, err := tx.PendingUploads(bg, id)
					if err == nil && (n != 0 || bytes != 0) {
						t.Errorf("PendingUploads(%s), %s = %d, %d; want 0, 0", id, name, n, bytes)
					}
					return err
				})
				if err != nil {
					t.Errorf("PendingUploads(%s), %s: %v", id, name, err)
				}
			}
		}
	})

	t.Run("stale uploads, oldest first", func(t *testing.T) {
		// Long before anything else in the shared store was created.
		old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
		mk := func(hours int, state kycd.UploadState) *kycd.Upload {
			u := newUpload(app, 1, old.Add(time.Duration(hours)*time.Hour))
			u.State = state
			return addUpload(t, st, u)
		}
		third := mk(3, kycd.UploadFailed)
		first := mk(1, kycd.UploadReceiving)
		mk(2, kycd.UploadAttached)
		second := mk(2, kycd.UploadFinished)
		mk(5, kycd.UploadReceiving) // at the cut-off: not before it
		ids := func(limit int) []string {
			us, err := st.FindStaleUploads(bg, old.Add(5*time.Hour), limit)
			must(t, err)
			out := []string{}
			for _, u := range us {
				out = append(out, u.ID)
			}
			return out
		}
		if got, want := ids(10), []string{first.ID, second.ID, third.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindStaleUploads = %v, want %v", got, want)
		}
		if got, want := ids(2), []string{first.ID, second.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindStaleUploads limit 2 = %v, want %v", got, want)
		}
	})

	t.Run("deleting an upload deletes its segments", func(t *testing.T) {
		u := addUpload(t, st, newUpload(app, 3, t0))
		key := "seg/" + u.ID + "/0"
		if ok, err := st.AppendSegment(bg, kycd.Segment{UploadID: u.ID, Offset: 0, Length: 3, BlobKey: key}); !ok || err != nil {
			t.Fatalf("AppendSegment = %v, %v", ok, err)
		}
		d := addDoc(t, st, newDoc(app, kycd.KindSelfie, 0))
		refs, err := st.BlobRefs(bg)
		must(t, err)
		if refs[key] != "upload:"+u.ID || refs[d.BlobKey] != "document:"+d.ID {
			t.Errorf("BlobRefs: %s -> %q, %s -> %q; want upload:%s, document:%s", key, refs[key], d.BlobKey, refs[d.BlobKey], u.ID, d.ID)
		}
		must(t, st.DeleteUpload(bg, u.ID))
		_, err = st.FindUpload(bg, u.ID)
		wantCode(t, "FindUpload after DeleteUpload", err, kycd.ENOTFOUND)
		if segs, err := st.FindSegments(bg, u.ID); err != nil || len(segs) != 0 {
			t.Errorf("segments after DeleteUpload: %v, %v", segs, err)
		}
		refs, err = st.BlobRefs(bg)
		must(t, err)
		if owner, ok := refs[key]; ok {
			t.Errorf("BlobRefs still names the deleted upload's segment (%s)", owner)
		}
		must(t, st.DeleteUpload(bg, u.ID)) // deleting again is no error
	})
}
