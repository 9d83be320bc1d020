package storetest

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/seal"
	"github.com/kycd/kycd/sqlstore"
)

// Fixture is an account with one application that holds personal data in
// every sealed place: the identity, a proposed final rejection's comment,
// a document with a reading, a decision comment and an upload file name.
type Fixture struct {
	Account *kycd.Account
	App     *kycd.Application
	Doc     *kycd.Document
	Upload  *kycd.Upload
}

// The personal data a Fixture holds, to look for in raw bytes.
const (
	FixtureName    = "欧阳娜娜"
	FixtureNumber  = "11010519491231002X"
	FixtureComment = "the selfie looks edited"
	FixtureFile    = "passport-scan-ouyang.jpg"
)

// NewFixture stores a Fixture whose values carry tag, so that two fixtures
// in one database can be told apart.
func NewFixture(t testing.TB, st kycd.Store, tag string) *Fixture {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	acct := &kycd.Account{ID: kycd.NewID(), Email: tag + "@example.com", PasswordHash: "h", Locale: "en",
		Role: kycd.RoleApplicant, InviteCode: kycd.NewID()[:8], CreatedAt: now, UpdatedAt: now}
	app := &kycd.Application{ID: kycd.NewID(), AccountID: acct.ID, Level: 2, State: kycd.StateInReview, Attempt: 1,
		Identity: kycd.Identity{FullName: FixtureName + tag, DocumentType: "cn_rid", DocumentNumber: FixtureNumber + tag,
			BirthDate: "1949-12-31", Sex: "F", Nationality: "CN"},
		PendingFinal: &kycd.Decision{ID: kycd.NewID(), Decision: "reject", Comment: FixtureComment + tag, CreatedAt: now},
		CreatedAt:    now, UpdatedAt: now}
	doc := &kycd.Document{ID: kycd.NewID(), ApplicationID: app.ID, AccountID: acct.ID, Kind: "id_front", Attempt: 1,
		BlobKey: kycd.ApplicationBlobPrefix(app.ID) + "doc/" + kycd.NewID(), SHA256: "00", Size: 1, ContentType: "image/jpeg",
		Metrics: map[string]float64{}, CreatedAt: now, ReadState: "done",
		Reading: &ocr.Reading{Kind: "id_front", Fields: map[string]string{"full_name": FixtureName + tag}}}
	up := &kycd.Upload{ID: kycd.NewID(), AccountID: acct.ID, ApplicationID: app.ID, Kind: "id_front",
		Filename: FixtureFile + tag, Size: 10, State: kycd.UploadReceiving, CreatedAt: now}
	dec := &kycd.Decision{ID: kycd.NewID(), ApplicationID: app.ID, Attempt: 1, ReviewerID: "r", Decision: "reject",
		RejectType: "retry", Comment: FixtureComment + tag, Note: FixtureComment + " (note) " + tag, CreatedAt: now}
	err := st.WithTx(ctx, func(tx kycd.Tx) error {
		for _, f := range []func() error{
			func() error { return tx.CreateAccount(ctx, acct) },
			func() error { return tx.CreateApplication(ctx, app) },
			func() error { return tx.CreateDocument(ctx, doc) },
			func() error { return tx.CreateUpload(ctx, up) },
			func() error { return tx.CreateDecision(ctx, dec) },
		} {
			if err := f(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return &Fixture{Account: acct, App: app, Doc: doc, Upload: up}
}

// Readable reports which of the fixture's sealed values the store opens:
// identity, pending comment, reading, decision comment, file name.
func (f *Fixture) Readable(t testing.TB, st kycd.Store) []string {
	t.Helper()
	ctx := context.Background()
	var got []string
	a, err := st.FindApplicationByID(ctx, f.App.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Identity.FullName != "" {
		got = append(got, "identity")
	}
	if a.PendingFinal != nil && a.PendingFinal.Comment != "" {
		got = append(got, "pending comment")
	}
	docs, err := st.FindDocuments(ctx, f.App.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 1 && docs[0].Reading != nil {
		got = append(got, "reading")
	}
	decs, err := st.FindDecisions(ctx, f.App.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(decs) == 1 && decs[0].Comment != "" {
		got = append(got, "decision comment")
	}
	u, err := st.FindUpload(ctx, f.Upload.ID)
	if err != nil {
		t.Fatal(err)
	}
	if u.Filename != "" {
		got = append(got, "file name")
	}
	return got
}

var allSealed = []string{"identity", "pending comment", "reading", "decision comment", "file name"}

// RunDataKeys checks per-application data keys: what is sealed under
// them, that values from before them still open, and that destroying one
// erases exactly its application.
func RunDataKeys(t *testing.T, open func(t testing.TB) *sqlstore.DB) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

	t.Run("sealed under the application's key", func(t *testing.T) {
		st := open(t)
		f := NewFixture(t, st, "a")
		if got := f.Readable(t, st); !slices.Equal(got, allSealed) {
			t.Fatalf("readable %v, want %v", got, allSealed)
		}
		for _, q := range []string{
			"SELECT payload_enc FROM applications", "SELECT reading_enc FROM documents",
			"SELECT comment_enc FROM decisions", "SELECT note_enc FROM decisions", "SELECT filename_enc FROM uploads",
		} {
			var ct []byte
			if err := st.SQL().QueryRow(q).Scan(&ct); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if s, ok := seal.Subject(ct); !ok || s != f.App.ID {
				t.Errorf("%s: sealed under %q, want the application's data key", q, s)
			}
		}
		var pending string
		st.SQL().QueryRow("SELECT pending_final FROM applications").Scan(&pending)
		if bytes.Contains([]byte(pending), []byte(FixtureComment)) {
			t.Errorf("pending_final holds the reviewer's comment in clear: %s", pending)
		}
		var master string
		var wrapped []byte
		if err := st.SQL().QueryRow("SELECT master_key, wrapped FROM data_keys").Scan(&master, &wrapped); err != nil {
			t.Fatal(err)
		}
		if id, err := seal.KeyID(wrapped); err != nil || id != master || master == "" {
			t.Errorf("data key wrapped under %q (%v), master_key column %q", id, err, master)
		}
	})

	t.Run("values from before per-application keys still open", func(t *testing.T) {
		st := open(t)
		f := NewFixture(t, st, "a")
		// Re-seal the payload under the master key, as it was stored
		// before: the store must still read it.
		var ct []byte
		st.SQL().QueryRow("SELECT payload_enc FROM applications").Scan(&ct)
		a, _ := st.FindApplicationByID(ctx, f.App.ID)
		raw := mustOpenPayload(t, st, a.ID, ct)
		old, err := st.Sealer().Seal(raw, []byte(a.ID+"|payload"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SQL().Exec(Rebind(st, "UPDATE applications SET payload_enc = ? WHERE id = ?"), old, a.ID); err != nil {
			t.Fatal(err)
		}
		got, err := st.FindApplicationByID(ctx, a.ID)
		if err != nil || got.Identity.FullName != FixtureName+"a" {
			t.Fatalf("legacy payload: %q, %v", got.Identity.FullName, err)
		}
	})

	t.Run("destroying the key erases the application and only it", func(t *testing.T) {
		st := open(t)
		f, other := NewFixture(t, st, "a"), NewFixture(t, st, "b")
		if err := st.WithTx(ctx, func(tx kycd.Tx) error {
			return tx.DestroyDataKey(ctx, f.App.ID, now)
		}); err != nil {
			t.Fatal(err)
		}
		if got := f.Readable(t, st); len(got) != 0 {
			t.Errorf("after destroying the key still readable: %v", got)
		}
		a, _ := st.FindApplicationByID(ctx, f.App.ID)
		if !a.Erased || a.State != kycd.StateInReview {
			t.Errorf("erased application: Erased=%v state %q, want marked and its state kept", a.Erased, a.State)
		}
		if got := other.Readable(t, st); !slices.Equal(got, allSealed) {
			t.Errorf("the other application lost %v", got)
		}
		a.Identity.FullName = "new"
		if err := st.UpdateApplication(ctx, a); !kycd.IsErased(err) {
			t.Errorf("writing to an erased application: Code=%q, want %q", kycd.ErrorCode(err), kycd.EERASED)
		}
		if _, _, err := st.NewFileKey(kycd.ApplicationBlobPrefix(f.App.ID)+"doc/x", make([]byte, 32)); !kycd.IsErased(err) {
			t.Errorf("new blob of an erased application: Code=%q, want %q", kycd.ErrorCode(err), kycd.EERASED)
		}
		if gone, err := st.DataKeyDestroyed(ctx, f.App.ID); err != nil || !gone {
			t.Errorf("DataKeyDestroyed=%v, %v", gone, err)
		}
		if err := st.DestroyDataKey(ctx, f.App.ID, now); err != nil {
			t.Errorf("destroying twice: %v", err)
		}
		var wrapped []byte
		st.SQL().QueryRow(Rebind(st, "SELECT wrapped FROM data_keys WHERE subject = ?"), f.App.ID).Scan(&wrapped)
		if wrapped != nil {
			t.Error("the wrapped key is still in its row")
		}
		// A subject that never had a key is tombstoned too.
		if err := st.DestroyDataKey(ctx, "never", now); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.NewFileKey(kycd.ApplicationBlobPrefix("never")+"doc/x", make([]byte, 32)); !kycd.IsErased(err) {
			t.Errorf("a tombstoned subject got a key: Code=%q", kycd.ErrorCode(err))
		}
	})

	t.Run("a destruction that rolls back destroys nothing", func(t *testing.T) {
		st := open(t)
		f := NewFixture(t, st, "a")
		st.WithTx(ctx, func(tx kycd.Tx) error {
			if err := tx.DestroyDataKey(ctx, f.App.ID, now); err != nil {
				t.Fatal(err)
			}
			return kycd.Errorf("internal", "roll back")
		})
		if got := f.Readable(t, st); !slices.Equal(got, allSealed) {
			t.Errorf("after a rolled-back destruction readable %v, want %v", got, allSealed)
		}
	})

	t.Run("blob keys", func(t *testing.T) {
		st := open(t)
		app := NewFixture(t, st, "a").App.ID
		salt := bytes.Repeat([]byte{7}, 32)
		// Writers racing to create a key for an application made before
		// data keys (no key row yet) all end with the same key.
		subject := "legacy-" + kycd.NewID()
		ids := make([]string, 8)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				id, a, err := st.NewFileKey(kycd.ApplicationBlobPrefix(subject)+"doc/"+kycd.NewID(), salt)
				if err != nil {
					t.Error(err)
					return
				}
				ids[i] = string(a.Seal(nil, make([]byte, 12), []byte("x"), nil)) + id
			}()
		}
		wg.Wait()
		for _, v := range ids[1:] {
			if v != ids[0] {
				t.Fatal("concurrent writers got different data keys for one application")
			}
		}
		id, _, err := st.NewFileKey(kycd.ApplicationBlobPrefix(app)+"doc/1", salt)
		if err != nil || id != "@"+app {
			t.Fatalf("blob of an application sealed under %q (%v), want @%s", id, err, app)
		}
		if id, _, _ := st.NewFileKey("doc/1", salt); id == "" || id[0] == '@' {
			t.Errorf("blob outside an application sealed under %q, want a master key", id)
		}
		st.DestroyDataKey(ctx, app, now)
		if _, err := st.FileKey("@"+app, salt); !kycd.IsErased(err) {
			t.Errorf("opening a blob of an erased application: Code=%q, want %q", kycd.ErrorCode(err), kycd.EERASED)
		}
	})
}

func mustOpenPayload(t testing.TB, st *sqlstore.DB, id string, ct []byte) []byte {
	t.Helper()
	subject, _ := seal.Subject(ct)
	var wrapped []byte
	if err := st.SQL().QueryRow(Rebind(st, "SELECT wrapped FROM data_keys WHERE subject = ?"), subject).Scan(&wrapped); err != nil {
		t.Fatal(err)
	}
	k, err := st.Sealer().(*seal.Keyring).Unwrap(subject, wrapped)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := k.Open(ct, []byte(id+"|payload"))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// Rebind turns "?" into "$n" on PostgreSQL, for the raw queries tests run.
func Rebind(st *sqlstore.DB, q string) string {
	if st.Dialect() != "postgres" {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
