package kycd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/blob"
	"github.com/kycd/kycd/checks/screening"
	"github.com/kycd/kycd/lists"
	"github.com/kycd/kycd/mail"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// screeningEnv is a service over a real store with fast password hashing.
type screeningEnv struct {
	t   *testing.T
	ctx context.Context
	svc *kycd.Service
	st  *sqlstore.DB
	dir string
	// outbox holds the mail and text messages sent.
	outbox *mail.Outbox
}

func newScreeningEnv(t *testing.T, open func(testing.TB) *sqlstore.DB, tweak ...func(*kycd.Options)) *screeningEnv {
	st := open(t)
	set := kycd.DefaultSettings()
	set.Argon2 = kycd.Argon2Params{MemoryKiB: 1024, Time: 1, Threads: 1}
	set.RegisterRate.Max = 1000
	outbox := mail.NewOutbox(100)
	keys := storetest.Keyring(t)
	dir := t.TempDir()
	b, err := blob.NewLocal(filepath.Join(dir, "blobs"), keys)
	if err != nil {
		t.Fatal(err)
	}
	o := kycd.Options{Blobs: b, Mail: outbox, SMS: outbox, Settings: &set}
	// Settings and the clock are chosen before the service is built, never
	// changed on a running one.
	for _, f := range tweak {
		f(&o)
	}
	svc := storetest.Service(t, st, keys, o)
	return &screeningEnv{t: t, ctx: context.Background(), svc: svc, st: st, dir: dir, outbox: outbox}
}

// applicant registers an account at level 1 with a submitted level-2
// application for name, returning the application's id.
func (e *screeningEnv) submit(email, phone, name, number, birth, sex string) (kycd.Principal, *kycd.ApplicationView) {
	return storetest.Submit(e.t, e.svc, filepath.Join("checks", "photo", "testdata"), email, phone, kycd.Identity{FullName: name,
		DocumentType: "cn_rid", DocumentNumber: number, BirthDate: birth, Sex: sex, Nationality: "CHN"})
}

func (e *screeningEnv) importCSV(body string) error {
	p := filepath.Join(e.dir, "pep.csv")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		e.t.Fatal(err)
	}
	l, err := lists.NewFetcher().Load(e.ctx, lists.Source{Format: "csv", Location: p})
	if err != nil {
		return err
	}
	_, err = e.svc.ImportScreeningList(e.ctx, kycd.System, l, "csv", p)
	return err
}

const pepV1 = "id,name,aliases,dob,nationality,document_number,list\npep-1,Zhang Wei,张伟,1949-12-31,CHN,,pep\n"

func TestScreeningRoutesHitsToReview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newScreeningEnv(t, open)
		if err := e.importCSV(pepV1); err != nil {
			t.Fatal(err)
		}
		who, v := e.submit("zw@example.com", "+8613900000001", "张伟", "11010519491231002X", "1949-12-31", "F")
		if v.State != kycd.StateInReview {
			t.Fatalf("State=%q, want in_review", v.State)
		}
		// The applicant must not learn that a list matched (tipping off).
		raw, _ := json.Marshal(v)
		got, _ := e.svc.GetApplication(e.ctx, who, v.ID)
		raw2, _ := json.Marshal(got)
		for _, r := range [][]byte{raw, raw2} {
			if bytes.Contains(r, []byte("pep-1")) || bytes.Contains(r, []byte("screening")) {
				t.Errorf("the applicant's view mentions the screening hit: %s", r)
			}
		}
		q, err := e.svc.Queue(e.ctx, kycd.Principal{AccountID: "r", Role: kycd.RoleReviewer}, kycd.QueueFilter{Flag: "screening.hit"})
		if err != nil || len(q) != 1 || q[0].ApplicationID != v.ID {
			t.Fatalf("queue filtered on screening.hit = %+v, %v", q, err)
		}
		cv, err := e.svc.Case(e.ctx, kycd.Principal{AccountID: "r", Role: kycd.RoleReviewer}, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cv.Screening) != 1 || cv.Screening[0].Params["entry_id"] != "pep-1" || cv.Screening[0].Params["list"] != "pep" {
			t.Errorf("case screening = %+v, want the pep-1 hit", cv.Screening)
		}
	})
}

