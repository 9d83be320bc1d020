package ocr_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"
	"time"

	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/checks/photo"
)

// turn rotates a JPEG by quarter turns clockwise, as a photo taken with the
// phone held sideways (or the card lying upside down) comes out.
func turn(t *testing.T, data []byte, quarters int) []byte {
	t.Helper()
	src, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for range quarters {
		b := src.Bounds()
		dst := image.NewRGBA(image.Rect(0, 0, b.Dy(), b.Dx()))
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				dst.Set(b.Dy()-1-(y-b.Min.Y), x-b.Min.X, src.At(x, y))
			}
		}
		src = dst
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadDocumentTurnsTheCardUpright: a card front photographed sideways
// or upside down is read along the outline the photo check found, turned
// upright, with the same fields as the card the right way up.
func TestReadDocumentTurnsTheCardUpright(t *testing.T) {
	r, g := reader(t)
	data, truth, err := g.Card(3, ocr.IDFront, small)
	if err != nil {
		t.Fatal(err)
	}
	for _, quarters := range []int{1, 2, 3} {
		turned := turn(t, data, quarters)
		res := photo.Check(turned, photo.Kind(ocr.IDFront), photo.DefaultConfig())
		outline, found := photo.OutlineOf(res.Metrics)
		if !found {
			t.Fatalf("%d quarter turns: the photo check found no document (%v)", quarters, res.Findings)
		}
		rd, err := ocr.ReadDocument(r, ocr.IDFront, turned, outline, found, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if rd.Fields[ocr.FDocumentNumber] != truth.Number || rd.Fields[ocr.FBirthDate] != truth.BirthDate || rd.Fields[ocr.FFullName] != truth.Name {
			t.Errorf("%d quarter turns: read %v, want %s %s %s", quarters, rd.Fields, truth.Number, truth.BirthDate, truth.Name)
		}
	}
}

// TestReadDocumentWithoutOutline: with no outline (a document the check
// did not find) the whole photo is read, as before.
func TestReadDocumentWithoutOutline(t *testing.T) {
	r, g := reader(t)
	data, truth, err := g.Card(5, ocr.IDFront, small)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := ocr.ReadDocument(r, ocr.IDFront, data, photo.Outline{}, false, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if rd.Fields[ocr.FDocumentNumber] != truth.Number {
		t.Errorf("read %v, want number %s", rd.Fields, truth.Number)
	}
	if _, err := ocr.ReadDocument(r, "selfie", data, photo.Outline{}, false, time.Now()); err == nil {
		t.Error("a selfie was read as a document")
	}
}
