package storetest

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

// fullApp returns an application of acct with every field set, sealed
// ones included, so that a round trip shows each one kept.
func fullApp(acct *kycd.Account, level int, state kycd.State) *kycd.Application {
	a := newApp(acct, level, state)
	a.Attempt = 2
	a.Identity = kycd.Identity{FullName: FixtureName, DocumentType: "cn_rid", DocumentNumber: FixtureNumber,
		BirthDate: "1949-12-31", Sex: "F", Nationality: "CHN"}
	a.IdentityFindings = []reason.Finding{{Code: "identity.name_mismatch", Severity: reason.Warning, Field: "full_name",
		Params: map[string]string{"n": "1"}}}
	a.Decoded = map[string]string{"region": "110105", "sex": "F"}
	a.DocIndex = []byte("doc-index-" + a.ID)
	a.Reasons = []reason.Finding{{Code: "photo.glare", Severity: reason.Blocking, Kind: reason.Retry}}
	a.Redo = []string{"id_front", "identity.full_name"}
	a.RedoFrom = &kycd.Identity{FullName: "旧名字", DocumentType: "cn_rid"}
	a.Note = "please retake the front"
	a.Screening = []reason.Finding{{Code: "screening.hit", Severity: reason.Warning, Params: map[string]string{"list": "ofac"}}}
	a.Flags = []string{"duplicate.document", "screening.hit"}
	a.PendingFinal = &kycd.Decision{ID: kycd.NewID(), ApplicationID: a.ID, Attempt: 2, ReviewerID: "rev-1", Decision: "reject",
		RejectType: "final", Reasons: []kycd.Reason{{Code: "review.forged", Item: "id_front"}}, Comment: FixtureComment,
		Note: "we cannot accept this document", CreatedAt: t0.Add(time.Minute)}
	a.ClaimedBy, a.ClaimExpiresAt = "rev-1", ptr(t0.Add(30*time.Minute))
	a.SubmittedAt, a.DueAt, a.DecidedAt = ptr(t0.Add(time.Minute)), ptr(t0.Add(48*time.Hour)), ptr(t0.Add(time.Hour))
	a.UpdatedAt = t0.Add(2 * time.Minute)
	return a
}

