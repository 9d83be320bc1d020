package kycd_test

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/checks/ocr/synth"
	"github.com/kycd/kycd/reason"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

var day = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

func codesOn(fs []reason.Finding, field string) []string {
	var out []string
	for _, f := range fs {
		if f.Field == field {
			out = append(out, f.Code)
		}
	}
	slices.Sort(out)
	return out
}

func TestCrossCheckCard(t *testing.T) {
	typed := kycd.Identity{FullName: "周杰", DocumentType: "cn_rid", DocumentNumber: "320102199001011234",
		BirthDate: "1990-01-01", Sex: "M"}
	read := ocr.Reading{Kind: ocr.IDFront, Fields: map[string]string{ocr.FDocumentNumber: "31010419900307123X",
		ocr.FFullName: "李晓明", ocr.FBirthDate: "1990-03-07", ocr.FSex: "M"}}
	fs := kycd.CrossCheckDocument(typed, kycd.KindIDFront, read, day)
	if got := codesOn(fs, "id_front"); !slices.Equal(got, []string{"dob.mismatch_document", "document.number_mismatch", "name.mismatch_document"}) {
		t.Errorf("on the photo: %v", got)
	}
	if got := codesOn(fs, "document_number"); !slices.Equal(got, []string{"document.number_mismatch"}) {
		t.Errorf("on the number: %v", got)
	}
	for _, f := range fs {
		if f.Code == "document.number_mismatch" {
			msg := f.Localize("en").Message
			if f.Params["read"] != "31010419900307123X" || f.Params["typed"] != "320102199001011234" ||
				!bytes.Contains([]byte(msg), []byte("31010419900307123X")) || !bytes.Contains([]byte(msg), []byte("which one is right?")) {
				t.Errorf("finding %+v: %q", f, msg)
			}
		}
		if f.Code == "name.mismatch_document" && f.Severity != reason.Warning {
			t.Errorf("a name misread must not block: %+v", f)
		}
	}

	// The same card, typed as printed: nothing to say.
	typed = kycd.Identity{FullName: "李 晓明", DocumentType: "cn_rid", DocumentNumber: "31010419900307123x", BirthDate: "1990-03-07", Sex: "M"}
	if fs := kycd.CrossCheckDocument(typed, kycd.KindIDFront, read, day); len(fs) != 0 {
		t.Errorf("matching card: %v", fs)
	}
}

// A number that fails its own checks is "could not read" (a warning on the
// photo), never a mismatch, whatever was typed.
func TestCrossCheckMisreadIsNotMismatch(t *testing.T) {
	typed := kycd.Identity{FullName: "李晓明", DocumentType: "cn_rid", DocumentNumber: "31010419900307123X", BirthDate: "1990-03-07"}
	lines := []ocr.Line{
		{Text: "出生1990年3月7日", Conf: 0.99, Box: [4][2]float64{{0, 0}, {400, 0}, {400, 40}, {0, 40}}},
		// a 1 read as 7: the check character no longer fits
		{Text: "公民身份号码31010419900307723X", Conf: 0.9, Box: [4][2]float64{{0, 100}, {400, 100}, {400, 140}, {0, 140}}},
	}
	rd := ocr.Extract(ocr.IDFront, lines, day)
	fs := kycd.CrossCheckDocument(typed, kycd.KindIDFront, rd, day)
	if len(fs) != 1 || fs[0].Code != "document.unreadable_field" || fs[0].Severity != reason.Warning || fs[0].Params["field"] != "document_number" {
		t.Errorf("%+v", fs)
	}
}

