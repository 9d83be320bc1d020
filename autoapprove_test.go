package kycd_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/checks/ocr/synth"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// autoPolicy is the built-in policy with level 2 approved by the rules.
func autoPolicy(unread bool) func(*kycd.Options) {
	return func(o *kycd.Options) {
		p := kycd.DefaultPolicy()
		for i := range p.Levels {
			if p.Levels[i].Number == 2 {
				p.Levels[i].AutoApprove, p.Levels[i].AutoApproveUnread = true, unread
			}
		}
		o.Policy = &p
	}
}

// TestAutoApproveNeedsReading: the automatic rules approve a level without
// a person only when the identity document's photos were read and match
// the form (issue 11, item 6); an operator may waive the reading.
func TestAutoApproveNeedsReading(t *testing.T) {
	open := func(tb testing.TB) *sqlstore.DB { return storetest.OpenSQLite(tb, storetest.Keyring(tb)) }
	photos := filepath.Join("checks", "photo", "testdata")
	id := kycd.Identity{FullName: "林梅", DocumentType: "cn_rid", DocumentNumber: "11010519491231002X",
		BirthDate: "1949-12-31", Sex: "F", Nationality: "CHN"}

	// Reading is off: nothing says the card matches the form, so a person
	// looks, and the desk says why.
	e := newScreeningEnv(t, open, autoPolicy(false))
	_, v := storetest.Submit(t, e.svc, photos, "auto1@example.com", "+8613900000201", id)
	if v.State != kycd.StateInReview {
		t.Fatalf("unread documents: state %s, want in_review", v.State)
	}
	cv := caseOf(t, e, v.ID)
	if !slices.Contains(cv.Flags, "document.not_read") {
		t.Errorf("flags %v, want document.not_read", cv.Flags)
	}

	// The operator waived the reading: the same clean case is approved.
	e = newScreeningEnv(t, open, autoPolicy(true))
	_, v = storetest.Submit(t, e.svc, photos, "auto2@example.com", "+8613900000202", id)
	if v.State != kycd.StateApproved {
		t.Fatalf("reading waived: state %s, want approved", v.State)
	}

	// Reading on, and the card read matches the form: approved by the rules.
	engine, g := openEngine(t)
	card, truth, err := g.Card(21, ocr.IDFront, synth.Options{Width: 1632, Height: 1224})
	if err != nil {
		t.Fatal(err)
	}
	e = newScreeningEnv(t, open, autoPolicy(false), func(o *kycd.Options) {
		o.Reader = kycd.NewDocumentReader(engine, nil, 1)
	})
	t.Cleanup(e.svc.Reader.Wait) // openEngine closes the engine after it
	who, app := storetest.Apply(t, e.svc, "auto3@example.com", "+8613900000203")
	if _, err := e.svc.SaveIdentity(e.ctx, who, app.ID, kycd.Identity{FullName: truth.Name, DocumentType: "cn_rid",
		DocumentNumber: truth.Number, BirthDate: truth.BirthDate, Sex: truth.Sex, Nationality: "CHN"}); err != nil {
		t.Fatal(err)
	}
	if d := storetest.Attach(t, e.svc, who, app.ID, kycd.KindIDFront, "card.jpg", card); !d.Accepted {
		t.Fatalf("the generated card is refused: %v", d.Findings)
	}
	for kind, file := range map[string]string{kycd.KindIDBack: "card_back.jpg", kycd.KindSelfie: "selfie_good.jpg"} {
		data, err := os.ReadFile(filepath.Join(photos, file))
		if err != nil {
			t.Fatal(err)
		}
		storetest.Attach(t, e.svc, who, app.ID, kind, file, data)
	}
	e.svc.Reader.Wait()
	v, err = e.svc.Submit(e.ctx, who, app.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.State != kycd.StateApproved {
		t.Errorf("read and matching: state %s, want approved", v.State)
	}
}

func caseOf(t *testing.T, e *screeningEnv, appID string) *kycd.CaseView {
	t.Helper()
	cv, err := e.svc.Case(e.ctx, kycd.Principal{AccountID: "rev", Role: kycd.RoleReviewer}, appID)
	if err != nil {
		t.Fatal(err)
	}
	return cv
}

// TestAutoApproveWaitsForFaces: with face matching on, the automatic rules
// do not approve a case whose selfie and portrait were not compared yet
// when the applicant submitted (the comparison runs in the background and
// may land after the submission); the desk sees face.pending. Once the
// comparison of the same person has landed, the same kind of case is
// approved by the rules.
func TestAutoApproveWaitsForFaces(t *testing.T) {
	e, _ := faceEnv(t, autoPolicy(true))
	photos := filepath.Join("checks", "photo", "testdata")
	id := kycd.Identity{FullName: "林梅", DocumentType: "cn_rid", DocumentNumber: "11010519491231002X",
		BirthDate: "1949-12-31", Sex: "F", Nationality: "CHN"}

	release := kycd.HoldFaceWorkers(e.svc.Faces)
	_, v := storetest.Submit(t, e.svc, photos, "auto4@example.com", "+8613900000204", id)
	release()
	e.svc.Faces.Wait()
	if v.State != kycd.StateInReview {
		t.Fatalf("faces not compared at submission: state %s, want in_review", v.State)
	}
	if cv := caseOf(t, e, v.ID); !slices.Contains(cv.Flags, "face.pending") {
		t.Errorf("flags %v, want face.pending", cv.Flags)
	}

	// A fresh service: the same photos again would be flagged as duplicates.
	e, _ = faceEnv(t, autoPolicy(true))
	who, app := storetest.Apply(t, e.svc, "auto5@example.com", "+8613900000205")
	if _, err := e.svc.SaveIdentity(e.ctx, who, app.ID, id); err != nil {
		t.Fatal(err)
	}
	for kind, file := range map[string]string{kycd.KindIDFront: "card_good.jpg", kycd.KindIDBack: "card_back.jpg", kycd.KindSelfie: "selfie_good.jpg"} {
		storetest.Attach(t, e.svc, who, app.ID, kind, file, fixturePhoto(t, file))
	}
	e.svc.Faces.Wait()
	v, err := e.svc.Submit(e.ctx, who, app.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.State != kycd.StateApproved {
		t.Errorf("faces compared and matching: state %s, want approved (flags %v)", v.State, caseOf(t, e, v.ID).Flags)
	}
}
