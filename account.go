package kycd

import (
	"log/slog"
	"slices"
	"time"
)

// Role decides what a caller may do.
type Role string

// Roles. RoleAPI is the exchange's backend calling with an API key.
const (
	RoleApplicant      Role = "applicant"
	RoleReviewer       Role = "reviewer"
	RoleSeniorReviewer Role = "senior_reviewer"
	RoleAdmin          Role = "admin"
	RoleAPI            Role = "api"
)

// ParseRole parses a role name accepted by the admin CLI.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleApplicant, RoleReviewer, RoleSeniorReviewer, RoleAdmin:
		return r, nil
	}
	return "", ErrorWith("role.invalid")
}

// Staff reports whether the role belongs to the operator's people.
func (r Role) Staff() bool {
	return r == RoleReviewer || r == RoleSeniorReviewer || r == RoleAdmin
}

// Who may do what, once. The service checks these itself in every use
// case; http/ and web/ build their route tables from the same lists, as an
// outer fence that answers before a handler runs.
var (
	// ReviewerRoles work the review desk: queue, cases, claims, decisions,
	// documents.
	ReviewerRoles = []Role{RoleReviewer, RoleSeniorReviewer, RoleAdmin}
	// SeniorRoles may also confirm or overturn a proposed final rejection
	// (four-eyes).
	SeniorRoles = []Role{RoleSeniorReviewer, RoleAdmin}
	// OperatorRoles read the dashboard and run the operator API.
	OperatorRoles = []Role{RoleAdmin, RoleAPI}
)

// In reports whether r is one of roles.
func (r Role) In(roles []Role) bool { return slices.Contains(roles, r) }

// mayDo refuses a principal whose role is not one of roles.
func (p Principal) mayDo(roles []Role) error {
	if !p.Role.In(roles) {
		return ErrorWith("auth.forbidden")
	}
	return nil
}

// Account is a registered person (applicant) or a member of staff.
// Email and Phone are personal data: they are stored encrypted, found
// through a keyed hash, and never logged (see LogValue).
type Account struct {
	ID              string
	Email           string
	Phone           string // E.164
	PasswordHash    string
	Locale          string
	Role            Role
	Level           int
	InviteCode      string // this account's own code, given to others
	InvitedBy       string // account id of the inviter, if any
	InviteBenefit   string // operator-configured tag carried by the code used, e.g. fee_discount_20
	EmailVerifiedAt *time.Time
	PhoneVerifiedAt *time.Time
	// DisabledAt is when an operator disabled the (staff) account: it
	// can no longer log in and its sessions no longer authenticate.
	DisabledAt *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// ClosedAt is when the person closed the account (nil while open);
	// ErasedAt when the last of its data was erased after that.
	ClosedAt *time.Time
	ErasedAt *time.Time
}

// LogValue keeps personal data out of logs: only the id and role appear.
func (a Account) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", a.ID), slog.String("role", string(a.Role)))
}

// AccountUpdate lists the fields UpdateAccount may change; nil means keep.
type AccountUpdate struct {
	PasswordHash    *string
	Level           *int
	EmailVerifiedAt *time.Time
	PhoneVerifiedAt *time.Time
	Locale          *string
	DisabledAt      *time.Time
	UpdatedAt       time.Time
}

// Invite is an operator's configuration of what an invite code grants.
type Invite struct {
	Code    string
	Benefit string
}

// InvitationCount says how many accounts one code brought.
type InvitationCount struct {
	Code     string `json:"code"`
	Accounts int    `json:"accounts"`
}
