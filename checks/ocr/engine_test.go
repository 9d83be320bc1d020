package ocr_test

import (
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/checks/ocr/synth"
)

// The engine is shared by the tests: loading the models takes a second.
var (
	engineOnce sync.Once
	engine     ocr.Reader
	engineErr  error
	gen        *synth.Generator
	genErr     error
)

// reader returns the real engine. Without it the test is skipped on a
// developer's machine, but fails when CI is set: .ci/run installs it.
func reader(t *testing.T) (ocr.Reader, *synth.Generator) {
	t.Helper()
	engineOnce.Do(func() {
		engine, engineErr = ocr.Open(ocr.Config{Dir: ocr.Dir(), Threads: 2})
		gen, genErr = synth.New()
	})
	for _, err := range []error{engineErr, genErr} {
		if err == nil {
			continue
		}
		if os.Getenv("CI") != "" {
			t.Fatalf("document reading must run in CI: %v", err)
		}
		if errors.Is(err, ocr.ErrNotInstalled) || errors.Is(err, synth.ErrNoFonts) {
			t.Skipf("not installed here: %v", err)
		}
		t.Fatal(err)
	}
	return engine, gen
}

// Photos at 2 MP keep the suite quick; bench/ocr reads 3 and 12 MP ones.
var small = synth.Options{Width: 1632, Height: 1224}

func TestReadIDFront(t *testing.T) {
	r, g := reader(t)
	for _, c := range []struct {
		seed uint64
		hard bool
	}{{1, false}, {7, true}} {
		o := small
		o.Hard = c.hard
		photo, truth, err := g.Card(c.seed, ocr.IDFront, o)
		if err != nil {
			t.Fatal(err)
		}
		rd, err := ocr.Read(r, ocr.IDFront, photo, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			ocr.FDocumentNumber: truth.Number, ocr.FFullName: truth.Name, ocr.FSex: truth.Sex,
			ocr.FBirthDate: truth.BirthDate, ocr.FEthnicity: truth.Ethnicity, ocr.FAddress: truth.Address,
		}
		for f, v := range want {
			if rd.Fields[f] != v {
				t.Errorf("seed %d: %s = %q, want %q (unverified %q)", c.seed, f, rd.Fields[f], v, rd.Unverified[f])
			}
			if p := rd.Confidence[f]; p < 0.5 || p > 1 {
				t.Errorf("seed %d: confidence of %s = %v", c.seed, f, p)
			}
		}
	}
}

func TestReadIDBack(t *testing.T) {
	r, g := reader(t)
	photo, truth, err := g.Card(3, ocr.IDBack, small)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := ocr.Read(r, ocr.IDBack, photo, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if rd.Fields[ocr.FIssuingAuthority] != truth.Authority || rd.Fields[ocr.FValidFrom] != truth.ValidFrom || rd.Fields[ocr.FExpiryDate] != truth.Expiry {
		t.Errorf("read %v, want %s %s–%s", rd.Fields, truth.Authority, truth.ValidFrom, truth.Expiry)
	}
}

func TestReadPassport(t *testing.T) {
	r, g := reader(t)
	photo, truth, err := g.Passport(5, synth.Options{Width: 2048, Height: 1536})
	if err != nil {
		t.Fatal(err)
	}
	rd, err := ocr.Read(r, ocr.Passport, photo, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if rd.MRZ == nil || !rd.MRZ.Valid {
		t.Fatalf("MRZ not read: %+v", rd.MRZ)
	}
	for f, v := range map[string]string{ocr.FDocumentNumber: truth.Number, ocr.FSurname: truth.Surname,
		ocr.FGivenNames: truth.Given, ocr.FBirthDate: truth.BirthDate, ocr.FNationality: "CHN", ocr.FSex: truth.Sex,
		// the visual zone's name, read apart from the MRZ
		ocr.FLatinName: truth.Name, ocr.FNativeName: truth.Native} {
		if rd.Fields[f] != v {
			t.Errorf("%s = %q, want %q", f, rd.Fields[f], v)
		}
	}
}

func TestReadRejectsGarbage(t *testing.T) {
	r, _ := reader(t)
	if _, err := ocr.Read(r, ocr.IDFront, []byte("not a photo"), time.Now()); err == nil {
		t.Error("garbage accepted")
	}
	if _, err := ocr.Read(r, "selfie", nil, time.Now()); !errors.Is(err, ocr.ErrKind) {
		t.Errorf("selfie: %v", err)
	}
}

// TestReadOtherCards reads a generated front of each Hong Kong, Macau and
// Taiwan card and travel permit: the type is told from the card's title,
// and every field the layout prints comes out as printed.
func TestReadOtherCards(t *testing.T) {
	r, g := reader(t)
	for _, docType := range synth.Layouts {
		photo, truth, err := g.Front(1, docType, small)
		if err != nil {
			t.Fatal(err)
		}
		rd, err := ocr.Read(r, ocr.IDFront, photo, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if rd.DocumentType != docType {
			t.Errorf("%s: read as %q", docType, rd.DocumentType)
		}
		want := map[string]string{ocr.FDocumentNumber: truth.Number, ocr.FFullName: truth.Name,
			ocr.FBirthDate: truth.BirthDate, ocr.FSex: truth.Sex}
		if docType != synth.TWID { // the Taiwan card prints no Latin name
			want[ocr.FLatinName] = truth.Latin
		}
		switch docType {
		case synth.HKMOPermit, synth.TWPermit, synth.CNHKMOPermit, synth.MOID:
			want[ocr.FExpiryDate] = truth.Expiry
		}
		for f, v := range want {
			if rd.Fields[f] != v {
				t.Errorf("%s: %s = %q, want %q (unverified %q)", docType, f, rd.Fields[f], v, rd.Unverified[f])
			}
		}
	}
}