func TestScreeningRefreshRescreensApproved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newScreeningEnv(t, open)
		if err := e.importCSV(pepV1); err != nil {
			t.Fatal(err)
		}
		// 李晓明 is not listed yet: the case is reviewed and approved.
		_, v := e.submit("lxm@example.com", "+8613900000002", "李晓明", "310104198611204572", "1986-11-20", "M")
		rev := kycd.Principal{AccountID: "rev", Role: kycd.RoleReviewer}
		if _, err := e.svc.Claim(e.ctx, rev, v.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Decide(e.ctx, rev, v.ID, kycd.DecisionInput{Decision: "approve"}); err != nil {
			t.Fatal(err)
		}
		if n, err := e.svc.Rescreen(e.ctx); err != nil || n != 0 {
			t.Fatalf("Rescreen before the refresh = %d, %v; want 0", n, err)
		}
		// A malformed refresh is refused, names its line, and keeps v1.
		err := e.importCSV("id,name,aliases,dob,nationality,document_number,list\npep-9,Li Xiaoming,,not-a-date,CHN,,pep\n")
		if err == nil || !strings.Contains(err.Error(), ":2") {
			t.Fatalf("malformed list: err=%v, want one naming line 2", err)
		}
		ls, _ := e.svc.ScreeningLists(e.ctx)
		if len(ls) != 1 || ls[0].Count != 1 {
			t.Fatalf("after a failed refresh the lists are %+v, want v1 still active", ls)
		}
		// v2 lists the approved person: re-screening raises one alert, once.
		if err := e.importCSV(pepV1 + "pep-2,Li Xiaoming,李晓明,1986-11-20,CHN,,pep\n"); err != nil {
			t.Fatal(err)
		}
		if n, err := e.svc.Rescreen(e.ctx); err != nil || n != 1 {
			t.Fatalf("Rescreen after the refresh = %d, %v; want 1", n, err)
		}
		if n, _ := e.svc.Rescreen(e.ctx); n != 0 {
			t.Errorf("a second Rescreen raised %d alerts again, want 0", n)
		}
		alerts, err := e.svc.Alerts(e.ctx, true)
		if err != nil || len(alerts) != 1 || alerts[0].EntryID != "pep-2" || alerts[0].ApplicationID != v.ID {
			t.Fatalf("alerts = %+v, %v", alerts, err)
		}
		if _, err := e.svc.ResolveAlert(e.ctx, rev, alerts[0].ID, "maybe"); kycd.ErrorCode(err) != "review.decision_invalid" {
			t.Errorf("bad resolution: Code=%q, want %q", kycd.ErrorCode(err), "review.decision_invalid")
		}
		if _, err := e.svc.ResolveAlert(e.ctx, rev, alerts[0].ID, "false_positive"); err != nil {
			t.Fatal(err)
		}
		if open, _ := e.svc.Alerts(e.ctx, true); len(open) != 0 {
			t.Errorf("%d alerts still open after resolving", len(open))
		}
		if all, _ := e.svc.Alerts(e.ctx, false); !slices.ContainsFunc(all, func(a *kycd.ScreeningAlert) bool { return a.Resolution == "false_positive" }) {
			t.Error("the resolution was not recorded")
		}
	})
}

// storedIndex returns the compiled screening indexes the store holds.
func (e *screeningEnv) storedIndex() (keys, lists []string) {
	rows, err := e.st.SQL().QueryContext(e.ctx, "SELECT key, lists FROM screening_index ORDER BY key")
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, l string
		if err := rows.Scan(&k, &l); err != nil {
			e.t.Fatal(err)
		}
		keys, lists = append(keys, k), append(lists, l)
	}
	return keys, lists
}

// loadFresh is another instance (or a CLI call) starting on the same
// database: a new service that loads the stored lists.
func (e *screeningEnv) loadFresh() *kycd.Service {
	svc := storetest.Service(e.t, e.st, storetest.Keyring(e.t), kycd.Options{})
	if err := svc.LoadScreeningLists(e.ctx); err != nil {
		e.t.Fatal(err)
	}
	return svc
}

