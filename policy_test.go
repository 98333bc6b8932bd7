package glossia

import (
	"fmt"
	"testing"
)

// TestAuthorize walks every permission against every relation, for a
// session and for tokens with and without the scope: the whole table of
// SPEC §5 as a pure function.
func TestAuthorize(t *testing.T) {
	relations := []struct {
		name string
		rel  Relation
	}{
		{"org admin", Relation{Kind: KindOrganization, Handle: "acme", Visibility: VisibilityPrivate, Role: RoleAdmin}},
		{"org member", Relation{Kind: KindOrganization, Handle: "acme", Visibility: VisibilityPrivate, Role: RoleMember}},
		{"outsider of private org", Relation{Kind: KindOrganization, Handle: "acme", Visibility: VisibilityPrivate}},
		{"outsider of public org", Relation{Kind: KindOrganization, Handle: "acme", Visibility: VisibilityPublic}},
		{"own personal account", Relation{Kind: KindUser, Handle: "ada", Visibility: VisibilityPrivate, Role: RoleAdmin}},
		{"other private personal account", Relation{Kind: KindUser, Handle: "bob", Visibility: VisibilityPrivate}},
		{"other public personal account", Relation{Kind: KindUser, Handle: "bob", Visibility: VisibilityPublic}},
	}
	// want[permission][relation] is the code for a caller holding the scope.
	want := map[string][7]string{
		"PermReadOrganization":   {"", "", ENOTFOUND, EFORBIDDEN, ENOTFOUND, ENOTFOUND, ENOTFOUND},
		"PermUpdateOrganization": {"", EFORBIDDEN, ENOTFOUND, EFORBIDDEN, ENOTFOUND, ENOTFOUND, ENOTFOUND},
		"PermDeleteOrganization": {"", EFORBIDDEN, ENOTFOUND, EFORBIDDEN, ENOTFOUND, ENOTFOUND, ENOTFOUND},
		"PermReadMembers":        {"", "", ENOTFOUND, EFORBIDDEN, ENOTFOUND, ENOTFOUND, ENOTFOUND},
		"PermManageMembers":      {"", EFORBIDDEN, ENOTFOUND, EFORBIDDEN, ENOTFOUND, ENOTFOUND, ENOTFOUND},
		"PermReadProjects":       {"", "", ENOTFOUND, "", "", ENOTFOUND, ""},
		"PermWriteProjects":      {"", EFORBIDDEN, ENOTFOUND, EFORBIDDEN, "", ENOTFOUND, EFORBIDDEN},
		"PermDeleteProjects":     {"", EFORBIDDEN, ENOTFOUND, EFORBIDDEN, "", ENOTFOUND, EFORBIDDEN},
		"PermReadVoice":          {"", "", ENOTFOUND, "", "", ENOTFOUND, ""},
		"PermWriteVoice":         {"", EFORBIDDEN, ENOTFOUND, EFORBIDDEN, "", ENOTFOUND, EFORBIDDEN},
	}
	perms := map[string]Permission{
		"PermReadOrganization": PermReadOrganization, "PermUpdateOrganization": PermUpdateOrganization,
		"PermDeleteOrganization": PermDeleteOrganization, "PermReadMembers": PermReadMembers,
		"PermManageMembers": PermManageMembers, "PermReadProjects": PermReadProjects,
		"PermWriteProjects": PermWriteProjects, "PermDeleteProjects": PermDeleteProjects,
		"PermReadVoice": PermReadVoice, "PermWriteVoice": PermWriteVoice,
	}
	for pname, p := range perms {
		for i, r := range relations {
			expect := want[pname][i]
			session := &Actor{UserID: "u"}
			withScope := &Actor{UserID: "u", TokenID: "t", Scopes: []Scope{p.Scope}}
			withoutScope := &Actor{UserID: "u", TokenID: "t", Scopes: otherScopes(p.Scope)}
			t.Run(fmt.Sprintf("%s/%s", pname, r.name), func(t *testing.T) {
				if got := ErrorCode(Authorize(session, p, r.rel)); got != expect {
					t.Errorf("session: got %q, want %q", got, expect)
				}
				if got := ErrorCode(Authorize(withScope, p, r.rel)); got != expect {
					t.Errorf("token with %s: got %q, want %q", p.Scope, got, expect)
				}
				err := Authorize(withoutScope, p, r.rel)
				if e := AsError(err); e == nil || e.Code != EFORBIDDEN || e.RequiredScope != p.Scope {
					t.Errorf("token without %s: got %v, want EFORBIDDEN naming the scope", p.Scope, err)
				}
			})
		}
	}
}

func otherScopes(except Scope) []Scope {
	var out []Scope
	for _, s := range AllScopes() {
		if s != except {
			out = append(out, s)
		}
	}
	return out
}

// An invisible account and an absent one must read the same.
func TestAuthorizeHidesExistence(t *testing.T) {
	actor := &Actor{UserID: "u"}
	hidden := Authorize(actor, PermReadProjects, Relation{Kind: KindOrganization, Handle: "secret", Visibility: VisibilityPrivate})
	absent := AccountNotFound("secret", false)
	if ErrorMessage(hidden) != ErrorMessage(absent) || ErrorCode(hidden) != ErrorCode(absent) {
		t.Errorf("invisible account: %v; absent account: %v", hidden, absent)
	}
}

func TestActorRequire(t *testing.T) {
	session := &Actor{UserID: "u"}
	if err := session.Require(ScopeAPICredentialsWrite); err != nil {
		t.Errorf("a session skips the scope layer, got %v", err)
	}
	token := &Actor{UserID: "u", TokenID: "t", Scopes: []Scope{ScopeProjectRead}}
	if err := token.Require(ScopeProjectRead); err != nil {
		t.Errorf("token holding project:read: %v", err)
	}
	// No scope implies another: write does not imply read, read does not imply write.
	for _, s := range []Scope{ScopeProjectWrite, ScopeProjectDelete, ScopeUserRead} {
		e := AsError(token.Require(s))
		if e == nil || e.Code != EFORBIDDEN || e.RequiredScope != s {
			t.Errorf("Require(%s) = %v, want EFORBIDDEN naming it", s, e)
		}
	}
}