func testApplications(t *testing.T, st kycd.Store) {
	t.Run("every field round-trips", func(t *testing.T) {
		acct := addAccount(t, st, "app.full")
		a := fullApp(acct, 2, kycd.StateInReview)
		must(t, st.CreateApplication(bg, a))
		got, err := st.FindApplicationByID(bg, a.ID)
		must(t, err)
		if diff := cmp.Diff(a, got); diff != "" {
			t.Errorf("FindApplicationByID (-want +got):\n%s", diff)
		}
		// Inside a transaction too (the row is locked there).
		mustTx(t, st, func(tx kycd.Tx) error {
			got, err := tx.FindApplicationByID(bg, a.ID)
			if err == nil && !cmp.Equal(a, got) {
				t.Errorf("FindApplicationByID in a transaction differs: %s", cmp.Diff(a, got))
			}
			return err
		})
		// An application without optional fields reads back empty, not nil
		// errors or stray values.
		bare := addApp(t, st, acct, 3, kycd.StateDraft)
		got, err = st.FindApplicationByID(bg, bare.ID)
		must(t, err)
		if diff := cmp.Diff(bare, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("bare application (-want +got):\n%s", diff)
		}
		_, err = st.FindApplicationByID(bg, "nope")
		wantCode(t, "FindApplicationByID of a missing application", err, kycd.ENOTFOUND)
	})

	t.Run("hold confirms state and attempt", func(t *testing.T) {
		acct := addAccount(t, st, "app.hold")
		a := addApp(t, st, acct, 2, kycd.StateDraft)
		for _, c := range []struct {
			id      string
			state   kycd.State
			attempt int
			want    bool
		}{
			{a.ID, kycd.StateDraft, a.Attempt, true},
			{a.ID, kycd.StateSubmitted, a.Attempt, false},
			{a.ID, kycd.StateDraft, a.Attempt + 1, false},
			{"nope", kycd.StateDraft, a.Attempt, false},
		} {
			if ok, err := st.HoldApplication(bg, c.id, c.state, c.attempt); err != nil || ok != c.want {
				t.Errorf("HoldApplication(%s, %s, %d) = %v, %v; want %v", c.id, c.state, c.attempt, ok, err, c.want)
			}
		}
		// In a transaction it answers the same after a change in it.
		mustTx(t, st, func(tx kycd.Tx) error {
			if ok, err := tx.HoldApplication(bg, a.ID, kycd.StateDraft, a.Attempt); err != nil || !ok {
				t.Errorf("HoldApplication in a transaction = %v, %v; want true", ok, err)
			}
			moved := *a
			moved.State = kycd.StateSubmitted
			if err := tx.UpdateApplication(bg, &moved); err != nil {
				return err
			}
			if ok, err := tx.HoldApplication(bg, a.ID, kycd.StateDraft, a.Attempt); err != nil || ok {
				t.Errorf("HoldApplication after the state changed in the transaction = %v, %v; want false", ok, err)
			}
			return nil
		})
	})

	t.Run("one open application per account and level", func(t *testing.T) {
		acct := addAccount(t, st, "app.open")
		first := addApp(t, st, acct, 2, kycd.StateDraft)
		wantCode(t, "a second open application of a level", st.CreateApplication(bg, newApp(acct, 2, kycd.StateInReview)), kycd.ECONFLICT)
		addApp(t, st, acct, 3, kycd.StateDraft) // another level is free
		for _, closed := range []kycd.State{kycd.StateApproved, kycd.StateRejected, kycd.StateWithdrawn} {
			first.State = closed
			must(t, st.UpdateApplication(bg, first))
			first = addApp(t, st, acct, 2, kycd.StateDraft)
		}
	})

	t.Run("update writes every mutable field, once committed", func(t *testing.T) {
		acct := addAccount(t, st, "app.update")
		a := addApp(t, st, acct, 2, kycd.StateDraft)
		upd := fullApp(acct, 2, kycd.StateActionRequired)
		upd.ID = a.ID
		upd.PendingFinal.ApplicationID = a.ID
		must(t, st.UpdateApplication(bg, upd))
		got, err := st.FindApplicationByID(bg, a.ID)
		must(t, err)
		if diff := cmp.Diff(upd, got); diff != "" {
			t.Errorf("after UpdateApplication (-want +got):\n%s", diff)
		}
		// Clearing works as well as setting.
		cleared := *got
		cleared.PendingFinal, cleared.ClaimedBy, cleared.ClaimExpiresAt, cleared.RedoFrom, cleared.Note = nil, "", nil, nil, ""
		cleared.Redo, cleared.Flags, cleared.DocIndex = nil, nil, nil
		must(t, st.UpdateApplication(bg, &cleared))
		got, err = st.FindApplicationByID(bg, a.ID)
		must(t, err)
		if diff := cmp.Diff(&cleared, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("after clearing (-want +got):\n%s", diff)
		}
		// A rolled-back update is not seen.
		err = st.WithTx(bg, func(tx kycd.Tx) error {
			b, err := tx.FindApplicationByID(bg, a.ID)
			if err != nil {
				return err
			}
			b.State, b.Identity.FullName = kycd.StateSubmitted, "rolled back"
			if err := tx.UpdateApplication(bg, b); err != nil {
				return err
			}
			return errors.New("roll back")
		})
		if got, _ := st.FindApplicationByID(bg, a.ID); got.State != cleared.State || got.Identity.FullName != cleared.Identity.FullName {
			t.Errorf("a rolled-back update shows: state %s, name %q", got.State, got.Identity.FullName)
		}
		missing := newApp(acct, 9, kycd.StateDraft)
		wantCode(t, "UpdateApplication of a missing application", st.UpdateApplication(bg, missing), kycd.ENOTFOUND)
	})

	t.Run("applications due at the same moment come in id order", func(t *testing.T) {
		// Pages of the queue and the retention sweeps' batches must not
		// depend on the row order a database happens to return for ties.
		acct := addAccount(t, st, "app.tie")
		// Stored in descending id order, so that insertion order (what a
		// table scan tends to return) is not the answer.
		var want []string
		for range 5 {
			want = append(want, kycd.NewID())
		}
		slices.Sort(want)
		for i := range want {
			a := newApp(acct, i+1, kycd.StateInReview)
			a.ID, a.DueAt = want[len(want)-1-i], ptr(t0.Add(time.Hour))
			must(t, st.CreateApplication(bg, a))
		}
		for _, limit := range []int{0, 3} {
			apps, err := st.FindApplications(bg, kycd.ApplicationFilter{AccountID: acct.ID, Limit: limit})
			must(t, err)
			var got []string
			for _, a := range apps {
				got = append(got, a.ID)
			}
			w := want
			if limit > 0 {
				w = want[:limit]
			}
			if !cmp.Equal(got, w) {
				t.Errorf("FindApplications (limit %d) of tied applications = %v, want %v", limit, got, w)
			}
		}
	})

	t.Run("find by filter, queue order and limit", func(t *testing.T) {
		acct, other := addAccount(t, st, "app.filter"), addAccount(t, st, "app.filter.other")
		mk := func(level int, state kycd.State, created time.Duration, due *time.Time, claimedBy string) *kycd.Application {
			a := newApp(acct, level, state)
			a.CreatedAt, a.DueAt, a.ClaimedBy = t0.Add(created), due, claimedBy
			if claimedBy != "" {
				a.ClaimExpiresAt = ptr(t0.Add(time.Hour))
			}
			must(t, st.CreateApplication(bg, a))
			return a
		}
		// The queue's order: oldest due first, then those without a due
		// date, newest first.
		a := mk(1, kycd.StateInReview, 0, ptr(t0.Add(2*time.Hour)), "")
		b := mk(2, kycd.StateInReview, time.Second, ptr(t0.Add(time.Hour)), "rev-1")
		c := mk(3, kycd.StateDraft, 2*time.Second, nil, "")
		d := mk(4, kycd.StateDraft, 3*time.Second, nil, "")
		e := mk(1, kycd.StateApproved, -time.Hour, nil, "")
		addApp(t, st, other, 1, kycd.StateInReview)
		ids := func(f kycd.ApplicationFilter) (out []string) {
			apps, err := st.FindApplications(bg, f)
			must(t, err)
			for _, a := range apps {
				out = append(out, a.ID)
			}
			return out
		}
		for name, c := range map[string]struct {
			f    kycd.ApplicationFilter
			want []*kycd.Application
		}{
			"all":       {kycd.ApplicationFilter{AccountID: acct.ID}, []*kycd.Application{b, a, d, c, e}},
			"in review": {kycd.ApplicationFilter{AccountID: acct.ID, States: []kycd.State{kycd.StateInReview}}, []*kycd.Application{b, a}},
			"states":    {kycd.ApplicationFilter{AccountID: acct.ID, States: []kycd.State{kycd.StateApproved, kycd.StateDraft}}, []*kycd.Application{d, c, e}},
			"level":     {kycd.ApplicationFilter{AccountID: acct.ID, Level: 1}, []*kycd.Application{a, e}},
			"unclaimed": {kycd.ApplicationFilter{AccountID: acct.ID, ClaimedBy: "-"}, []*kycd.Application{a, d, c, e}},
			"claimed":   {kycd.ApplicationFilter{AccountID: acct.ID, ClaimedBy: "rev-1"}, []*kycd.Application{b}},
			"limit":     {kycd.ApplicationFilter{AccountID: acct.ID, Limit: 2}, []*kycd.Application{b, a}},
		} {
			var want []string
			for _, a := range c.want {
				want = append(want, a.ID)
			}
			if got := ids(c.f); !cmp.Equal(got, want) {
				t.Errorf("%s: FindApplications = %v, want %v", name, got, want)
			}
		}
		if got := ids(kycd.ApplicationFilter{AccountID: "nobody"}); len(got) != 0 {
			t.Errorf("FindApplications of an unknown account = %v, want none", got)
		}
		// The personal data is opened in lists too.
		full := fullApp(addAccount(t, st, "app.list"), 2, kycd.StateInReview)
		must(t, st.CreateApplication(bg, full))
		if apps, err := st.FindApplications(bg, kycd.ApplicationFilter{AccountID: full.AccountID}); err != nil || len(apps) != 1 ||
			!cmp.Equal(full, apps[0]) {
			t.Errorf("FindApplications of a full application = %d, %v; want it whole", len(apps), err)
		}
	})

	t.Run("claims", func(t *testing.T) {
		acct := addAccount(t, st, "app.claim")
		a := addApp(t, st, acct, 2, kycd.StateInReview)
		claim := func(reviewer string, until, now time.Duration) bool {
			t.Helper()
			ok, err := st.ClaimApplication(bg, a.ID, reviewer, t0.Add(until), t0.Add(now))
			must(t, err)
			return ok
		}
		holder := func() (string, *time.Time) {
			got, err := st.FindApplicationByID(bg, a.ID)
			must(t, err)
			return got.ClaimedBy, got.ClaimExpiresAt
		}
		steps := []struct {
			what       string
			reviewer   string
			until, now time.Duration
			want       bool
			holder     string
			expires    time.Duration
		}{
			{"unclaimed", "rev-1", 10 * time.Minute, 0, true, "rev-1", 10 * time.Minute},
			{"another reviewer within the lease", "rev-2", 30 * time.Minute, 5 * time.Minute, false, "rev-1", 10 * time.Minute},
			{"the holder again, extending", "rev-1", 20 * time.Minute, 5 * time.Minute, true, "rev-1", 20 * time.Minute},
			{"another reviewer when the lease ends", "rev-2", 40 * time.Minute, 20 * time.Minute, true, "rev-2", 40 * time.Minute},
		}
		for _, s := range steps {
			if got := claim(s.reviewer, s.until, s.now); got != s.want {
				t.Errorf("%s: ClaimApplication = %v, want %v", s.what, got, s.want)
			}
			if by, until := holder(); by != s.holder || until == nil || !until.Equal(t0.Add(s.expires)) {
				t.Errorf("%s: claimed by %q until %v, want %q until %v", s.what, by, until, s.holder, t0.Add(s.expires))
			}
		}
		draft := addApp(t, st, acct, 3, kycd.StateDraft)
		if ok, err := st.ClaimApplication(bg, draft.ID, "rev-1", t0.Add(time.Hour), t0); ok || err != nil {
			t.Errorf("ClaimApplication of a draft = %v, %v; want false", ok, err)
		}
		if ok, err := st.ClaimApplication(bg, "nope", "rev-1", t0.Add(time.Hour), t0); ok || err != nil {
			t.Errorf("ClaimApplication of a missing application = %v, %v; want false, nil", ok, err)
		}
		// Reviewers racing for one case: exactly one wins.
		race := addApp(t, st, acct, 4, kycd.StateInReview)
		var wg sync.WaitGroup
		wins := make([]bool, 6)
		for i := range wins {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := st.ClaimApplication(bg, race.ID, "racer-"+string(rune('a'+i)), t0.Add(time.Hour), t0)
				if err != nil {
					t.Error(err)
				}
				wins[i] = ok
			}()
		}
		wg.Wait()
		n := 0
		for _, w := range wins {
			if w {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d reviewers won the claim, want exactly 1", n)
		}
	})

	t.Run("find by document index", func(t *testing.T) {
		idx := []byte("doc-idx-" + kycd.NewID())
		mine, theirs1, theirs2 := addAccount(t, st, "idx.mine"), addAccount(t, st, "idx.a"), addAccount(t, st, "idx.b")
		mk := func(acct *kycd.Account, level int, created time.Duration, idx []byte) *kycd.Application {
			a := newApp(acct, level, kycd.StateInReview)
			a.DocIndex, a.CreatedAt = idx, t0.Add(created)
			must(t, st.CreateApplication(bg, a))
			return a
		}
		mk(mine, 2, 0, idx)
		mk(mine, 3, time.Second, idx)
		later := mk(theirs2, 2, 2*time.Second, idx)
		earlier := mk(theirs1, 2, time.Second, idx)
		mk(theirs1, 3, 0, []byte("another-"+kycd.NewID()))
		apps, err := st.FindApplicationsByDocIndex(bg, idx, mine.ID)
		must(t, err)
		var got []string
		for _, a := range apps {
			got = append(got, a.ID)
		}
		if want := []string{earlier.ID, later.ID}; !cmp.Equal(got, want) {
			t.Errorf("FindApplicationsByDocIndex = %v, want the other accounts' %v, oldest first", got, want)
		}
		if apps, err := st.FindApplicationsByDocIndex(bg, nil, mine.ID); err != nil || len(apps) != 0 {
			t.Errorf("FindApplicationsByDocIndex(nil) = %d, %v; want none", len(apps), err)
		}
	})
}