func TestCrossCheckPassportAndExpiry(t *testing.T) {
	typed := kycd.Identity{FullName: "刘涛", LatinName: "Liu Tao", DocumentType: "passport", DocumentNumber: "E62846816",
		BirthDate: "1997-07-12", Sex: "F"}
	read := ocr.Reading{Kind: ocr.Passport, Fields: map[string]string{ocr.FDocumentNumber: "E62846816", ocr.FFullName: "LIU TAO",
		ocr.FBirthDate: "1997-07-12", ocr.FSex: "F", ocr.FExpiryDate: "2026-07-12"}}
	fs := kycd.CrossCheckDocument(typed, kycd.KindPassport, read, day)
	if got := codesOn(fs, "passport"); !slices.Equal(got, []string{"document.expired"}) {
		t.Errorf("%v", fs)
	}
	// A card's reading says nothing about a passport the applicant typed.
	if fs := kycd.CrossCheckDocument(typed, kycd.KindIDFront, ocr.Reading{Fields: map[string]string{ocr.FDocumentNumber: "31010419900307123X"}}, day); len(fs) != 0 {
		t.Errorf("across types: %v", fs)
	}
}

// TestAttachReadsAndCrossChecks uploads a generated card whose printed
// number and name differ from what was typed: the upload's answer comes
// back with the reading pending; once it lands, the application shows the
// values read, and precheck asks which number is right. A second
// application typed as printed gets no cross-check finding.
func TestAttachReadsAndCrossChecks(t *testing.T) {
	engine, g := openEngine(t)
	photo, truth, err := g.Card(21, ocr.IDFront, synth.Options{Width: 1632, Height: 1224})
	if err != nil {
		t.Fatal(err)
	}
	open := func(tb testing.TB) *sqlstore.DB { return storetest.OpenSQLite(tb, storetest.Keyring(tb)) }
	reader := kycd.NewDocumentReader(engine, nil, 1)
	t.Cleanup(reader.Wait) // openEngine closes the engine after it
	e := newScreeningEnv(t, open, func(o *kycd.Options) { o.Reader = reader })

	attach := func(email, phone string, id kycd.Identity) (kycd.Principal, string, *kycd.DocumentView) {
		who, app := storetest.Apply(t, e.svc, email, phone)
		if _, err := e.svc.SaveIdentity(e.ctx, who, app.ID, id); err != nil {
			t.Fatal(err)
		}
		d := storetest.Attach(t, e.svc, who, app.ID, kycd.KindIDFront, "card.jpg", photo)
		return who, app.ID, d
	}

	who, appID, d := attach("ocr1@example.com", "+8613900000101", kycd.Identity{FullName: "周杰", DocumentType: "cn_rid",
		DocumentNumber: "11010119900307002X", BirthDate: "1990-03-07", Sex: "F", Nationality: "CHN"})
	if d.Read == nil || d.Read.State != kycd.ReadPending {
		t.Fatalf("attach answer: read %+v, want pending", d.Read)
	}
	e.svc.Reader.Wait()
	v, err := e.svc.GetApplication(e.ctx, who, appID)
	if err != nil {
		t.Fatal(err)
	}
	r := v.Documents[0].Read
	if r == nil || r.State != kycd.ReadDone || r.Fields["document_number"] != truth.Number || r.Fields["full_name"] != truth.Name {
		t.Fatalf("read %+v, want %s %s", r, truth.Number, truth.Name)
	}
	_, fs, err := e.svc.Precheck(e.ctx, who, appID)
	if err != nil {
		t.Fatal(err)
	}
	var number *reason.Finding
	for i, f := range fs {
		if f.Code == "document.number_mismatch" && f.Field == "document_number" {
			number = &fs[i]
		}
	}
	if number == nil || number.Params["read"] != truth.Number || number.Params["typed"] != "11010119900307002X" {
		t.Errorf("precheck: %+v", fs)
	}
	if got := codesOn(fs, "id_front"); !slices.Contains(got, "name.mismatch_document") || !slices.Contains(got, "document.number_mismatch") {
		t.Errorf("on the photo: %v", got)
	}

	who, appID, _ = attach("ocr2@example.com", "+8613900000102", kycd.Identity{FullName: truth.Name, DocumentType: "cn_rid",
		DocumentNumber: truth.Number, BirthDate: truth.BirthDate, Sex: truth.Sex, Nationality: "CHN"})
	e.svc.Reader.Wait()
	_, fs, err = e.svc.Precheck(e.ctx, who, appID)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		switch f.Code {
		case "document.number_mismatch", "name.mismatch_document", "dob.mismatch_document", "sex.mismatch_document", "document.unreadable_field":
			t.Errorf("matching card: %+v", f)
		}
	}
}

