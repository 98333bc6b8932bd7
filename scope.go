package glossia

import (
	"slices"
	"strings"
)

// Scope is a permission a token may hold, written object:action. No scope
// implies another.
type Scope string

// The scope catalogue.
const (
	ScopeUserRead            Scope = "user:read"
	ScopeUserWrite           Scope = "user:write"
	ScopeAccountRead         Scope = "account:read"
	ScopeOrganizationRead    Scope = "organization:read"
	ScopeOrganizationWrite   Scope = "organization:write"
	ScopeOrganizationDelete  Scope = "organization:delete"
	ScopeMembersRead         Scope = "members:read"
	ScopeMembersWrite        Scope = "members:write"
	ScopeProjectRead         Scope = "project:read"
	ScopeProjectWrite        Scope = "project:write"
	ScopeProjectDelete       Scope = "project:delete"
	ScopeVoiceRead           Scope = "voice:read"
	ScopeVoiceWrite          Scope = "voice:write"
	ScopeAPICredentialsRead  Scope = "api_credentials:read"
	ScopeAPICredentialsWrite Scope = "api_credentials:write"
)

// ScopesVersion is the version of the scope catalogue. Tokens record the
// version they were created under. A new version may add scopes or narrow
// what one grants, never widen an existing scope: tokens store their scopes
// by name, and names absent from the catalogue are dropped when a token is
// read (see KnownScopes), so a change can only take power away.
const ScopesVersion = 1

// ScopeInfo describes one scope of the catalogue.
type ScopeInfo struct {
	Scope       Scope  `json:"scope"`
	Object      string `json:"object"`
	Description string `json:"description"`
}

var scopeCatalogue = []ScopeInfo{
	{ScopeUserRead, "user", "Read your profile"},
	{ScopeUserWrite, "user", "Update your profile"},
	{ScopeAccountRead, "account", "List the accounts you belong to"},
	{ScopeOrganizationRead, "organization", "Read your organizations"},
	{ScopeOrganizationWrite, "organization", "Create organizations and update those you administer"},
	{ScopeOrganizationDelete, "organization", "Delete organizations you administer"},
	{ScopeMembersRead, "members", "Read the members of your organizations"},
	{ScopeMembersWrite, "members", "Add, change and remove members where you are an admin"},
	{ScopeProjectRead, "project", "Read projects of your accounts and of public accounts"},
	{ScopeProjectWrite, "project", "Create and update projects where you are an admin"},
	{ScopeProjectDelete, "project", "Delete projects where you are an admin"},
	{ScopeVoiceRead, "voice", "Read voices of your accounts and of public accounts"},
	{ScopeVoiceWrite, "voice", "Save new voice versions where you are an admin"},
	{ScopeAPICredentialsRead, "api_credentials", "List your account tokens"},
	{ScopeAPICredentialsWrite, "api_credentials", "Create, edit, rotate and revoke your account tokens"},
}

// Catalogue returns every scope with its object and description, in display
// order.
func Catalogue() []ScopeInfo {
	return slices.Clone(scopeCatalogue)
}

// AllScopes returns every scope of the catalogue in display order.
func AllScopes() []Scope {
	out := make([]Scope, len(scopeCatalogue))
	for i, info := range scopeCatalogue {
		out[i] = info.Scope
	}
	return out
}

// Known reports whether s is in the catalogue.
func (s Scope) Known() bool {
	return scopeRank(s) >= 0
}

func scopeRank(s Scope) int {
	for i, info := range scopeCatalogue {
		if info.Scope == s {
			return i
		}
	}
	return -1
}

// ParseScopes validates names against the catalogue and returns them without
// duplicates, in catalogue order. An unknown or empty list is an EINVALID
// error on field "scopes".
func ParseScopes(names []string) ([]Scope, error) {
	var v Violations
	seen := make(map[Scope]bool, len(names))
	out := make([]Scope, 0, len(names))
	for _, name := range names {
		s := Scope(name)
		if !s.Known() {
			v.Add("scopes", "unknown scope "+quote(name))
			continue
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(names) == 0 {
		v.Add("scopes", "at least one scope is required")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	SortScopes(out)
	return out, nil
}

// KnownScopes returns the scopes of a stored, space-separated list that the
// current catalogue still knows, in catalogue order. Unknown names are
// dropped, never mapped to something wider.
func KnownScopes(stored string) []Scope {
	fields := strings.Fields(stored)
	out := make([]Scope, 0, len(fields))
	for _, f := range fields {
		if s := Scope(f); s.Known() && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	SortScopes(out)
	return out
}

// JoinScopes returns scopes as one space-separated string, the stored and
// OAuth form.
func JoinScopes(scopes []Scope) string {
	parts := make([]string, len(scopes))
	for i, s := range scopes {
		parts[i] = string(s)
	}
	return strings.Join(parts, " ")
}

// SortScopes sorts scopes in catalogue order.
func SortScopes(scopes []Scope) {
	slices.SortFunc(scopes, func(a, b Scope) int { return scopeRank(a) - scopeRank(b) })
}

// HasScope reports whether scopes contains s exactly.
func HasScope(scopes []Scope, s Scope) bool {
	return slices.Contains(scopes, s)
}

func quote(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "…"
	}
	return `"` + strings.ToValidUTF8(s, "?") + `"`
}
