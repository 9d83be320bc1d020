package web_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/ocr"
	ocrsynth "github.com/kycd/kycd/checks/ocr/synth"
	"github.com/kycd/kycd/reason"
)

// TestUploadRefusals: a file over the limit or of a type the card does not
// take is refused in the browser before a byte is sent; when the server
// refuses one (413) the card says the limit in words, never that the
// upload will resume; and the previous photo's findings go (issue 13,
// item 5).
func TestUploadRefusals(t *testing.T) {
	e, b := startApplication(t, "big@example.com", "+8613700000013")
	b.open(strings.TrimSuffix(b.eval(`location.pathname`), "/identity") + "/documents")
	b.wait("#doc-id_front")

	b.upload("#file-id_front", photos+"card_blurred.jpg")
	b.wait(`#doc-id_front [data-code="photo.blurry"]`)

	big := filepath.Join(t.TempDir(), "big.jpg")
	if err := os.WriteFile(big, make([]byte, kycd.MaxPhotoBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	limit := reason.Message("en", "document.too_large", "max_mb", strconv.Itoa(kycd.MaxPhotoBytes>>20))
	began := e.creations.Load()
	b.upload("#file-id_front", big)
	b.wait(`#doc-id_front [data-code="document.too_large"]`)
	b.wantText(`#doc-id_front [data-result]`, limit)
	if n := e.creations.Load() - began; n != 0 {
		t.Errorf("a file over the limit began %d uploads, want it refused in the browser", n)
	}
	if b.eval(`String(!!document.querySelector('#doc-id_front [data-code="photo.blurry"]'))`) != "false" {
		t.Error("the previous photo's finding is still shown beside the refused file")
	}

	text := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(text, []byte("not a photo"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.upload("#file-id_front", text)
	b.wait(`#doc-id_front [data-code="photo.unsupported_format"]`)
	if n := e.creations.Load() - began; n != 0 {
		t.Errorf("a text file began %d uploads, want it refused in the browser", n)
	}

	// A browser that lets the file through (an old page, a wrong limit)
	// meets the server's 413, which the card words the same way.
	b.eval(`(()=>{document.querySelector('#doc-id_front').dataset.maxBytes='0'; return ''})()`)
	b.upload("#file-id_front", big)
	b.wait(`#doc-id_front [data-code="document.too_large"]`)
	b.wantText(`#doc-id_front [data-result]`, limit)
	if n := e.creations.Load() - began; n != 1 {
		t.Errorf("%d uploads begun, want the one the server refused", n)
	}
	if got := b.eval(`document.querySelector('#doc-id_front').dataset.state`); got != "refused" {
		t.Errorf("card state %q after the server's 413, want refused (not a retry)", got)
	}
}

// TestReadingOnPhotoCard: the photo card says what was read from the
// card, arriving after the upload's answer, and asks about a number that
// differs from the typed one; the page drawn by the server says the same
// (issue 11, item 6).
func TestReadingOnPhotoCard(t *testing.T) {
	engine, err := ocr.Open(ocr.Config{Dir: ocr.Dir(), Threads: 2})
	g, gerr := ocrsynth.New()
	if err != nil || gerr != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("document reading must run in CI: %v %v", err, gerr)
		}
		t.Skip(err, gerr)
	}
	card, truth, err := g.Card(21, ocr.IDFront, ocrsynth.Options{Width: 1632, Height: 1224})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "card.jpg")
	if err := os.WriteFile(file, card, 0o600); err != nil {
		t.Fatal(err)
	}
	reader := kycd.NewDocumentReader(engine, nil, 1)
	t.Cleanup(func() { reader.Close() })
	_, b := startApplication(t, "read@example.com", "+8613700000021", func(o *kycd.Options) { o.Reader = reader })
	if truth.Number == goodID {
		t.Fatal("the generated card carries the typed number: nothing to find")
	}
	b.fill("#document_number", goodID)
	// Birth date and sex follow from the number once it is checked.
	b.waitEval(`document.querySelector('#birth_date').value`, "1949-12-31")
	b.set("#full_name", truth.Name)
	b.click(`#identity-form button[type=submit]`)
	b.waitEval(`(()=>document.querySelector('#doc-id_front') ? 'true' : document.body ? [...document.querySelectorAll('[data-code]')].map(x=>x.dataset.code+':'+x.textContent).join('|') : '')()`, "true")

	b.upload("#file-id_front", file)
	b.waitEval(`(()=>{const s=document.querySelector('#doc-id_front [data-read-state]'); return s ? s.dataset.readState : 'none'})()`, "done")
	check := func(when string) {
		t.Helper()
		if got := b.text(`#doc-id_front [data-read-field="document_number"]`); got != truth.Number {
			t.Errorf("%s: number read %q, want %q", when, got, truth.Number)
		}
		if got := b.text(`#doc-id_front [data-read-field="full_name"]`); got != truth.Name {
			t.Errorf("%s: name read %q, want %q", when, got, truth.Name)
		}
		msg := b.text(`#doc-id_front [data-code="document.number_mismatch"]`)
		if !strings.Contains(msg, truth.Number) || !strings.Contains(msg, goodID) {
			t.Errorf("%s: the mismatch %q does not show both numbers", when, msg)
		}
		if b.eval(`String(!!document.querySelector('#doc-id_front [data-code="name.mismatch_document"]'))`) != "false" {
			t.Errorf("%s: the name typed as printed is called different", when)
		}
	}
	check("after the upload")
	b.open(b.eval(`location.pathname`))
	b.wait(`#doc-id_front [data-read-state="done"]`)
	check("on the page drawn by the server")
}
