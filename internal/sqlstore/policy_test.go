package sqlstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

// Relations of the acting user to the target account.
const (
	relAdmin      = "admin"
	relMember     = "member"
	relPrivate    = "non-member of private"
	relPublic     = "non-member of public"
	relNoSuchName = "no such account"
)

// policyCase is one permission of SPEC §5: the scope it needs, an
// operation exercising it on an account, and the expected error code for
// each relation when the token holds the scope ("" means allowed).
type policyCase struct {
	name    string
	scope   glossia.Scope
	orgOnly bool
	op      func(ctx context.Context, svc glossia.Services, handle string) error
	want    map[string]string
}

var (
	readers = map[string]string{relAdmin: "", relMember: "", relPrivate: glossia.ENOTFOUND, relPublic: glossia.EFORBIDDEN, relNoSuchName: glossia.ENOTFOUND}
	public  = map[string]string{relAdmin: "", relMember: "", relPrivate: glossia.ENOTFOUND, relPublic: "", relNoSuchName: glossia.ENOTFOUND}
	admins  = map[string]string{relAdmin: "", relMember: glossia.EFORBIDDEN, relPrivate: glossia.ENOTFOUND, relPublic: glossia.EFORBIDDEN, relNoSuchName: glossia.ENOTFOUND}
)

var policyCases = []policyCase{
	{"read organization", glossia.ScopeOrganizationRead, true, func(ctx context.Context, svc glossia.Services, h string) error {
		_, err := svc.Organizations.FindOrganization(ctx, h)
		return err
	}, readers},
	{"update organization", glossia.ScopeOrganizationWrite, true, func(ctx context.Context, svc glossia.Services, h string) error {
		_, err := svc.Organizations.UpdateOrganization(ctx, h, glossia.OrganizationUpdate{Name: ptr("Renamed")})
		return err
	}, admins},
	{"delete organization", glossia.ScopeOrganizationDelete, true, func(ctx context.Context, svc glossia.Services, h string) error {
		return svc.Organizations.DeleteOrganization(ctx, h)
	}, admins},
	{"read members", glossia.ScopeMembersRead, true, func(ctx context.Context, svc glossia.Services, h string) error {
		_, err := svc.Members.ListMembers(ctx, h, glossia.PageRequest{})
		return err
	}, readers},
	{"manage members", glossia.ScopeMembersWrite, true, func(ctx context.Context, svc glossia.Services, h string) error {
		_, err := svc.Members.SetMember(ctx, h, "extra", glossia.RoleMember)
		return err
	}, admins},
	{"list projects", glossia.ScopeProjectRead, false, func(ctx context.Context, svc glossia.Services, h string) error {
		_, err := svc.Projects.ListProjects(ctx, h, glossia.PageRequest{})
		return err
	}, public},
	{"read project", glossia.ScopeProjectRead, false, func(ctx context.Context, svc glossia.Services, h string) error {
		_, err := svc.Projects.FindProject(ctx, h, "site")
		return err
	}, public},
	{"create project", glossia.ScopeProjectWrite, false, func(ctx context.Context, svc glossia.Services, h string) error {
		_, err := svc.Projects.CreateProject(ctx, h, glossia.ProjectCreate{Handle: "docs", Name: "Docs"})
		return err
	}, admins},
	{"update project", glossia.ScopeProjectWrite, false, func(ctx context.Context, svc glossia.Services, h string) error {
		_, err := svc.Projects.UpdateProject(ctx, h, "site", glossia.ProjectUpdate{Name: ptr("Site 2")})
		return err
	}, admins},
	{"delete project", glossia.ScopeProjectDelete, false, func(ctx context.Context, svc glossia.Services, h string) error {
		return svc.Projects.DeleteProject(ctx, h, "site")
	}, admins},
	{"read voice", glossia.ScopeVoiceRead, false, func(ctx context.Context, svc glossia.Services, h string) error {
		_, err := svc.Voices.FindVoice(ctx, h)
		return err
	}, public},
	{"list voice versions", glossia.ScopeVoiceRead, false, func(ctx context.Context, svc glossia.Services, h string) error {
		_, err := svc.Voices.ListVoiceVersions(ctx, h, glossia.PageRequest{})
		return err
	}, public},
	{"save voice", glossia.ScopeVoiceWrite, false, func(ctx context.Context, svc glossia.Services, h string) error {
		_, err := svc.Voices.SaveVoice(ctx, h, glossia.VoiceSave{Tone: "warm"})
		return err
	}, admins},
}

