package storetest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kycd/kycd"
)

// Apply registers an account, raises it to level 1 (both channels
// confirmed) and opens its level-2 application, all through svc.
func Apply(t testing.TB, svc *kycd.Service, email, phone string) (kycd.Principal, *kycd.ApplicationView) {
	t.Helper()
	ctx := context.Background()
	a, _, err := svc.Register(ctx, kycd.RegisterInput{Email: email, Phone: phone, Password: "correct horse battery 7", ClientIP: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	one, now := 1, time.Now()
	if err := svc.Store.UpdateAccount(ctx, a.ID, kycd.AccountUpdate{Level: &one, EmailVerifiedAt: &now, PhoneVerifiedAt: &now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	who := kycd.Principal{AccountID: a.ID, Role: kycd.RoleApplicant}
	app, err := svc.OpenApplication(ctx, who, 2)
	if err != nil {
		t.Fatal(err)
	}
	return who, app
}

// Attach uploads data (named name) as a document of kind and attaches it.
func Attach(t testing.TB, svc *kycd.Service, who kycd.Principal, appID, kind, name string, data []byte) *kycd.DocumentView {
	t.Helper()
	ctx := context.Background()
	up, err := svc.BeginUpload(ctx, who, appID, kind, name, int64(len(data)), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.WriteUpload(ctx, up, 0, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	if err := svc.FinishUpload(ctx, up); err != nil {
		t.Fatal(err)
	}
	d, err := svc.AttachDocument(ctx, who, appID, up.ID, kind)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Submit is Apply, then the identity id and the good photos of photoDir
// (checks/photo/testdata: card_good.jpg, card_back.jpg, selfie_good.jpg),
// then submission: for tests that start at the review desk or after it.
func Submit(t testing.TB, svc *kycd.Service, photoDir, email, phone string, id kycd.Identity) (kycd.Principal, *kycd.ApplicationView) {
	t.Helper()
	ctx := context.Background()
	who, app := Apply(t, svc, email, phone)
	v, err := svc.SaveIdentity(ctx, who, app.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range v.Findings {
		if f.Severity == "blocking" {
			t.Fatalf("identity finding %s blocks", f.Code)
		}
	}
	for kind, file := range map[string]string{kycd.KindIDFront: "card_good.jpg", kycd.KindIDBack: "card_back.jpg", kycd.KindSelfie: "selfie_good.jpg"} {
		data, err := os.ReadFile(filepath.Join(photoDir, file))
		if err != nil {
			t.Fatal(err)
		}
		if d := Attach(t, svc, who, app.ID, kind, file, data); !d.Accepted {
			t.Fatalf("%s refused: %v", file, d.Findings)
		}
	}
	sub, err := svc.Submit(ctx, who, app.ID)
	if err != nil {
		t.Fatal(err)
	}
	return who, sub
}