// openEngine returns the real engine and the generator; a missing engine
// skips on a developer's machine and fails in CI.
func openEngine(t *testing.T) (ocr.Reader, *synth.Generator) {
	t.Helper()
	engine, err := ocr.Open(ocr.Config{Dir: ocr.Dir(), Threads: 2})
	g, gerr := synth.New()
	if err != nil || gerr != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("document reading must run in CI: %v %v", err, gerr)
		}
		if errors.Is(err, ocr.ErrNotInstalled) || errors.Is(gerr, synth.ErrNoFonts) {
			t.Skip(err, gerr)
		}
		t.Fatal(err, gerr)
	}
	t.Cleanup(func() { engine.Close() })
	return engine, g
}

// TestReadPassportVIZCrossCheck reads generated passport pages: the name in
// the visual zone agrees with the MRZ and the form, so nothing is said; a
// page printing another surname than its MRZ is a warning for the desk on
// the photo, never a blocking finding; a Chinese name typed differently
// from the page's is a warning on the name.
func TestReadPassportVIZCrossCheck(t *testing.T) {
	engine, g := openEngine(t)
	o := synth.Options{Width: 2048, Height: 1536}
	photo, truth, err := g.Passport(5, o)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := ocr.Read(engine, ocr.Passport, photo, day)
	if err != nil {
		t.Fatal(err)
	}
	typed := kycd.Identity{FullName: truth.Native, LatinName: truth.Name, DocumentType: "passport", DocumentNumber: truth.Number,
		BirthDate: truth.BirthDate, Sex: truth.Sex, ExpiryDate: truth.Expiry}
	if fs := kycd.CrossCheckDocument(typed, kycd.KindPassport, rd, day); len(fs) != 0 {
		t.Errorf("matching page: %v (read %v, unverified %v)", fs, rd.Fields, rd.Unverified)
	}
	typed.FullName = "周杰"
	fs := kycd.CrossCheckDocument(typed, kycd.KindPassport, rd, day)
	if got := codesOn(fs, "full_name"); !slices.Equal(got, []string{"name.mismatch_document"}) || fs[0].Severity != reason.Warning || fs[0].Params["read"] != truth.Native {
		t.Errorf("Chinese name typed apart: %+v", fs)
	}
	typed.FullName = truth.Native

	o.VIZSurname = "ZHANG"
	photo, _, err = g.Passport(5, o)
	if err != nil {
		t.Fatal(err)
	}
	if rd, err = ocr.Read(engine, ocr.Passport, photo, day); err != nil {
		t.Fatal(err)
	}
	fs = kycd.CrossCheckDocument(typed, kycd.KindPassport, rd, day)
	if len(fs) != 1 || fs[0].Code != "name.viz_mismatch_mrz" || fs[0].Severity != reason.Warning || fs[0].Field != "passport" ||
		fs[0].Params["viz"] != "ZHANG "+truth.Given || fs[0].Params["mrz"] != truth.Name {
		t.Errorf("page disagreeing with its MRZ: %+v", fs)
	}
}

