package glossia

import (
	"context"
	"time"
)

// Audit actions.
const (
	AuditUserSignUp         = "user.sign_up"
	AuditUserUpdate         = "user.update"
	AuditTokenCreate        = "token.create"
	AuditTokenUpdate        = "token.update"
	AuditTokenRevoke        = "token.revoke"
	AuditTokenRotate        = "token.rotate"
	AuditOrganizationCreate = "organization.create"
	AuditOrganizationUpdate = "organization.update"
	AuditOrganizationDelete = "organization.delete"
	AuditMemberSet          = "member.set"
	AuditMemberRemove       = "member.remove"
	AuditProjectCreate      = "project.create"
	AuditProjectUpdate      = "project.update"
	AuditProjectDelete      = "project.delete"
	AuditVoiceSave          = "voice.save"
)

// AuditEvent records who did what to which token or resource, when, via
// which surface and from which IP.
type AuditEvent struct {
	ID string `json:"id"`
	// ActorUserID is the acting user; empty for operator commands run on
	// the database.
	ActorUserID string `json:"actor_user_id"`
	// ActorTokenID is the token the actor used, empty for sessions.
	ActorTokenID string    `json:"actor_token_id"`
	Action       string    `json:"action"`
	TargetType   string    `json:"target_type"`
	TargetID     string    `json:"target_id"`
	Via          Surface   `json:"via"`
	IP           string    `json:"ip"`
	UserAgent    string    `json:"user_agent"`
	CreatedAt    time.Time `json:"created_at"`
}

// AuditPage is one page of audit events, newest first.
type AuditPage struct {
	Events     []*AuditEvent `json:"events"`
	NextCursor *string       `json:"next_cursor"`
}

// AuditService reads the audit log.
type AuditService interface {
	// ListAuditEvents returns the events the caller caused or that target
	// the caller's tokens, newest first. Needs api_credentials:read.
	// Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID.
	ListAuditEvents(ctx context.Context, page PageRequest) (*AuditPage, error)
}
