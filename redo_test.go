package kycd_test

import (
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestRedoPendingIdentity: a reviewer asks to redo the document number;
// submitting again with the same number is refused with redo.pending for
// that item (DESIGN.md §5), and the pre-check and the application view
// say the same; a corrected number goes through.
func TestRedoPendingIdentity(t *testing.T) {
	e := newScreeningEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) })
	who, v := e.submit("redo@example.com", "+8613900000011", "王芳", "310104198611204572", "1986-11-20", "M")
	rev := kycd.Principal{AccountID: "rev", Role: kycd.RoleReviewer}
	if _, err := e.svc.Claim(e.ctx, rev, v.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Decide(e.ctx, rev, v.ID, kycd.DecisionInput{Decision: "reject", RejectType: "retry",
		Reasons: []kycd.Reason{{Code: "review.data_mismatch", Item: "document_number"}}}); err != nil {
		t.Fatal(err)
	}
	pending := func(fs []reason.Finding) bool {
		for _, f := range fs {
			if f.Code == "redo.pending" && f.Params["item"] == "document_number" && f.Field == "document_number" {
				return true
			}
		}
		return false
	}
	_, err := e.svc.Submit(e.ctx, who, v.ID)
	fe, ok := err.(*kycd.FindingsError)
	if !ok || !pending(fe.Findings) {
		t.Fatalf("submit with the number unchanged: %v, want redo.pending for document_number", err)
	}
	if ready, fs, err := e.svc.Precheck(e.ctx, who, v.ID); err != nil || ready || !pending(fs) {
		t.Errorf("precheck: ready=%v %v %v, want redo.pending", ready, reason.Codes(fs), err)
	}
	// Saving the same value again is no redo either.
	same := kycd.Identity{FullName: "王芳", DocumentType: "cn_rid", DocumentNumber: "310104198611204572", BirthDate: "1986-11-20", Sex: "M", Nationality: "CHN"}
	if _, err := e.svc.SaveIdentity(e.ctx, who, v.ID, same); err != nil {
		t.Fatal(err)
	}
	got, _ := e.svc.GetApplication(e.ctx, who, v.ID)
	if len(got.RedoPending) != 1 || got.RedoPending[0] != "document_number" {
		t.Errorf("view RedoPending=%v, want [document_number]", got.RedoPending)
	}
	// Only the form can change: pages take this list instead of working
	// the rule out again.
	if len(got.Editable) != 1 || got.Editable[0] != "identity" {
		t.Errorf("view Editable=%v, want [identity]", got.Editable)
	}
	fixed := same
	fixed.DocumentNumber = "310104198611204599"
	if _, err := e.svc.SaveIdentity(e.ctx, who, v.ID, fixed); err != nil {
		t.Fatal(err)
	}
	if out, err := e.svc.Submit(e.ctx, who, v.ID); err != nil || out.State != kycd.StateInReview || len(out.RedoPending) != 0 {
		t.Fatalf("submit after correcting the number: %+v %v", out, err)
	}
}

// TestDecideRefusesUnknownItem: the item a reviewer names is shown to the
// applicant as what to redo, so free text is refused and the case stays
// with the reviewer.
func TestDecideRefusesUnknownItem(t *testing.T) {
	e := newScreeningEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) })
	_, v := e.submit("item@example.com", "+8613900000012", "王芳", "310104198611204572", "1986-11-20", "M")
	rev := kycd.Principal{AccountID: "rev", Role: kycd.RoleReviewer}
	if _, err := e.svc.Claim(e.ctx, rev, v.ID); err != nil {
		t.Fatal(err)
	}
	for _, item := range []string{"<b>call us</b>", "photo", "selfie_video"} {
		_, err := e.svc.Decide(e.ctx, rev, v.ID, kycd.DecisionInput{Decision: "reject", RejectType: "retry",
			Reasons: []kycd.Reason{{Code: "review.data_mismatch", Item: item}}})
		if ke, ok := err.(*kycd.Error); !ok || ke.Code != "review.decision_invalid" {
			t.Errorf("item %q: err=%v, want review.decision_invalid", item, err)
		}
	}
	if _, err := e.svc.Decide(e.ctx, rev, v.ID, kycd.DecisionInput{Decision: "reject", RejectType: "retry",
		Reasons: []kycd.Reason{{Code: "review.selfie_mismatch", Item: "selfie"}}}); err != nil {
		t.Fatalf("a real item: %v", err)
	}
}
