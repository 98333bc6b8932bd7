package glossia

import (
	"context"
	"strings"
	"time"
)

// Organization is an account with members.
type Organization struct {
	ID          string     `json:"id"`
	Handle      string     `json:"handle"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Visibility  Visibility `json:"visibility"`
	// Role is the caller's role in the organization, "" if none.
	Role      Role      `json:"role"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// OrganizationPage is one page of organizations.
type OrganizationPage struct {
	Organizations []*Organization `json:"organizations"`
	NextCursor    *string         `json:"next_cursor"`
}

// OrganizationCreate is the input of CreateOrganization.
type OrganizationCreate struct {
	Handle      string     `json:"handle"`
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	Visibility  Visibility `json:"visibility,omitempty"`
}

// Normalize trims, applies defaults and validates.
func (c *OrganizationCreate) Normalize() error {
	var v Violations
	c.Handle = strings.TrimSpace(c.Handle)
	if msg := ValidateHandle(c.Handle); msg != "" {
		v.Add("handle", msg)
	}
	c.Name = validName(&v, "name", c.Name)
	c.Description = validDescription(&v, "description", c.Description)
	if c.Visibility == "" {
		c.Visibility = VisibilityPrivate
	}
	if !c.Visibility.Valid() {
		v.Add("visibility", `must be "private" or "public"`)
	}
	return v.Err()
}

// OrganizationUpdate changes an organization. Nil fields are left alone.
type OrganizationUpdate struct {
	Name        *string     `json:"name,omitempty"`
	Description *string     `json:"description,omitempty"`
	Visibility  *Visibility `json:"visibility,omitempty"`
}

// Normalize trims and validates the update.
func (u *OrganizationUpdate) Normalize() error {
	var v Violations
	u.Name = validOptional(&v, "name", u.Name, validName)
	u.Description = validOptional(&v, "description", u.Description, validDescription)
	if u.Visibility != nil && !u.Visibility.Valid() {
		v.Add("visibility", `must be "private" or "public"`)
	}
	return v.Err()
}

// OrganizationService manages organizations. Policy: members read, admins
// update and delete, anyone creates (SPEC §5).
type OrganizationService interface {
	// ListOrganizations returns the caller's organizations, by handle. Needs
	// organization:read. Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID.
	ListOrganizations(ctx context.Context, page PageRequest) (*OrganizationPage, error)
	// FindOrganization returns one organization. Needs organization:read.
	// Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
	FindOrganization(ctx context.Context, handle string) (*Organization, error)
	// CreateOrganization creates an organization with the caller as its
	// admin. Needs organization:write. Errors: EUNAUTHENTICATED, EFORBIDDEN,
	// EINVALID, ECONFLICT (handle taken).
	CreateOrganization(ctx context.Context, c OrganizationCreate) (*Organization, error)
	// UpdateOrganization changes an organization. Needs organization:write
	// and the admin role. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND,
	// EINVALID.
	UpdateOrganization(ctx context.Context, handle string, u OrganizationUpdate) (*Organization, error)
	// DeleteOrganization deletes an organization with its projects, voice
	// and memberships. Needs organization:delete and the admin role.
	// Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
	DeleteOrganization(ctx context.Context, handle string) error
}

// Member is a user's membership of an organization.
type Member struct {
	Handle    string    `json:"handle"`
	Name      string    `json:"name"`
	Role      Role      `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

// MemberPage is one page of members.
type MemberPage struct {
	Members    []*Member `json:"members"`
	NextCursor *string   `json:"next_cursor"`
}

// MemberService manages the members of organizations. An organization
// always keeps at least one admin.
type MemberService interface {
	// ListMembers returns an organization's members, by handle. Needs
	// members:read and membership. Errors: EUNAUTHENTICATED, EFORBIDDEN,
	// ENOTFOUND, EINVALID.
	ListMembers(ctx context.Context, org string, page PageRequest) (*MemberPage, error)
	// SetMember adds the user with handle user to the organization, or
	// changes their role. Needs members:write and the admin role. Errors:
	// EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND (organization or user),
	// EINVALID (role), ECONFLICT (demoting the last admin).
	SetMember(ctx context.Context, org, user string, role Role) (*Member, error)
	// RemoveMember removes a member. Needs members:write and the admin role,
	// except that any member may remove themselves (leave). Errors:
	// EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, ECONFLICT (the last admin).
	RemoveMember(ctx context.Context, org, user string) error
}
