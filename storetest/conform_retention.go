package storetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kycd/kycd"
)

// appIDs lists the applications' ids; an error stands in the list (see
// docIDs).
func appIDs(apps []*kycd.Application, err error) []string {
	if err != nil {
		return []string{"error: " + err.Error()}
	}
	out := []string{}
	for _, a := range apps {
		out = append(out, a.ID)
	}
	return out
}

// testRetention runs on a store of its own: its queries list and count
// across every account.
func testRetention(t *testing.T, st kycd.Store) {
	t.Run("closing and erasing accounts", func(t *testing.T) {
		mk := func(closed time.Duration) *kycd.Account {
			a := newAccount("close")
			a.Phone = "+86139" + a.ID[:8]
			must(t, st.CreateAccount(bg, a))
			if closed >= 0 {
				must(t, st.CloseAccount(bg, a.ID, t0.Add(closed)))
			}
			return a
		}
		third, first, second := mk(3*time.Hour), mk(time.Hour), mk(2*time.Hour)
		open := mk(-1)
		got, err := st.FindAccountByID(bg, first.ID)
		must(t, err)
		want := *first
		want.ClosedAt, want.UpdatedAt = ptr(t0.Add(time.Hour)), t0.Add(time.Hour)
		if diff := cmp.Diff(&want, got); diff != "" {
			t.Errorf("a closed account keeps its data for the record (-want +got):\n%s", diff)
		}
		// Closed: no longer found by its address, which is free again.
		_, err = st.FindAccountByEmail(bg, first.Email)
		wantCode(t, "FindAccountByEmail of a closed account", err, kycd.ENOTFOUND)
		again := newAccount("again")
		again.Email, again.Phone = first.Email, first.Phone
		must(t, st.CreateAccount(bg, again))
		if got, err := st.FindAccountByEmail(bg, first.Email); err != nil || got.ID != again.ID {
			t.Errorf("FindAccountByEmail after registering again = %v, %v; want the new account", got, err)
		}
		wantCode(t, "CloseAccount of a closed account", st.CloseAccount(bg, first.ID, t0.Add(5*time.Hour)), kycd.ENOTFOUND)
		wantCode(t, "CloseAccount of a missing account", st.CloseAccount(bg, "nope", t0), kycd.ENOTFOUND)

		closed := func(before time.Duration, limit int) (out []string) {
			as, err := st.FindClosedAccounts(bg, t0.Add(before), limit)
			must(t, err)
			for _, a := range as {
				out = append(out, a.ID)
			}
			return out
		}
		if got, want := closed(2*time.Hour, 10), []string{first.ID, second.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindClosedAccounts(closed at or before 2h) = %v, want %v", got, want)
		}
		if got, want := closed(10*time.Hour, 2), []string{first.ID, second.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindClosedAccounts limit 2 = %v, want %v", got, want)
		}
		must(t, st.EraseAccountContact(bg, first.ID))
		got, err = st.FindAccountByID(bg, first.ID)
		must(t, err)
		want.Email, want.Phone, want.PasswordHash = "", "", ""
		if diff := cmp.Diff(&want, got); diff != "" {
			t.Errorf("after EraseAccountContact (-want +got):\n%s", diff)
		}
		must(t, st.MarkAccountErased(bg, first.ID, t0.Add(4*time.Hour)))
		if got, err := st.FindAccountByID(bg, first.ID); err != nil || got.ErasedAt == nil || !got.ErasedAt.Equal(t0.Add(4*time.Hour)) {
			t.Errorf("after MarkAccountErased: %+v, %v", got, err)
		}
		if got, want := closed(10*time.Hour, 10), []string{second.ID, third.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindClosedAccounts after erasing the first = %v, want %v", got, want)
		}
		if slices.Contains(closed(10*time.Hour, 10), open.ID) {
			t.Error("FindClosedAccounts lists an open account")
		}
	})

	t.Run("idle drafts and decided applications", func(t *testing.T) {
		acct := addAccount(t, st, "ret.apps")
		level := 0
		mk := func(state kycd.State, updated time.Duration, decided *time.Time) *kycd.Application {
			level++
			a := newApp(acct, level, state)
			a.UpdatedAt, a.DecidedAt = t0.Add(updated), decided
			must(t, st.CreateApplication(bg, a))
			return a
		}
		idle2 := mk(kycd.StateDraft, 2*time.Hour, nil)
		idle1 := mk(kycd.StateDraft, time.Hour, nil)
		mk(kycd.StateDraft, 5*time.Hour, nil)
		mk(kycd.StateInReview, 0, nil)
		if got, want := appIDs(st.FindIdleDrafts(bg, t0.Add(2*time.Hour), 10)), []string{idle1.ID, idle2.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindIdleDrafts = %v, want %v", got, want)
		}
		if got, want := appIDs(st.FindIdleDrafts(bg, t0.Add(2*time.Hour), 1)), []string{idle1.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindIdleDrafts limit 1 = %v, want %v", got, want)
		}

		rejected := mk(kycd.StateRejected, 0, ptr(t0.Add(2*time.Hour)))
		approved := mk(kycd.StateApproved, 0, ptr(t0.Add(time.Hour)))
		withdrawn := mk(kycd.StateWithdrawn, 0, ptr(t0.Add(3*time.Hour)))
		mk(kycd.StateApproved, 0, ptr(t0.Add(9*time.Hour))) // decided after the cut-off
		mk(kycd.StateActionRequired, 0, ptr(t0))            // not decided for good
		decided := func(limit int) []string {
			return appIDs(st.FindDecidedApplications(bg, t0.Add(3*time.Hour), kycd.ClassIdentity, limit))
		}
		if got, want := decided(10), []string{approved.ID, rejected.ID, withdrawn.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindDecidedApplications = %v, want %v", got, want)
		}
		if got, want := decided(1), []string{approved.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindDecidedApplications limit 1 = %v, want %v", got, want)
		}
		// Erasing one class leaves the application due for the others.
		must(t, st.RecordErasure(bg, kycd.ErasureRecord{Subject: approved.ID, Class: kycd.ClassIdentity, Rule: "r1", ErasedAt: t0}))
		if got, want := decided(10), []string{rejected.ID, withdrawn.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindDecidedApplications after erasing the identity of one = %v, want %v", got, want)
		}
		if got := appIDs(st.FindDecidedApplications(bg, t0.Add(3*time.Hour), kycd.ClassDocuments, 10)); !slices.Contains(got, approved.ID) {
			t.Errorf("FindDecidedApplications for documents = %v: the identity's erasure hid %s", got, approved.ID)
		}

		// Replaced documents of decided applications, oldest replacement first.
		replaced := func(app *kycd.Application, at time.Duration) *kycd.Document {
			d := newDoc(app, kycd.KindIDFront, 0)
			d.ReplacedAt = ptr(t0.Add(at))
			return addDoc(t, st, d)
		}
		r2 := replaced(rejected, 2*time.Minute)
		r1 := replaced(approved, time.Minute)
		addDoc(t, st, newDoc(approved, kycd.KindSelfie, 0)) // current
		replaced(idle1, 0)                                  // a draft's
		docs := func(limit int) []string {
			return docIDs(st.FindReplacedDocuments(bg, t0.Add(3*time.Hour), limit))
		}
		if got, want := docs(10), []string{r1.ID, r2.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindReplacedDocuments = %v, want %v", got, want)
		}
		if got, want := docs(1), []string{r1.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindReplacedDocuments limit 1 = %v, want %v", got, want)
		}
		must(t, st.DeleteDocument(bg, r1.ID))
		_, err := st.FindDocumentByID(bg, r1.ID)
		wantCode(t, "FindDocumentByID after DeleteDocument", err, kycd.ENOTFOUND)
		if got, want := docs(10), []string{r2.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindReplacedDocuments after deleting one = %v, want %v", got, want)
		}
	})

	t.Run("deleting a draft deletes its documents and uploads", func(t *testing.T) {
		acct := addAccount(t, st, "ret.delete")
		draft := addApp(t, st, acct, 2, kycd.StateDraft)
		d := addDoc(t, st, newDoc(draft, kycd.KindIDFront, 0))
		u2 := newUpload(draft, 3, t0.Add(time.Second))
		u2.Filename, u2.State = FixtureFile, kycd.UploadAttached
		addUpload(t, st, u2)
		u1 := addUpload(t, st, newUpload(draft, 3, t0))
		if ok, err := st.AppendSegment(bg, kycd.Segment{UploadID: u1.ID, Offset: 0, Length: 3, BlobKey: "seg/" + u1.ID}); !ok || err != nil {
			t.Fatalf("AppendSegment = %v, %v", ok, err)
		}
		u1.Offset = 3
		ups, err := st.FindUploadsOf(bg, draft.ID)
		must(t, err)
		if diff := cmp.Diff([]*kycd.Upload{u1, u2}, ups); diff != "" {
			t.Errorf("FindUploadsOf, oldest first, any state (-want +got):\n%s", diff)
		}
		if ups, err := st.FindUploadsOf(bg, "nope"); err != nil || len(ups) != 0 {
			t.Errorf("FindUploadsOf an application without any = %v, %v", ups, err)
		}

		submitted := addApp(t, st, acct, 3, kycd.StateSubmitted)
		wantCode(t, "DeleteApplication of a submitted application", st.DeleteApplication(bg, submitted.ID), kycd.ENOTFOUND)
		if _, err := st.FindApplicationByID(bg, submitted.ID); err != nil {
			t.Errorf("a refused DeleteApplication deleted it: %v", err)
		}
		wantCode(t, "DeleteApplication of a missing application", st.DeleteApplication(bg, "nope"), kycd.ENOTFOUND)

		must(t, st.DeleteApplication(bg, draft.ID))
		_, err = st.FindApplicationByID(bg, draft.ID)
		wantCode(t, "FindApplicationByID after DeleteApplication", err, kycd.ENOTFOUND)
		_, err = st.FindDocumentByID(bg, d.ID)
		wantCode(t, "its document", err, kycd.ENOTFOUND)
		_, err = st.FindUpload(bg, u1.ID)
		wantCode(t, "its upload", err, kycd.ENOTFOUND)
		if segs, err := st.FindSegments(bg, u1.ID); err != nil || len(segs) != 0 {
			t.Errorf("its upload's segments: %v, %v", segs, err)
		}
		// Its place is free: a new draft of that level can be opened.
		addApp(t, st, acct, 2, kycd.StateDraft)
	})

	t.Run("erasing comments and alerts", func(t *testing.T) {
		acct := addAccount(t, st, "ret.erase")
		app, other := addApp(t, st, acct, 2, kycd.StateRejected), addApp(t, st, acct, 3, kycd.StateApproved)
		for i, comment := range []string{"one", "", "two"} {
			must(t, st.CreateDecision(bg, &kycd.Decision{ID: kycd.NewID(), ApplicationID: app.ID, Attempt: 1, ReviewerID: "rev",
				Decision: "reject", Comment: comment, Note: "note " + comment, CreatedAt: t0.Add(time.Duration(i) * time.Second)}))
		}
		kept := &kycd.Decision{ID: kycd.NewID(), ApplicationID: other.ID, Attempt: 1, ReviewerID: "rev", Decision: "approve",
			Comment: "kept", CreatedAt: t0}
		must(t, st.CreateDecision(bg, kept))
		if n, err := st.EraseDecisionComments(bg, app.ID); err != nil || n != 2 {
			t.Errorf("EraseDecisionComments = %d, %v; want 2", n, err)
		}
		ds, err := st.FindDecisions(bg, app.ID)
		must(t, err)
		for _, d := range ds {
			if d.Comment != "" || d.Note == "" {
				t.Errorf("after EraseDecisionComments: comment %q, note %q; want the comment gone, the note to the applicant kept", d.Comment, d.Note)
			}
		}
		if n, err := st.EraseDecisionComments(bg, app.ID); err != nil || n != 0 {
			t.Errorf("EraseDecisionComments again = %d, %v; want 0", n, err)
		}
		if ds, _ := st.FindDecisions(bg, other.ID); len(ds) != 1 || ds[0].Comment != "kept" {
			t.Errorf("another application's comment was erased: %+v", ds)
		}

		for i, entry := range []string{"e1", "e2"} {
			must(t, st.CreateAlert(bg, &kycd.ScreeningAlert{ID: kycd.NewID(), AccountID: acct.ID, ApplicationID: app.ID,
				List: "ofac", EntryID: entry, CreatedAt: t0.Add(time.Duration(i) * time.Second)}))
		}
		keptAlert := &kycd.ScreeningAlert{ID: kycd.NewID(), AccountID: acct.ID, ApplicationID: other.ID, List: "ofac", EntryID: "e3", CreatedAt: t0}
		must(t, st.CreateAlert(bg, keptAlert))
		if n, err := st.DeleteScreeningAlerts(bg, app.ID); err != nil || n != 2 {
			t.Errorf("DeleteScreeningAlerts = %d, %v; want 2", n, err)
		}
		as, err := st.FindAlerts(bg, false)
		must(t, err)
		if len(as) != 1 || as[0].ID != keptAlert.ID {
			t.Errorf("alerts after DeleteScreeningAlerts: %d, want only the other application's", len(as))
		}
	})

	t.Run("expired sessions and codes, holds respected", func(t *testing.T) {
		free, held, other := addAccount(t, st, "exp.free"), addAccount(t, st, "exp.held"), addAccount(t, st, "exp.other")
		cut := t0.Add(10 * time.Hour)
		sess := func(a *kycd.Account, expires time.Time) *kycd.Session {
			s := &kycd.Session{TokenHash: []byte(kycd.NewID()), AccountID: a.ID, CreatedAt: t0, ExpiresAt: expires}
			must(t, st.CreateSession(bg, s))
			return s
		}
		otp := func(a *kycd.Account, p kycd.Purpose, expires time.Time) *kycd.OTP {
			o := &kycd.OTP{ID: kycd.NewID(), AccountID: a.ID, Purpose: p, CodeHash: []byte{1}, SentAt: t0, ExpiresAt: expires}
			must(t, st.CreateOTP(bg, o))
			return o
		}
		goneS, heldS, liveS := sess(free, cut), sess(held, t0), sess(free, cut.Add(time.Second))
		goneO, heldO, liveO := otp(free, kycd.PurposeVerifyEmail, t0), otp(held, kycd.PurposeVerifyEmail, t0),
			otp(free, kycd.PurposeVerifyPhone, cut.Add(time.Second))
		h := &kycd.LegalHold{ID: kycd.NewID(), AccountID: held.ID, Reason: "court order 12", PlacedBy: "op", PlacedAt: t0}
		must(t, st.CreateHold(bg, h))
		if s, o, err := st.CountExpired(bg, cut); err != nil || s != 1 || o != 1 {
			t.Errorf("CountExpired = %d, %d, %v; want 1, 1 (the held account's left out)", s, o, err)
		}
		if s, o, err := st.DeleteExpired(bg, cut); err != nil || s != 1 || o != 1 {
			t.Errorf("DeleteExpired = %d, %d, %v; want 1, 1", s, o, err)
		}
		for s, want := range map[*kycd.Session]bool{goneS: false, heldS: true, liveS: true} {
			if _, err := st.FindSession(bg, s.TokenHash); (err == nil) != want {
				t.Errorf("session of %s expiring %v kept: %v, want %v", s.AccountID, s.ExpiresAt, err == nil, want)
			}
		}
		for o, want := range map[*kycd.OTP]bool{goneO: false, heldO: true, liveO: true} {
			if _, err := st.FindOTP(bg, o.AccountID, o.Purpose); (err == nil) != want {
				t.Errorf("code of %s expiring %v kept: %v, want %v", o.AccountID, o.ExpiresAt, err == nil, want)
			}
		}
		must(t, st.ReleaseHold(bg, h.ID, "op", t0.Add(time.Hour)))
		if s, o, err := st.CountExpired(bg, cut); err != nil || s != 1 || o != 1 {
			t.Errorf("CountExpired after the hold's release = %d, %d, %v; want 1, 1", s, o, err)
		}

		otp(other, kycd.PurposeVerifyEmail, cut.Add(time.Hour))
		otp(other, kycd.PurposeResetPassword, cut.Add(time.Hour))
		must(t, st.DeleteOTPsOf(bg, other.ID))
		for _, p := range []kycd.Purpose{kycd.PurposeVerifyEmail, kycd.PurposeResetPassword} {
			_, err := st.FindOTP(bg, other.ID, p)
			wantCode(t, "FindOTP after DeleteOTPsOf", err, kycd.ENOTFOUND)
		}
		if _, err := st.FindOTP(bg, free.ID, kycd.PurposeVerifyPhone); err != nil {
			t.Errorf("DeleteOTPsOf deleted another account's code: %v", err)
		}
	})

	t.Run("erasure records", func(t *testing.T) {
		subject := "subject-" + kycd.NewID()
		docs := kycd.ErasureRecord{Subject: subject, Class: kycd.ClassDocuments, Rule: "documents-5y", ErasedAt: t0}
		ident := kycd.ErasureRecord{Subject: subject, Class: kycd.ClassIdentity, Rule: "identity-5y", ErasedAt: t0.Add(time.Hour)}
		must(t, st.RecordErasure(bg, ident))
		must(t, st.RecordErasure(bg, docs))
		// Recording a class again keeps the first record.
		must(t, st.RecordErasure(bg, kycd.ErasureRecord{Subject: subject, Class: kycd.ClassIdentity, Rule: "other", ErasedAt: t0.Add(9 * time.Hour)}))
		got, err := st.FindErasures(bg, subject)
		must(t, err)
		if diff := cmp.Diff([]kycd.ErasureRecord{docs, ident}, got); diff != "" {
			t.Errorf("FindErasures (-want +got):\n%s", diff)
		}
		if got, err := st.FindErasures(bg, "nobody"); err != nil || len(got) != 0 {
			t.Errorf("FindErasures of a subject without any = %v, %v", got, err)
		}
	})

	t.Run("legal holds", func(t *testing.T) {
		a, b := addAccount(t, st, "hold.a"), addAccount(t, st, "hold.b")
		mk := func(acct *kycd.Account, placed time.Duration) *kycd.LegalHold {
			h := &kycd.LegalHold{ID: kycd.NewID(), AccountID: acct.ID, Reason: "case " + FixtureName, PlacedBy: "op-1", PlacedAt: t0.Add(placed)}
			must(t, st.CreateHold(bg, h))
			return h
		}
		h1, h2, h3 := mk(a, 24*time.Hour), mk(b, 25*time.Hour), mk(a, 26*time.Hour)
		wantCode(t, "CreateHold with a taken id", st.CreateHold(bg, h1), kycd.ECONFLICT)
		holds := func(f kycd.HoldFilter) []*kycd.LegalHold {
			hs, err := st.FindHolds(bg, f)
			must(t, err)
			// Holds of earlier subtests (placed at t0) are left out.
			return slices.DeleteFunc(hs, func(h *kycd.LegalHold) bool { return h.PlacedAt.Before(t0.Add(24 * time.Hour)) })
		}
		if diff := cmp.Diff([]*kycd.LegalHold{h3, h2, h1}, holds(kycd.HoldFilter{})); diff != "" {
			t.Errorf("FindHolds, newest first (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]*kycd.LegalHold{h3, h1}, holds(kycd.HoldFilter{AccountID: a.ID})); diff != "" {
			t.Errorf("FindHolds of one account (-want +got):\n%s", diff)
		}
		must(t, st.ReleaseHold(bg, h1.ID, "op-2", t0.Add(30*time.Hour)))
		h1.ReleasedBy, h1.ReleasedAt = "op-2", ptr(t0.Add(30*time.Hour))
		if diff := cmp.Diff([]*kycd.LegalHold{h3, h2}, holds(kycd.HoldFilter{Active: true})); diff != "" {
			t.Errorf("FindHolds, active only (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]*kycd.LegalHold{h3, h1}, holds(kycd.HoldFilter{AccountID: a.ID})); diff != "" {
			t.Errorf("FindHolds after a release (-want +got):\n%s", diff)
		}
		wantCode(t, "ReleaseHold of a released hold", st.ReleaseHold(bg, h1.ID, "op-3", t0.Add(40*time.Hour)), kycd.ENOTFOUND)
		wantCode(t, "ReleaseHold of a missing hold", st.ReleaseHold(bg, "nope", "op", t0), kycd.ENOTFOUND)
		if got := holds(kycd.HoldFilter{AccountID: a.ID}); len(got) != 2 || got[1].ReleasedAt == nil || !got[1].ReleasedAt.Equal(t0.Add(30*time.Hour)) {
			t.Errorf("a second release changed the first: %+v", got)
		}
	})

	t.Run("close", func(t *testing.T) {
		if err := st.Close(); err != nil {
			t.Errorf("Close = %v", err)
		}
		if err := st.Ping(bg); err == nil {
			t.Error("Ping after Close succeeded")
		}
	})
}

// testDataKeys checks crypto-shredding through the Store: what is sealed
// under an application's data key no longer opens once it is destroyed.
func testDataKeys(t *testing.T, st kycd.Store) {
	f := NewFixture(t, st, "shred")
	destroyed := func(subject string) bool {
		t.Helper()
		ok, err := st.DataKeyDestroyed(bg, subject)
		must(t, err)
		return ok
	}
	if destroyed(f.App.ID) {
		t.Fatal("DataKeyDestroyed of a live application")
	}
	// A destruction that rolls back destroys nothing.
	st.WithTx(bg, func(tx kycd.Tx) error {
		if err := tx.DestroyDataKey(bg, f.App.ID, t0); err != nil {
			return err
		}
		return errors.New("roll back")
	})
	if got := f.Readable(t, st); !slices.Equal(got, allSealed) || destroyed(f.App.ID) {
		t.Fatalf("after a rolled-back DestroyDataKey: readable %v, destroyed %v", got, destroyed(f.App.ID))
	}

	must(t, st.DestroyDataKey(bg, f.App.ID, t0))
	must(t, st.DestroyDataKey(bg, f.App.ID, t0.Add(time.Hour))) // idempotent
	if !destroyed(f.App.ID) {
		t.Error("DataKeyDestroyed after DestroyDataKey is false")
	}
	if got := f.Readable(t, st); len(got) != 0 {
		t.Errorf("after DestroyDataKey still readable: %v", got)
	}
	a, err := st.FindApplicationByID(bg, f.App.ID)
	must(t, err)
	if !a.Erased || a.State != f.App.State || a.AccountID != f.App.AccountID {
		t.Errorf("erased application: Erased %v, state %s; want marked, with its other columns", a.Erased, a.State)
	}
	if ds, err := st.FindDocuments(bg, f.App.ID); err != nil || len(ds) != 1 || ds[0].Reading != nil || ds[0].BlobKey != f.Doc.BlobKey {
		t.Errorf("erased application's documents: %+v, %v", ds, err)
	}
	// Nothing new can be sealed for it.
	wantCode(t, "UpdateApplication of an erased application", st.UpdateApplication(bg, f.App), kycd.EERASED)
	wantCode(t, "CreateDecision with a comment on an erased application", st.CreateDecision(bg, &kycd.Decision{ID: kycd.NewID(),
		ApplicationID: f.App.ID, Decision: "reject", Comment: "x", CreatedAt: t0}), kycd.EERASED)

	// A subject that never had a key gets a tombstone: none can be made.
	ghost := newApp(addAccount(t, st, "ghost"), 2, kycd.StateDraft)
	if destroyed(ghost.ID) {
		t.Error("DataKeyDestroyed of a subject without a key")
	}
	must(t, st.DestroyDataKey(bg, ghost.ID, t0))
	if !destroyed(ghost.ID) {
		t.Error("DataKeyDestroyed after destroying a subject that never had a key is false")
	}
	wantCode(t, "CreateApplication for a destroyed subject", st.CreateApplication(bg, ghost), kycd.EERASED)
}
