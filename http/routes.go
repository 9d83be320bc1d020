package http

// routeTable lists every endpoint kycd serves and who may call it. The
// authorization test walks this table × every role, and the OpenAPI test
// checks it against /v1/openapi.json, so nothing is served undocumented or
// unchecked.
func (s *Server) routeTable() []Route {
	return []Route{
		{Pattern: "GET /healthz", Roles: public, Handler: s.handleHealthz},
		{Pattern: "GET /readyz", Roles: public, Handler: s.handleReadyz},
		{Pattern: "GET /metrics", Roles: public, Handler: s.handleMetrics},
		{Pattern: "GET /v1/openapi.json", Roles: public, Handler: s.handleOpenAPI},
		{Pattern: "GET /v1/levels", Roles: public, Handler: s.handleLevels},

		{Pattern: "POST /v1/accounts", Roles: public, Handler: s.handleAccountCreate},
		{Pattern: "POST /v1/accounts/verify", Roles: applicant, Handler: s.handleAccountVerify},
		{Pattern: "POST /v1/accounts/resend", Roles: applicant, Handler: s.handleAccountResend},
		{Pattern: "POST /v1/sessions", Roles: public, Handler: s.handleSessionCreate},
		{Pattern: "DELETE /v1/sessions/current", Roles: anyAccount, Handler: s.handleSessionDelete},
		{Pattern: "POST /v1/password-resets", Roles: public, Handler: s.handlePasswordResetRequest},
		{Pattern: "POST /v1/password-resets/confirm", Roles: public, Handler: s.handlePasswordResetConfirm},
		{Pattern: "GET /v1/me", Roles: anyAccount, Handler: s.handleMe},
		{Pattern: "GET /v1/me/invitations", Roles: anyAccount, Handler: s.handleMeInvitations},

		{Pattern: "GET /v1/admin/accounts/{id}", Roles: operatorRole, Handler: s.handleAdminAccount},
		{Pattern: "PUT /v1/admin/invites/{code}", Roles: operatorRole, Handler: s.handleAdminInvite},

		{Pattern: "GET /dev/outbox", Roles: public, Handler: s.handleDevOutbox, DevOnly: true},
	}
}