func hitNames(t *testing.T, svc *kycd.Service, name string) []string {
	t.Helper()
	ans, err := svc.ScreenName(kycd.ScreeningRequest{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range ans.Hits {
		out = append(out, h.Name)
	}
	return out
}

// TestScreeningIndexStoredCompiled: an import stores the compiled index,
// and a process starting on the same database loads it instead of
// building one; an unreadable stored index, or none (the process died
// between importing the list and storing its index), is rebuilt from the
// entries and stored again; a new import replaces it.
func TestScreeningIndexStoredCompiled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newScreeningEnv(t, open)
		if err := e.importCSV(pepV1); err != nil {
			t.Fatal(err)
		}
		keys, lists := e.storedIndex()
		if len(keys) != 1 || !strings.HasPrefix(keys[0], screening.IndexVersion()+"/") {
			t.Fatalf("after import: stored indexes %q, want one under version %s", keys, screening.IndexVersion())
		}

		// A stored index of other entries under the same key is what a
		// fresh process answers from: it loaded, it did not build.
		other, err := screening.NewIndex([]screening.Entry{{ID: "x-1", List: "pep", Names: []string{"Kim Yo Jong"}}}).MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if err := e.st.PutScreeningIndex(e.ctx, keys[0], lists[0], time.Now(), other); err != nil {
			t.Fatal(err)
		}
		fresh := e.loadFresh()
		if got := hitNames(t, fresh, "Kim Yojong"); !slices.Equal(got, []string{"Kim Yo Jong"}) {
			t.Errorf("fresh process hits %q for Kim Yojong, want the stored index's entry", got)
		}
		if got := hitNames(t, fresh, "Zhang Wei"); len(got) != 0 {
			t.Errorf("fresh process hits %q for Zhang Wei: it rebuilt instead of loading", got)
		}

		// Unreadable: rebuilt from the entries and stored again.
		if err := e.st.PutScreeningIndex(e.ctx, keys[0], lists[0], time.Now(), []byte("kycdidx\x00garbage")); err != nil {
			t.Fatal(err)
		}
		if got := hitNames(t, e.loadFresh(), "Zhang Wei"); !slices.Equal(got, []string{"Zhang Wei"}) {
			t.Errorf("after a corrupt stored index: hits %q, want Zhang Wei", got)
		}
		e.checkStoredLoads(keys[0])

		// None stored (crash after the list committed): rebuilt and stored.
		if _, err := e.st.SQL().ExecContext(e.ctx, "DELETE FROM screening_index"); err != nil {
			t.Fatal(err)
		}
		if got := hitNames(t, e.loadFresh(), "Zhang Wei"); !slices.Equal(got, []string{"Zhang Wei"}) {
			t.Errorf("after a lost stored index: hits %q, want Zhang Wei", got)
		}
		e.checkStoredLoads(keys[0])

		// A new version of the list: its own index, the old one dropped.
		if err := e.importCSV(pepV1 + "pep-2,Kim Yo Jong,,,,,pep\n"); err != nil {
			t.Fatal(err)
		}
		now, _ := e.storedIndex()
		if len(now) != 1 || now[0] == keys[0] {
			t.Fatalf("after a second import: stored indexes %q, want one other than %q", now, keys[0])
		}
		if got := hitNames(t, e.loadFresh(), "Kim Yojong"); !slices.Equal(got, []string{"Kim Yo Jong"}) {
			t.Errorf("after a second import: hits %q for Kim Yojong", got)
		}
	})
}

// checkStoredLoads asserts the store holds exactly key, a readable index.
func (e *screeningEnv) checkStoredLoads(key string) {
	e.t.Helper()
	keys, _ := e.storedIndex()
	if !slices.Equal(keys, []string{key}) {
		e.t.Fatalf("stored indexes %q, want %q", keys, key)
	}
	data, err := e.st.FindScreeningIndex(e.ctx, key)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := screening.DecodeIndex(data); err != nil {
		e.t.Errorf("stored index: %v", err)
	}
}

// TestScreeningApplicantSkipsVessels: an applicant is a natural person, so
// a vessel of the same name (or bearing the applicant's document number)
// is no hit at submission or on re-screening; POST /v1/screening, which
// operators use for counterparties, still finds it.
func TestScreeningApplicantSkipsVessels(t *testing.T) {
	storetest.Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		e := newScreeningEnv(t, open)
		const number = "11010519491231002X"
		l := &screening.List{Name: "ofac", Entries: []screening.Entry{
			{ID: "20001", List: "ofac", Type: screening.Vessel, Names: []string{"ZHANG WEI"}, Programs: []string{"IRAN"},
				DocumentNumbers: []string{screening.NormalizeDocument(number)}},
			{ID: "20002", List: "ofac", Type: screening.Individual, Names: []string{"KOVALENKO, Dmitriy"}},
		}}
		if _, err := e.svc.ImportScreeningList(e.ctx, kycd.System, l, "ofac", "test"); err != nil {
			t.Fatal(err)
		}
		if got := hitNames(t, e.svc, "Zhang Wei"); !slices.Contains(got, "ZHANG WEI") {
			t.Fatalf("ScreenName(Zhang Wei) = %v, want the vessel", got)
		}
		_, v := e.submit("zwv@example.com", "+8613900000003", "张伟", number, "1949-12-31", "F")
		rev := kycd.Principal{AccountID: "rev", Role: kycd.RoleReviewer}
		cv, err := e.svc.Case(e.ctx, rev, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cv.Screening) != 0 {
			t.Fatalf("submission screening = %+v, want no hit on a vessel", cv.Screening)
		}
		if v.State == kycd.StateInReview {
			if _, err := e.svc.Claim(e.ctx, rev, v.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := e.svc.Decide(e.ctx, rev, v.ID, kycd.DecisionInput{Decision: "approve"}); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := e.svc.Rescreen(e.ctx); err != nil || n != 0 {
			t.Errorf("Rescreen = %d, %v; want no alert on a vessel", n, err)
		}
	})
}
