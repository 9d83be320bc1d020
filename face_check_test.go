package kycd_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/facematch"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// faceEnv is a service with face matching on (the real network over the
// fetched weights): with CI set, missing weights fail the test.
func faceEnv(t *testing.T, opts ...func(*kycd.Options)) (*screeningEnv, string) {
	t.Helper()
	faces := storetest.FaceMatcher(t)
	open := func(tb testing.TB) *sqlstore.DB { return storetest.OpenSQLite(tb, storetest.Keyring(tb)) }
	opts = append(opts, func(o *kycd.Options) { o.Faces = faces })
	e := newScreeningEnv(t, open, opts...)
	return e, facematch.Dir()
}

// cropJPEG cuts r out of the JPEG at path and encodes it again.
func cropJPEG(t *testing.T, path string, r image.Rectangle) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := jpeg.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	sub, ok := m.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok {
		t.Fatalf("%s: %T cannot be cropped", path, m)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, sub.SubImage(r), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func fixturePhoto(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("checks", "photo", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFaceMatchOnTheDesk: the card front and the selfie of one person are
// compared in the background after the attach; the reviewer's case shows
// both crops and the distance with no finding. A selfie of someone else
// gives the reviewer a face.mismatch warning with the distance, and the
// applicant sees none of it.
func TestFaceMatchOnTheDesk(t *testing.T) {
	e, dir := faceEnv(t)
	rev := kycd.Principal{AccountID: "rev", Role: kycd.RoleReviewer}
	id := kycd.Identity{FullName: "李晓明", DocumentType: "cn_rid", DocumentNumber: "11010119900307002X",
		BirthDate: "1990-03-07", Sex: "F", Nationality: "CHN"}

	_, app := storetest.Submit(t, e.svc, filepath.Join("checks", "photo", "testdata"), "face1@example.com", "+8613900000201", id)
	e.svc.Faces.Wait()
	cv, err := e.svc.Case(e.ctx, rev, app.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cv.Face == nil || !cv.Face.Compared || !cv.Face.Match || cv.Face.Distance >= facematch.Threshold ||
		len(cv.Face.SelfieChip) == 0 || len(cv.Face.DocumentChip) == 0 || cv.Face.Kind != kycd.KindIDFront {
		t.Fatalf("same person: face %+v", cv.Face)
	}
	t.Logf("same person: distance %.3f", cv.Face.Distance)
	for _, f := range cv.Findings {
		if strings.HasPrefix(f.Code, "face.") {
			t.Errorf("same person: finding %+v", f)
		}
	}
	if slices.Contains(cv.Flags, "face.mismatch") {
		t.Errorf("same person flagged: %v", cv.Flags)
	}

	// Someone else's selfie, attached after the card: the woman on the
	// left of face-api's group photo, cut out as a selfie (the whole
	// photo has three people, two with their heads tilted, and is
	// refused with photo.multiple_faces).
	other := cropJPEG(t, filepath.Join(dir, "samples", "sample1.jpg"), image.Rect(200, 60, 830, 900))
	who, draft := storetest.Apply(t, e.svc, "face2@example.com", "+8613900000202")
	if _, err := e.svc.SaveIdentity(e.ctx, who, draft.ID, id); err != nil {
		t.Fatal(err)
	}
	storetest.Attach(t, e.svc, who, draft.ID, kycd.KindIDFront, "card.jpg", fixturePhoto(t, "card_good.jpg"))
	storetest.Attach(t, e.svc, who, draft.ID, kycd.KindIDBack, "back.jpg", fixturePhoto(t, "card_back.jpg"))
	if d := storetest.Attach(t, e.svc, who, draft.ID, kycd.KindSelfie, "selfie.jpg", other); !d.Accepted {
		t.Fatalf("selfie refused: %v", d.Findings)
	}
	e.svc.Faces.Wait()
	// The applicant's own view carries nothing of the comparison.
	v, err := e.svc.GetApplication(e.ctx, who, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(v)
	for _, s := range []string{`"face"`, `"face_match"`, `"selfie_chip"`, `face.`} {
		if strings.Contains(string(raw), s) {
			t.Errorf("the applicant's view mentions %q: %s", s, raw)
		}
	}
	if _, err := e.svc.Submit(e.ctx, who, draft.ID); err != nil {
		t.Fatal(err)
	}
	cv, err = e.svc.Case(e.ctx, rev, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cv.Face == nil || !cv.Face.Compared || cv.Face.Match {
		t.Fatalf("different people: face %+v", cv.Face)
	}
	var found bool
	for _, f := range cv.Findings {
		if f.Code == "face.mismatch" {
			found = true
			if f.Severity != "warning" || f.Params["distance"] == "" || f.Params["threshold"] != "0.60" {
				t.Errorf("finding %+v", f)
			}
			t.Logf("different people: %s", f.Localize("en").Message)
		}
	}
	if !found {
		t.Errorf("no face.mismatch among %+v", cv.Findings)
	}
	if !slices.Contains(cv.Flags, "face.mismatch") {
		t.Errorf("flags %v: the mismatch did not route the case to review", cv.Flags)
	}
}

// TestFaceNotFound: a selfie with no face is compared with nothing; the
// comparison records which photo had none. Replacing the selfie replaces
// the comparison.
func TestFaceNotFound(t *testing.T) {
	e, _ := faceEnv(t)
	who, app := storetest.Apply(t, e.svc, "face3@example.com", "+8613900000203")
	storetest.Attach(t, e.svc, who, app.ID, kycd.KindIDFront, "card.jpg", fixturePhoto(t, "card_good.jpg"))
	storetest.Attach(t, e.svc, who, app.ID, kycd.KindSelfie, "selfie.jpg", fixturePhoto(t, "selfie_no_face.jpg"))
	e.svc.Faces.Wait()
	a, err := e.svc.Store.FindApplicationByID(e.ctx, app.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m := a.FaceMatch; m == nil || len(m.Missing) != 1 || m.Missing[0] != kycd.KindSelfie || m.SelfieChip != nil || m.DocumentChip == nil {
		t.Fatalf("no-face selfie: %+v", a.FaceMatch)
	}
	storetest.Attach(t, e.svc, who, app.ID, kycd.KindSelfie, "selfie.jpg", fixturePhoto(t, "selfie_good.jpg"))
	e.svc.Faces.Wait()
	if a, err = e.svc.Store.FindApplicationByID(e.ctx, app.ID); err != nil {
		t.Fatal(err)
	}
	if m := a.FaceMatch; m == nil || len(m.Missing) != 0 || m.Distance >= facematch.Threshold {
		t.Fatalf("after the new selfie: %+v", a.FaceMatch)
	}
}

// TestRetentionErasesFaceCrops: the face comparison's crops are cut from
// the photos and are biometric data, so the documents class's erasure
// takes them with the photos (docs/privacy.md), not later.
func TestRetentionErasesFaceCrops(t *testing.T) {
	faces := storetest.FaceMatcher(t)
	// Photos kept a year after closure, the identity longer: so that the
	// identity's erasure (which destroys the data key) cannot be what
	// takes the crops.
	policy := kycd.DefaultPolicy()
	rule := policy.Retention[kycd.ClassDocuments]
	rule.Keep = kycd.Period{Years: 1}
	policy.Retention[kycd.ClassDocuments] = rule
	e := newLifeEnv(t, storetest.OpenSQLite(t, storetest.Keyring(t)), kycd.Options{Faces: faces, Policy: &policy})
	who := e.account()
	id := e.approved(who)
	e.svc.Faces.Wait()
	app, err := e.st.FindApplicationByID(e.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if app.FaceMatch == nil || len(app.FaceMatch.SelfieChip) == 0 || len(app.FaceMatch.DocumentChip) == 0 {
		t.Fatalf("no crops to erase: %v", app.FaceMatch != nil)
	}
	if _, err := e.svc.CloseAccount(e.ctx, who, lifePassword); err != nil {
		t.Fatal(err)
	}
	e.now = rule.Keep.After(e.now).Add(-24 * time.Hour)
	e.run()
	if app, err = e.st.FindApplicationByID(e.ctx, id); err != nil || app.FaceMatch == nil {
		t.Fatalf("the crops went before the documents' period ended (%v)", err)
	}
	e.now = e.now.Add(48 * time.Hour)
	if res := e.run(); res.Erased[kycd.ClassDocuments] != 1 {
		t.Fatalf("documents erased = %d, want 1", res.Erased[kycd.ClassDocuments])
	}
	if app, err = e.st.FindApplicationByID(e.ctx, id); err != nil || app.Identity.FullName == "" {
		t.Fatalf("the identity went with the documents (%v)", err)
	}
	if app.FaceMatch != nil {
		t.Errorf("face crops left after the documents were erased: %d and %d bytes", len(app.FaceMatch.SelfieChip), len(app.FaceMatch.DocumentChip))
	}
}
