package kycd_test

import (
	"bytes"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestDocumentDisplayHEIC: a HEIC photo, which browsers cannot show, is
// displayed as a JPEG rendition; its original stays as it was (issue 13,
// item 7: broken thumbnails).
func TestDocumentDisplayHEIC(t *testing.T) {
	e := newScreeningEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) })
	a, _, err := e.svc.Register(e.ctx, kycd.RegisterInput{Email: "heic@example.com", Phone: "+8613900000051", Password: "correct horse battery 7", ClientIP: "192.0.2.51"})
	if err != nil {
		t.Fatal(err)
	}
	one, now := 1, time.Now()
	if err := e.st.UpdateAccount(e.ctx, a.ID, kycd.AccountUpdate{Level: &one, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	who := kycd.Principal{AccountID: a.ID, Role: kycd.RoleApplicant}
	app, err := e.svc.OpenApplication(e.ctx, who, 2)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("checks", "photo", "testdata", "card_good.heic"))
	if err != nil {
		t.Fatal(err)
	}
	up, err := e.svc.BeginUpload(e.ctx, who, app.ID, kycd.KindIDFront, "card.heic", int64(len(data)), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.WriteUpload(e.ctx, up, 0, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.FinishUpload(e.ctx, up); err != nil {
		t.Fatal(err)
	}
	d, err := e.svc.AttachDocument(e.ctx, who, app.ID, up.ID, kycd.KindIDFront)
	if err != nil {
		t.Fatal(err)
	}
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
