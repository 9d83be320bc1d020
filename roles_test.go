package kycd_test

import (
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
	"github.com/kycd/kycd/storetest"
)

// TestRoleMatrix runs the review desk's and the dashboard's use cases as
// every role, straight against the service: the route tables are only the
// outer fence, so a caller that reaches the service another way (a job, a
// new adapter, a route given the wrong roles) meets the same refusal. The
// HTTP layer's matrix (http/authz_test.go) checks the fence.
func TestRoleMatrix(t *testing.T) {
	e := newScreeningEnv(t, func(t testing.TB) *sqlstore.DB { return storetest.OpenSQLite(t, storetest.Keyring(t)) })
	_, v := e.submit("roles@example.com", "+8613900000021", "王芳", "310104198611204572", "1986-11-20", "M")
	reviewers := []kycd.Role{kycd.RoleReviewer, kycd.RoleSeniorReviewer, kycd.RoleAdmin}
	seniors := []kycd.Role{kycd.RoleSeniorReviewer, kycd.RoleAdmin}
	operators := []kycd.Role{kycd.RoleAdmin, kycd.RoleAPI}
	cases := []struct {
		name    string
		allowed []kycd.Role
		call    func(who kycd.Principal) error
	}{
		{"Queue", reviewers, func(who kycd.Principal) error { _, err := e.svc.Queue(e.ctx, who, kycd.QueueFilter{}); return err }},
		{"Case", reviewers, func(who kycd.Principal) error { _, err := e.svc.Case(e.ctx, who, v.ID); return err }},
		{"Claim", reviewers, func(who kycd.Principal) error { _, err := e.svc.Claim(e.ctx, who, v.ID); return err }},
		{"ClaimNext", reviewers, func(who kycd.Principal) error { _, err := e.svc.ClaimNext(e.ctx, who, ""); return err }},
		{"Release", reviewers, func(who kycd.Principal) error { return e.svc.Release(e.ctx, who, v.ID) }},
		{"Decide", reviewers, func(who kycd.Principal) error {
			_, err := e.svc.Decide(e.ctx, who, v.ID, kycd.DecisionInput{Decision: "reject", RejectType: "final",
				Reasons: []kycd.Reason{{Code: "review.document_forged", Item: "documents"}}})
			return err
		}},
		{"ConfirmFinal", seniors, func(who kycd.Principal) error { _, err := e.svc.ConfirmFinal(e.ctx, who, v.ID, false); return err }},
		{"RevokeAPIKey", operators, func(who kycd.Principal) error { return e.svc.RevokeAPIKey(e.ctx, who, "nosuchkey") }},
		{"DisableStaff", operators, func(who kycd.Principal) error { _, err := e.svc.DisableStaff(e.ctx, who, "nosuchaccount"); return err }},
		{"DeleteWebhook", operators, func(who kycd.Principal) error { return e.svc.DeleteWebhook(e.ctx, who, "nosuchwebhook") }},
		{"RotateWebhookSecret", operators, func(who kycd.Principal) error {
			_, err := e.svc.RotateWebhookSecret(e.ctx, who, "nosuchwebhook")
			return err
		}},
		{"Stats", operators, func(who kycd.Principal) error {
			_, err := e.svc.Stats(e.ctx, who, e.svc.Now().AddDate(0, 0, -7), e.svc.Now())
			return err
		}},
	}
	all := []kycd.Role{"", kycd.RoleApplicant, kycd.RoleReviewer, kycd.RoleSeniorReviewer, kycd.RoleAdmin, kycd.RoleAPI}
	for _, c := range cases {
		for _, role := range all {
			who := kycd.Principal{AccountID: "acct-" + string(role), Role: role}
			err := c.call(who)
			forbidden := kycd.ErrorCode(err) == "auth.forbidden"
			if want := !role.In(c.allowed); forbidden != want {
				t.Errorf("%s as %q: %v, want forbidden=%v", c.name, role, err, want)
			}
		}
	}
}
