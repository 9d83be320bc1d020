package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/kycd/kycd"
)

// Run is the conformance suite: every method of kycd.Store, called through
// the interface the service uses, against what its doc comment promises.
// open returns a fresh, empty store; Run opens two per call (one shared by
// most groups, one for retention, whose queries count and list
// everything), because each open costs a database and its migrations.
// Groups that share a store keep to ids and tables of their own.
//
// What only a SQL store can show (ciphertexts in the rows, triggers) is in
// RunSQL.
func Run(t *testing.T, open func(t testing.TB) kycd.Store) {
	shared := open(t)
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			if g.own {
				g.run(t, open(t))
				return
			}
			g.run(t, shared)
		})
	}
}

// group is a set of conformance tests and the Store methods they call and
// check; TestConformanceCoversStore fails when a method of kycd.Store is in
// no group's covers, so a method added without a test fails CI.
type group struct {
	name   string
	covers []string
	// own: the group needs an empty store of its own, because it counts
	// or lists across all rows.
	own bool
	run func(t *testing.T, st kycd.Store)
}

// groups is the suite, by part of kycd.Tx.
var groups = []group{
	{name: "accounts", run: testAccounts, covers: []string{"CreateAccount", "FindAccountByID", "FindAccountByEmail",
		"FindAccountByInviteCode", "UpdateAccount", "CountInvited", "CountAccounts", "FindInvite", "PutInvite"}},
	{name: "transactions", run: testTransactions, covers: []string{"WithTx"}},
	{name: "otps", run: testOTPs, covers: []string{"CreateOTP", "FindOTP", "UpdateOTP"}},
	{name: "sessions", run: testSessions, covers: []string{"CreateSession", "FindSession", "DeleteSession", "DeleteSessionsOf"}},
	{name: "api keys", run: testAPIKeys, covers: []string{"CreateAPIKey", "FindAPIKeyByHash", "RevokeAPIKey"}},
	{name: "audit", run: testAudit, covers: []string{"AuditHead", "InsertAudit", "SignAuditHead", "SignedAuditHead", "AuditEntries"}},
	{name: "audit redaction", run: testAuditRedaction, covers: []string{"FindAuditBySubjects", "RedactAudit"}},
	{name: "applications", run: testApplications, covers: []string{"CreateApplication", "FindApplicationByID",
		"FindApplications", "UpdateApplication", "ClaimApplication", "FindApplicationsByDocIndex", "HoldApplication"}},
	{name: "decisions", run: testDecisions, covers: []string{"CreateDecision", "FindDecisions"}},
	{name: "documents", run: testDocuments, covers: []string{"CreateDocument", "FindDocumentByID", "FindDocuments",
		"SetDocumentReading", "ReplaceDocuments", "FindSimilarPhotos"}},
	{name: "uploads", run: testUploads, covers: []string{"CreateUpload", "FindUpload", "AppendSegment", "FindSegments",
		"AttachUpload", "DeleteUpload", "CompleteUpload", "DeleteSegments", "PendingUploads", "FindStaleUploads", "BlobRefs"}},
	{name: "webhooks", run: testWebhooks, covers: []string{"CreateWebhookEndpoint", "DisableWebhookEndpoint", "SetWebhookSecret",
		"FindWebhookEndpoints", "CreateDelivery", "LeaseDeliveries", "UpdateDelivery", "FindDeliveries"}},
	{name: "outbox", run: testOutbox, covers: []string{"QueueMessage", "LeaseMessages", "RetryMessage", "DeleteMessage"}},
	{name: "screening", run: testScreening, covers: []string{"PutScreeningList", "FindScreeningLists", "PutScreeningIndex",
		"FindScreeningIndex", "CreateAlert", "FindAlerts", "FindAlertByID", "UpdateAlert"}},
	{name: "data keys", run: testDataKeys, covers: []string{"DestroyDataKey", "DataKeyDestroyed"}},
	{name: "retention", own: true, run: testRetention, covers: []string{"CloseAccount", "FindClosedAccounts",
		"EraseAccountContact", "MarkAccountErased", "FindIdleDrafts", "FindDecidedApplications", "FindReplacedDocuments",
		"FindUploadsOf", "DeleteDocument", "DeleteApplication", "EraseDecisionComments", "DeleteScreeningAlerts",
		"DeleteOTPsOf", "CountExpired", "DeleteExpired", "RecordErasure", "FindErasures", "CreateHold", "FindHolds",
		"ReleaseHold", "Close"}},
	{name: "ping", run: testPing, covers: []string{"Ping"}},
}

// t0 is the suite's clock: whole seconds, so every time survives the
// stores' microsecond columns unchanged.
var t0 = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

var bg = context.Background()

// mustTx runs fn in a transaction of st and fails the test if it fails.
func mustTx(t testing.TB, st kycd.Store, fn func(tx kycd.Tx) error) {
	t.Helper()
	if err := st.WithTx(bg, fn); err != nil {
		t.Fatal(err)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// code is err's kycd code, "" for nil (kycd.ErrorCode calls nil
// "internal").
func code(err error) string {
	if err == nil {
		return ""
	}
	return kycd.ErrorCode(err)
}

// wantCode checks that err carries the kycd code want.
func wantCode(t testing.TB, what string, err error, want string) {
	t.Helper()
	if code(err) != want {
		t.Errorf("%s: Code=%q (%v), want %q", what, code(err), err, want)
	}
}

// newAccount returns an account no other test has: its email, phone and
// invite code carry a fresh id.
func newAccount(tag string) *kycd.Account {
	id := kycd.NewID()
	return &kycd.Account{ID: id, Email: tag + "." + id[:10] + "@example.com", PasswordHash: "h", Locale: "en",
		Role: kycd.RoleApplicant, InviteCode: "I" + id[:10], CreatedAt: t0, UpdatedAt: t0}
}

// addAccount stores a new account.
func addAccount(t testing.TB, st kycd.Store, tag string) *kycd.Account {
	t.Helper()
	a := newAccount(tag)
	must(t, st.CreateAccount(bg, a))
	return a
}

// newApp returns an application of acct in state, without personal data.
func newApp(acct *kycd.Account, level int, state kycd.State) *kycd.Application {
	return &kycd.Application{ID: kycd.NewID(), AccountID: acct.ID, Level: level, State: state, Attempt: 1,
		CreatedAt: t0, UpdatedAt: t0}
}

// addApp stores a new application of acct.
func addApp(t testing.TB, st kycd.Store, acct *kycd.Account, level int, state kycd.State) *kycd.Application {
	t.Helper()
	a := newApp(acct, level, state)
	must(t, st.CreateApplication(bg, a))
	return a
}

func ptr[T any](v T) *T { return &v }

func testPing(t *testing.T, st kycd.Store) {
	if err := st.Ping(bg); err != nil {
		t.Errorf("Ping=%v", err)
	}
}
