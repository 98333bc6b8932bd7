package glossia

// Role is a user's role in an account. A user is admin of their own
// personal account; organizations have admins and members.
type Role string

// The roles. RoleNone means no relationship.
const (
	RoleNone   Role = ""
	RoleMember Role = "member"
	RoleAdmin  Role = "admin"
)

// Valid reports whether r is admin or member.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleMember }

func (r Role) atLeast(min Role) bool {
	switch min {
	case RoleAdmin:
		return r == RoleAdmin
	case RoleMember:
		return r == RoleAdmin || r == RoleMember
	}
	return true
}

// Relation is what the acting user is to one account: the facts the policy
// decides on.
type Relation struct {
	Kind       AccountKind
	Handle     string
	Visibility Visibility
	// Role is the acting user's role in the account, RoleNone if none.
	Role Role
}

// Visible reports whether the caller may know the account exists: members
// always, anyone when the account is public.
func (r Relation) Visible() bool {
	return r.Role != RoleNone || r.Visibility == VisibilityPublic
}

// Permission is an action on an account or its resources: the scope a token
// needs for it and the policy that applies to the owner.
type Permission struct {
	// Name says what the permission allows, for error messages.
	Name string
	// Scope is the scope a token must hold.
	Scope Scope
	// MinRole is the least role the acting user needs in the account.
	MinRole Role
	// Public means anyone may, when the account is public.
	Public bool
	// OrganizationOnly means the target must be an organization.
	OrganizationOnly bool
}

// The permissions on accounts and their resources (SPEC §5). Self-only
// scopes (user, account, api_credentials) and creating an organization need
// no relationship and are checked with Actor.Require.
var (
	PermReadOrganization   = Permission{Name: "read this organization", Scope: ScopeOrganizationRead, MinRole: RoleMember, OrganizationOnly: true}
	PermUpdateOrganization = Permission{Name: "update this organization", Scope: ScopeOrganizationWrite, MinRole: RoleAdmin, OrganizationOnly: true}
	PermDeleteOrganization = Permission{Name: "delete this organization", Scope: ScopeOrganizationDelete, MinRole: RoleAdmin, OrganizationOnly: true}
	PermReadMembers        = Permission{Name: "read the members of this organization", Scope: ScopeMembersRead, MinRole: RoleMember, OrganizationOnly: true}
	PermManageMembers      = Permission{Name: "manage the members of this organization", Scope: ScopeMembersWrite, MinRole: RoleAdmin, OrganizationOnly: true}
	PermReadProjects       = Permission{Name: "read projects of this account", Scope: ScopeProjectRead, MinRole: RoleMember, Public: true}
	PermWriteProjects      = Permission{Name: "create or update projects of this account", Scope: ScopeProjectWrite, MinRole: RoleAdmin}
	PermDeleteProjects     = Permission{Name: "delete projects of this account", Scope: ScopeProjectDelete, MinRole: RoleAdmin}
	PermReadVoice          = Permission{Name: "read the voice of this account", Scope: ScopeVoiceRead, MinRole: RoleMember, Public: true}
	PermWriteVoice         = Permission{Name: "save the voice of this account", Scope: ScopeVoiceWrite, MinRole: RoleAdmin}
)

// Authorize decides whether actor may use p on the account described by
// rel. It checks, in order: the token's scope (EFORBIDDEN with
// RequiredScope), the account's visibility to the owner (ENOTFOUND, the same
// answer as for an account that does not exist), and the owner's role
// (EFORBIDDEN).
func Authorize(actor *Actor, p Permission, rel Relation) error {
	if err := actor.Require(p.Scope); err != nil {
		return err
	}
	if !rel.Visible() || (p.OrganizationOnly && rel.Kind != KindOrganization) {
		return AccountNotFound(rel.Handle, p.OrganizationOnly)
	}
	if rel.Role.atLeast(p.MinRole) || (p.Public && rel.Visibility == VisibilityPublic) {
		return nil
	}
	if p.MinRole == RoleAdmin {
		return Errorf(EFORBIDDEN, "only admins of %s may %s", rel.Handle, p.Name)
	}
	return Errorf(EFORBIDDEN, "only members of %s may %s", rel.Handle, p.Name)
}

// AccountNotFound is the error for an account that does not exist or that
// the caller may not see; both read the same.
func AccountNotFound(handle string, organization bool) error {
	if organization {
		return Errorf(ENOTFOUND, "organization %s not found", quote(handle))
	}
	return Errorf(ENOTFOUND, "account %s not found", quote(handle))
}
