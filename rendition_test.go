package kycd_test

import (
	"bytes"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/kycd/kycd"
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
