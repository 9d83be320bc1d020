package kycd_test

import (
	"bytes"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/photo"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestDocumentDisplayHEIC: a HEIC photo, which browsers cannot show, is
// displayed as a JPEG rendition; its original stays as it was (issue 13,
// item 7: broken thumbnails).
func TestDocumentDisplayHEIC(t *testing.T) {
	e := newScreeningEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) })
	who, app := storetest.Apply(t, e.svc, "heic@example.com", "+8613900000051")
	data, err := os.ReadFile(filepath.Join("checks", "photo", "testdata", "card_good.heic"))
	if err != nil {
		t.Fatal(err)
	}
	d := storetest.Attach(t, e.svc, who, app.ID, kycd.KindIDFront, "card.heic", data)
	rc, doc, err := e.svc.DocumentDisplay(e.ctx, who, d.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	shown, _ := io.ReadAll(rc)
	rc.Close()
	if doc.ContentType != "image/jpeg" || int64(len(shown)) != doc.Size {
		t.Errorf("display: %s of %d bytes (read %d), want image/jpeg", doc.ContentType, doc.Size, len(shown))
	}
	if _, err := jpeg.Decode(bytes.NewReader(shown)); err != nil {
		t.Errorf("the rendition is no JPEG: %v", err)
	}
	rc, _, err = e.svc.DocumentContent(e.ctx, who, d.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(orig, data) {
		t.Error("the stored original changed")
	}
}

// TestDocumentCard: an ID photo's view carries the outline the photo check
// found, in the upright photo's pixels, and DocumentCard cuts the card out
// along it, upright and in its own proportions, for its owner and staff
// only; a selfie has neither (issue 10, item 5).
func TestDocumentCard(t *testing.T) {
	e := newScreeningEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) })
	who, app := storetest.Apply(t, e.svc, "card@example.com", "+8613900000052")
	// Stored sideways with an EXIF orientation: the outline and the card
	// must both be in the upright photo's frame.
	data, err := os.ReadFile(filepath.Join("checks", "photo", "testdata", "card_exif_rotated.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	d := storetest.Attach(t, e.svc, who, app.ID, kycd.KindIDFront, "card.jpg", data)
	if d.Outline == nil {
		t.Fatalf("no outline on an accepted card photo; metrics %v", d.Metrics)
	}
	_, w, h, err := photo.DecodeRGB(data, photo.DefaultConfig().MaxPixels)
	if err != nil {
		t.Fatal(err)
	}
	if d.Outline.Width != w || d.Outline.Height != h {
		t.Errorf("outline measured on %d×%d, the upright photo is %d×%d", d.Outline.Width, d.Outline.Height, w, h)
	}
	rc, doc, err := e.svc.DocumentCard(e.ctx, who, d.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	cut, _ := io.ReadAll(rc)
	rc.Close()
	img, err := jpeg.Decode(bytes.NewReader(cut))
	if err != nil || doc.ContentType != "image/jpeg" {
		t.Fatalf("card: %s, %v", doc.ContentType, err)
	}
	b := img.Bounds()
	if aspect := float64(b.Dx()) / float64(b.Dy()); aspect < 1.45 || aspect > 1.72 {
		t.Errorf("card cut out at %d×%d: not an ID-1 card lying upright (85.6 × 54 mm)", b.Dx(), b.Dy())
	}
	if max(b.Dx(), b.Dy()) > kycd.CardLongSide {
		t.Errorf("card %d×%d, over the %d px long side", b.Dx(), b.Dy(), kycd.CardLongSide)
	}

	other, _ := storetest.Apply(t, e.svc, "other@example.com", "+8613900000053")
	if _, _, err := e.svc.DocumentCard(e.ctx, other, d.DocumentID); kycd.ErrorCode(err) != "request.not_found" {
		t.Errorf("another applicant's card: %v, want request.not_found", err)
	}

	selfie, err := os.ReadFile(filepath.Join("checks", "photo", "testdata", "selfie_good.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	s := storetest.Attach(t, e.svc, who, app.ID, kycd.KindSelfie, "me.jpg", selfie)
	if s.Outline != nil {
		t.Errorf("a selfie with an outline: %+v", s.Outline)
	}
	if _, _, err := e.svc.DocumentCard(e.ctx, who, s.DocumentID); kycd.ErrorCode(err) != "request.not_found" {
		t.Errorf("a selfie's card: %v, want request.not_found", err)
	}
}