func testDecisions(t *testing.T, st kycd.Store) {
	acct := addAccount(t, st, "decision")
	a := addApp(t, st, acct, 2, kycd.StateInReview)
	later := &kycd.Decision{ID: kycd.NewID(), ApplicationID: a.ID, Attempt: 2, ReviewerID: "rev-2", Decision: "approve",
		Reasons: []kycd.Reason{}, CreatedAt: t0.Add(time.Hour)}
	first := &kycd.Decision{ID: kycd.NewID(), ApplicationID: a.ID, Attempt: 1, ReviewerID: "rev-1", Decision: "reject",
		RejectType: "retry", Reasons: []kycd.Reason{{Code: "photo.glare", Item: "id_front"}}, Comment: FixtureComment,
		Note: "please retake the front without glare", ConfirmedBy: "senior-1", CreatedAt: t0}
	must(t, st.CreateDecision(bg, later))
	must(t, st.CreateDecision(bg, first))
	wantCode(t, "CreateDecision with a taken id", st.CreateDecision(bg, first), kycd.ECONFLICT)
	got, err := st.FindDecisions(bg, a.ID)
	must(t, err)
	if diff := cmp.Diff([]*kycd.Decision{first, later}, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("FindDecisions, oldest first (-want +got):\n%s", diff)
	}
	if got, err := st.FindDecisions(bg, "nope"); err != nil || got == nil || len(got) != 0 {
		t.Errorf("FindDecisions of an application without any = %v, %v; want empty", got, err)
	}
}