// TestReadHKCardCrossCheck reads a generated Hong Kong card: typed as
// printed, nothing is said; another number typed is asked about with both
// values; the same card with its check character misread is "could not
// read", never a mismatch; a form typed for the resident card is not
// compared with it at all.
func TestReadHKCardCrossCheck(t *testing.T) {
	engine, g := openEngine(t)
	photo, truth, err := g.Front(1, synth.HKID, synth.Options{Width: 1632, Height: 1224})
	if err != nil {
		t.Fatal(err)
	}
	rd, err := ocr.Read(engine, ocr.IDFront, photo, day)
	if err != nil {
		t.Fatal(err)
	}
	printed := truth.Number[:len(truth.Number)-1] + "(" + truth.Number[len(truth.Number)-1:] + ")"
	typed := kycd.Identity{FullName: truth.Name, DocumentType: "hk_id", DocumentNumber: printed,
		BirthDate: truth.BirthDate, Sex: truth.Sex}
	typed.LatinName = truth.Latin
	if fs := kycd.CrossCheckDocument(typed, kycd.KindIDFront, rd, day); len(fs) != 0 {
		t.Errorf("matching card: %v (read %v, unverified %v)", fs, rd.Fields, rd.Unverified)
	}
	typed.DocumentNumber = "A123456(3)"
	typed.LatinName = "CHAN TAI MAN"
	fs := kycd.CrossCheckDocument(typed, kycd.KindIDFront, rd, day)
	if got := codesOn(fs, "id_front"); !slices.Equal(got, []string{"document.number_mismatch", "name.mismatch_document"}) {
		t.Errorf("on the photo: %v", fs)
	}
	for _, f := range fs {
		if f.Code == "document.number_mismatch" {
			msg := f.Localize("en").Message
			if f.Params["read"] != truth.Number || !bytes.Contains([]byte(msg), []byte("which one is right?")) {
				t.Errorf("%+v: %q", f, msg)
			}
		}
		if f.Code == "name.mismatch_document" && (f.Severity != reason.Warning || f.Params["read"] != truth.Latin) {
			t.Errorf("Latin name: %+v", f)
		}
	}

	// The check character read wrong: the number fails its check.
	bad := rd
	bad.Fields = map[string]string{ocr.FBirthDate: truth.BirthDate}
	bad.Unverified = map[string]string{ocr.FDocumentNumber: truth.Number[:len(truth.Number)-1] + "Z"}
	fs = kycd.CrossCheckDocument(typed, kycd.KindIDFront, bad, day)
	if len(fs) != 1 || fs[0].Code != "document.unreadable_field" || fs[0].Params["field"] != "document_number" {
		t.Errorf("misread number: %+v", fs)
	}

	// Typed as a resident card: the card's title says otherwise, which is
	// asked about; nothing else is compared across types.
	typed.DocumentType, typed.DocumentNumber = "cn_rid", "31010419900307123X"
	fs = kycd.CrossCheckDocument(typed, kycd.KindIDFront, rd, day)
	if got := codesOn(fs, "document_type"); !slices.Equal(got, []string{"document.type_mismatch_document"}) || len(fs) != 2 {
		t.Fatalf("across types: %v", fs)
	}
	if msg := fs[0].Localize("en").Message; fs[0].Severity != reason.Warning || !strings.Contains(msg, "Hong Kong identity card") || !strings.Contains(msg, "which one is right?") {
		t.Errorf("across types: %+v %q", fs[0], msg)
	}
	// A reading whose title was not read claims no type.
	rd.DocumentType = ""
	if fs := kycd.CrossCheckDocument(typed, kycd.KindIDFront, rd, day); slices.ContainsFunc(fs, func(f reason.Finding) bool { return f.Code == "document.type_mismatch_document" }) {
		t.Errorf("no title, yet a type claimed: %v", fs)
	}
}

// A name typed in traditional characters and read in simplified ones (the
// recogniser's habit: 黃 as 黄) is the same name.
func TestCrossCheckNameScripts(t *testing.T) {
	typed := kycd.Identity{FullName: "黃志強", DocumentType: "hk_id"}
	read := ocr.Reading{Kind: ocr.IDFront, DocumentType: "hk_id", Fields: map[string]string{ocr.FFullName: "黄志强"}}
	if fs := kycd.CrossCheckDocument(typed, kycd.KindIDFront, read, day); len(fs) != 0 {
		t.Errorf("same name in two scripts: %v", fs)
	}
	read.Fields[ocr.FFullName] = "黄志明"
	if fs := kycd.CrossCheckDocument(typed, kycd.KindIDFront, read, day); len(codesOn(fs, "full_name")) != 1 {
		t.Errorf("another name: %v", fs)
	}
}
