package glossia

import (
	"context"
	"regexp"
	"time"
)

// AccountKind says whether an account is a user's personal account or an
// organization.
type AccountKind string

// The account kinds.
const (
	KindUser         AccountKind = "user"
	KindOrganization AccountKind = "organization"
)

// Visibility says who may see an account's projects and voice.
type Visibility string

// The visibilities. Private is the default.
const (
	VisibilityPrivate Visibility = "private"
	VisibilityPublic  Visibility = "public"
)

// Valid reports whether v is private or public.
func (v Visibility) Valid() bool { return v == VisibilityPrivate || v == VisibilityPublic }

// Account is a handle namespace: a user's personal account or an
// organization.
type Account struct {
	ID         string      `json:"id"`
	Handle     string      `json:"handle"`
	Kind       AccountKind `json:"kind"`
	Name       string      `json:"name"`
	Visibility Visibility  `json:"visibility"`
	// Role is the caller's role in the account.
	Role      Role      `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

// AccountPage is one page of accounts.
type AccountPage struct {
	Accounts   []*Account `json:"accounts"`
	NextCursor *string    `json:"next_cursor"`
}

// AccountService lists the accounts a user can access.
type AccountService interface {
	// ListAccounts returns the accounts the caller belongs to, by handle.
	// Needs account:read. Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID
	// (bad limit or cursor).
	ListAccounts(ctx context.Context, page PageRequest) (*AccountPage, error)
}

var handlePattern = regexp.MustCompile(`^[a-z][a-z0-9-]{0,37}[a-z0-9]$`)

// reservedHandles are refused as account handles because they name routes
// or would mislead.
var reservedHandles = map[string]bool{
	"about": true, "account": true, "accounts": true, "admin": true, "api": true,
	"assets": true, "auth": true, "dashboard": true, "docs": true, "glossia": true,
	"healthz": true, "help": true, "login": true, "logout": true, "mcp": true,
	"me": true, "metrics": true, "new": true, "oauth": true, "organizations": true,
	"projects": true, "readyz": true, "root": true, "security": true, "settings": true,
	"signin": true, "signout": true, "signup": true, "static": true, "support": true,
	"system": true, "tokens": true, "user": true, "users": true, "well-known": true,
	"www": true,
}

// ValidateHandle returns a message saying what is wrong with an account
// handle, or "" when it is valid.
func ValidateHandle(h string) string {
	switch {
	case h == "":
		return "is required"
	case len(h) < 2 || len(h) > 39:
		return "must be 2 to 39 characters"
	case !handlePattern.MatchString(h):
		return "must be lowercase letters, digits and hyphens, start with a letter and not end with a hyphen"
	case reservedHandles[h]:
		return "is reserved"
	}
	return ""
}

// ValidateProjectHandle returns a message saying what is wrong with a
// project handle, or "" when it is valid. Project handles follow the
// account rules but no word is reserved.
func ValidateProjectHandle(h string) string {
	switch {
	case h == "":
		return "is required"
	case len(h) < 2 || len(h) > 39:
		return "must be 2 to 39 characters"
	case !handlePattern.MatchString(h):
		return "must be lowercase letters, digits and hyphens, start with a letter and not end with a hyphen"
	}
	return ""
}