// policyWorld creates fresh target accounts for each case, so that
// destructive operations never disturb another case.
type policyWorld struct {
	e        *env
	outsider *glossia.User
	n        int
}

// target creates an account of kind and visibility with a project "site"
// and a saved voice, and returns its handle and a user with relation rel
// to it.
func (w *policyWorld) target(t *testing.T, kind glossia.AccountKind, vis glossia.Visibility, rel string) (string, *glossia.User) {
	t.Helper()
	w.n++
	ctx := context.Background()
	owner := sqltest.MustSignUp(t, w.e.st, fmt.Sprintf("owner%d", w.n))
	handle := owner.Handle
	if kind == glossia.KindOrganization {
		handle = fmt.Sprintf("org%d", w.n)
		_, err := w.e.svc.Organizations.CreateOrganization(sqltest.SessionContext(ctx, owner),
			glossia.OrganizationCreate{Handle: handle, Name: "Org", Visibility: vis})
		mustNoError(t, err)
	} else if vis == glossia.VisibilityPublic {
		mustNoError(t, sqlstore.ExecForTest(w.e.st, `UPDATE accounts SET visibility = 'public' WHERE handle = ?`, handle))
	}
	octx := sqltest.SessionContext(ctx, owner)
	_, err := w.e.svc.Projects.CreateProject(octx, handle, glossia.ProjectCreate{Handle: "site", Name: "Site"})
	mustNoError(t, err)
	_, err = w.e.svc.Voices.SaveVoice(octx, handle, glossia.VoiceSave{Tone: "dry"})
	mustNoError(t, err)
	switch rel {
	case relAdmin:
		return handle, owner
	case relMember:
		m := sqltest.MustSignUp(t, w.e.st, fmt.Sprintf("member%d", w.n))
		_, err := w.e.svc.Members.SetMember(octx, handle, m.Handle, glossia.RoleMember)
		mustNoError(t, err)
		return handle, m
	case relNoSuchName:
		return "nobody-here", w.outsider
	}
	return handle, w.outsider
}

func TestPolicy(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{Limits: glossia.TokenLimits{MaxLiveTokens: 100000}})
		w := &policyWorld{e: e, outsider: sqltest.MustSignUp(t, e.st, "outsider")}
		sqltest.MustSignUp(t, e.st, "extra")
		for _, kind := range []glossia.AccountKind{glossia.KindOrganization, glossia.KindUser} {
			for _, pc := range policyCases {
				for _, rel := range []string{relAdmin, relMember, relPrivate, relPublic, relNoSuchName} {
					if kind == glossia.KindUser && rel == relMember {
						continue // a personal account has no members
					}
					for _, withScope := range []bool{true, false} {
						name := fmt.Sprintf("%s/%s/%s/scope=%t", kind, pc.name, rel, withScope)
						t.Run(name, func(t *testing.T) {
							vis := glossia.VisibilityPrivate
							if rel == relPublic {
								vis = glossia.VisibilityPublic
							}
							handle, actor := w.target(t, kind, vis, rel)
							scopes := glossia.AllScopes()
							if !withScope {
								scopes = without(scopes, pc.scope)
							}
							_, secret := sqltest.MustCreateToken(t, e.st, actor, scopes...)
							err := pc.op(sqltest.TokenContext(t, e.st, secret), e.svc, handle)
							want := pc.want[rel]
							switch {
							case !withScope:
								want = glossia.EFORBIDDEN
							case kind == glossia.KindUser && pc.orgOnly:
								want = glossia.ENOTFOUND
							}
							wantCode(t, err, want)
							if !withScope {
								if got := glossia.AsError(err).RequiredScope; got != pc.scope {
									t.Fatalf("RequiredScope = %q, want %q", got, pc.scope)
								}
							}
						})
					}
				}
			}
		}
	})
}

func without(scopes []glossia.Scope, drop glossia.Scope) []glossia.Scope {
	var out []glossia.Scope
	for _, s := range scopes {
		if s != drop {
			out = append(out, s)
		}
	}
	return out
}
