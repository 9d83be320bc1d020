package http

import (
	"net/http"

	"github.com/tus/tusd/v2/pkg/handler"
)

// routeTable lists every endpoint kycd serves and who may call it. The
// authorization test walks this table × every role, and the OpenAPI test
// checks it against /v1/openapi.json, so nothing is served undocumented or
// unchecked.
func (s *Server) routeTable() []Route {
	return []Route{
		{Pattern: "GET /healthz", Roles: public, Handler: s.handleHealthz},
		{Pattern: "GET /readyz", Roles: public, Handler: s.handleReadyz},
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
		{Pattern: "GET /v1/me/export", Roles: applicant, Handler: s.handleMeExport},
		{Pattern: "DELETE /v1/me", Roles: applicant, Handler: s.handleMeDelete},

		{Pattern: "POST /v1/checks/identity", Roles: public, Handler: s.handleIdentityCheck},

		{Pattern: "POST /v1/applications", Roles: applicant, Handler: s.handleApplicationCreate},
		{Pattern: "GET /v1/applications", Roles: applicant, Handler: s.handleApplicationList},
		{Pattern: "GET /v1/applications/{id}", Roles: applicant, Handler: s.handleApplicationGet},
		{Pattern: "PUT /v1/applications/{id}/identity", Roles: applicant, Handler: s.handleApplicationIdentity},
		{Pattern: "POST /v1/applications/{id}/documents", Roles: applicant, Handler: s.handleDocumentAttach},
		{Pattern: "POST /v1/applications/{id}/precheck", Roles: applicant, Handler: s.handleApplicationPrecheck},
		{Pattern: "POST /v1/applications/{id}/submit", Roles: applicant, Handler: s.handleApplicationSubmit},
		{Pattern: "GET /v1/documents/{id}/content", Roles: applicant, Handler: s.handleDocumentContent},

		{Pattern: "POST /v1/uploads/", Roles: applicant, Handler: s.tusHandler(func(h *handler.UnroutedHandler) http.HandlerFunc { return h.PostFile })},
		{Pattern: "HEAD /v1/uploads/{id}", Roles: applicant, Handler: s.tusHandler(func(h *handler.UnroutedHandler) http.HandlerFunc { return h.HeadFile })},
		{Pattern: "PATCH /v1/uploads/{id}", Roles: applicant, Handler: s.tusHandler(func(h *handler.UnroutedHandler) http.HandlerFunc { return h.PatchFile })},
		{Pattern: "DELETE /v1/uploads/{id}", Roles: applicant, Handler: s.tusHandler(func(h *handler.UnroutedHandler) http.HandlerFunc { return h.DelFile })},

		{Pattern: "GET /v1/review/queue", Roles: reviewers, Handler: s.handleReviewQueue},
		{Pattern: "POST /v1/review/next", Roles: reviewers, Handler: s.handleReviewNext},
		{Pattern: "GET /v1/review/reasons", Roles: reviewers, Handler: s.handleReviewReasons},
		{Pattern: "GET /v1/review/applications/{id}", Roles: reviewers, Handler: s.handleReviewCase},
		{Pattern: "POST /v1/review/applications/{id}/claim", Roles: reviewers, Handler: s.handleReviewClaim},
		{Pattern: "DELETE /v1/review/applications/{id}/claim", Roles: reviewers, Handler: s.handleReviewRelease},
		{Pattern: "POST /v1/review/applications/{id}/decision", Roles: reviewers, Handler: s.handleReviewDecision},
		{Pattern: "POST /v1/review/applications/{id}/confirm", Roles: seniors, Handler: s.handleReviewConfirm},
		{Pattern: "GET /v1/review/documents/{id}/content", Roles: reviewers, Handler: s.handleReviewDocument},
		{Pattern: "GET /v1/review/documents/{id}/card", Roles: reviewers, Handler: s.handleReviewCard},
		{Pattern: "GET /v1/review/alerts", Roles: reviewers, Handler: s.handleReviewAlerts},
		{Pattern: "POST /v1/review/alerts/{id}/resolve", Roles: reviewers, Handler: s.handleReviewAlertResolve},

		{Pattern: "GET /v1/admin/accounts/{id}", Roles: operatorRole, Handler: s.handleAdminAccount},
		{Pattern: "POST /v1/admin/accounts/{id}/holds", Roles: operatorRole, Handler: s.handleHoldCreate},
		{Pattern: "GET /v1/admin/holds", Roles: operatorRole, Handler: s.handleHoldList},
		{Pattern: "DELETE /v1/admin/holds/{id}", Roles: operatorRole, Handler: s.handleHoldRelease},
		{Pattern: "POST /v1/admin/webhooks", Roles: operatorRole, Handler: s.handleWebhookCreate},
		{Pattern: "GET /v1/admin/webhooks", Roles: operatorRole, Handler: s.handleWebhookList},
		{Pattern: "GET /v1/admin/webhooks/deliveries", Roles: operatorRole, Handler: s.handleWebhookDeliveries},
		{Pattern: "DELETE /v1/admin/webhooks/{id}", Roles: operatorRole, Handler: s.handleWebhookDelete},
		{Pattern: "POST /v1/admin/webhooks/{id}/secret", Roles: operatorRole, Handler: s.handleWebhookRotate},
		{Pattern: "DELETE /v1/admin/api-keys/{id}", Roles: operatorRole, Handler: s.handleAPIKeyRevoke},
		{Pattern: "POST /v1/admin/staff/{id}/disable", Roles: operatorRole, Handler: s.handleStaffDisable},
		{Pattern: "GET /v1/admin/lists", Roles: operatorRole, Handler: s.handleScreeningLists},
		{Pattern: "PUT /v1/admin/invites/{code}", Roles: operatorRole, Handler: s.handleAdminInvite},
		{Pattern: "POST /v1/screening", Roles: operatorRole, Handler: s.handleScreening},

		{Pattern: "GET /dev/outbox", Roles: public, Handler: s.handleDevOutbox, DevOnly: true},
	}
}
