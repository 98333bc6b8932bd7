package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

func TestOrganizations(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		alice := sqltest.MustSignUp(t, e.st, "alice")
		bob := sqltest.MustSignUp(t, e.st, "bob")
		actx := sqltest.SessionContext(context.Background(), alice)
		bctx := sqltest.SessionContext(context.Background(), bob)
		org, err := e.svc.Organizations.CreateOrganization(actx, glossia.OrganizationCreate{Handle: "acme", Name: " Acme ", Description: "Rockets"})
		mustNoError(t, err)
		if org.Handle != "acme" || org.Name != "Acme" || org.Visibility != glossia.VisibilityPrivate || org.Role != glossia.RoleAdmin {
			t.Fatalf("created = %+v", org)
		}
		t.Run("handles share the namespace with users", func(t *testing.T) {
			_, err := e.svc.Organizations.CreateOrganization(bctx, glossia.OrganizationCreate{Handle: "alice", Name: "X"})
			wantMessage(t, err, glossia.ECONFLICT, "already taken")
			_, err = e.svc.Organizations.CreateOrganization(bctx, glossia.OrganizationCreate{Handle: "acme", Name: "X"})
			wantCode(t, err, glossia.ECONFLICT)
		})
		t.Run("invalid input", func(t *testing.T) {
			_, err := e.svc.Organizations.CreateOrganization(actx, glossia.OrganizationCreate{Handle: "Bad Handle", Name: ""})
			ge := wantCode(t, err, glossia.EINVALID)
			if len(ge.Fields["handle"]) == 0 || len(ge.Fields["name"]) == 0 {
				t.Fatalf("fields = %v", ge.Fields)
			}
		})
		t.Run("update", func(t *testing.T) {
			pub := glossia.VisibilityPublic
			got, err := e.svc.Organizations.UpdateOrganization(actx, "acme", glossia.OrganizationUpdate{Description: ptr(" Better rockets "), Visibility: &pub})
			mustNoError(t, err)
			if got.Name != "Acme" || got.Description != "Better rockets" || got.Visibility != pub {
				t.Fatalf("updated = %+v", got)
			}
			found, err := e.svc.Organizations.FindOrganization(actx, "acme")
			mustNoError(t, err)
			if found.Description != "Better rockets" || found.Role != glossia.RoleAdmin {
				t.Fatalf("found = %+v", found)
			}
		})
		t.Run("list is the caller's organizations by handle", func(t *testing.T) {
			for _, h := range []string{"zeta", "beta"} {
				_, err := e.svc.Organizations.CreateOrganization(actx, glossia.OrganizationCreate{Handle: h, Name: h})
				mustNoError(t, err)
			}
			_, err := e.svc.Organizations.CreateOrganization(bctx, glossia.OrganizationCreate{Handle: "bobs", Name: "Bob's"})
			mustNoError(t, err)
			var got []string
			p := glossia.PageRequest{Limit: 2}
			for {
				page, err := e.svc.Organizations.ListOrganizations(actx, p)
				mustNoError(t, err)
				for _, o := range page.Organizations {
					got = append(got, o.Handle)
				}
				if page.NextCursor == nil {
					break
				}
				p.Cursor = *page.NextCursor
			}
			if !slices.Equal(got, []string{"acme", "beta", "zeta"}) {
				t.Fatalf("organizations = %v", got)
			}
			accts, err := e.svc.Accounts.ListAccounts(actx, glossia.PageRequest{})
			mustNoError(t, err)
			var handles []string
			for _, a := range accts.Accounts {
				handles = append(handles, fmt.Sprintf("%s:%s", a.Handle, a.Kind))
			}
			if !slices.Equal(handles, []string{"acme:organization", "alice:user", "beta:organization", "zeta:organization"}) {
				t.Fatalf("accounts = %v", handles)
			}
		})
		t.Run("delete takes projects, voice and members with it", func(t *testing.T) {
			_, err := e.svc.Projects.CreateProject(actx, "beta", glossia.ProjectCreate{Handle: "site", Name: "Site"})
			mustNoError(t, err)
			_, err = e.svc.Voices.SaveVoice(actx, "beta", glossia.VoiceSave{Tone: "calm"})
			mustNoError(t, err)
			_, err = e.svc.Members.SetMember(actx, "beta", "bob", glossia.RoleMember)
			mustNoError(t, err)
			mustNoError(t, e.svc.Organizations.DeleteOrganization(actx, "beta"))
			_, err = e.svc.Organizations.FindOrganization(actx, "beta")
			wantCode(t, err, glossia.ENOTFOUND)
			all, err := e.svc.Projects.ListAllProjects(bctx, glossia.PageRequest{})
			mustNoError(t, err)
			if len(all.Projects) != 0 {
				t.Fatalf("bob still sees %v", all.Projects)
			}
			_, err = e.svc.Organizations.CreateOrganization(bctx, glossia.OrganizationCreate{Handle: "beta", Name: "Beta again"})
			mustNoError(t, err)
		})
	})
}

func TestMembers(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		alice := sqltest.MustSignUp(t, e.st, "alice")
		bob := sqltest.MustSignUp(t, e.st, "bob")
		carol := sqltest.MustSignUp(t, e.st, "carol")
		actx := sqltest.SessionContext(context.Background(), alice)
		bctx := sqltest.SessionContext(context.Background(), bob)
		_, err := e.svc.Organizations.CreateOrganization(actx, glossia.OrganizationCreate{Handle: "acme", Name: "Acme"})
		mustNoError(t, err)

		t.Run("the last admin can neither be demoted nor leave", func(t *testing.T) {
			_, err := e.svc.Members.SetMember(actx, "acme", "alice", glossia.RoleMember)
			wantMessage(t, err, glossia.ECONFLICT, "last admin")
			err = e.svc.Members.RemoveMember(actx, "acme", "alice")
			wantMessage(t, err, glossia.ECONFLICT, "last admin")
		})
		t.Run("admins add members and change roles", func(t *testing.T) {
			m, err := e.svc.Members.SetMember(actx, "acme", "bob", glossia.RoleMember)
			mustNoError(t, err)
			if m.Handle != "bob" || m.Role != glossia.RoleMember {
				t.Fatalf("member = %+v", m)
			}
			_, err = e.svc.Members.SetMember(actx, "acme", "carol", glossia.RoleAdmin)
			mustNoError(t, err)
			_, err = e.svc.Members.SetMember(actx, "acme", "nobody", glossia.RoleMember)
			wantMessage(t, err, glossia.ENOTFOUND, "nobody")
			_, err = e.svc.Members.SetMember(actx, "acme", "bob", "owner")
			wantCode(t, err, glossia.EINVALID)
			p, err := e.svc.Members.ListMembers(bctx, "acme", glossia.PageRequest{})
			mustNoError(t, err)
			var got []string
			for _, m := range p.Members {
				got = append(got, m.Handle+":"+string(m.Role))
			}
			if !slices.Equal(got, []string{"alice:admin", "bob:member", "carol:admin"}) {
				t.Fatalf("members = %v", got)
			}
		})
		t.Run("members cannot manage others but may leave", func(t *testing.T) {
			_, err := e.svc.Members.SetMember(bctx, "acme", "bob", glossia.RoleAdmin)
			wantCode(t, err, glossia.EFORBIDDEN)
			err = e.svc.Members.RemoveMember(bctx, "acme", "carol")
			wantCode(t, err, glossia.EFORBIDDEN)
			mustNoError(t, e.svc.Members.RemoveMember(bctx, "acme", "bob"))
			_, err = e.svc.Organizations.FindOrganization(bctx, "acme")
			wantCode(t, err, glossia.ENOTFOUND)
		})
		t.Run("an admin may step down while another admin remains", func(t *testing.T) {
			_, err := e.svc.Members.SetMember(actx, "acme", "alice", glossia.RoleMember)
			mustNoError(t, err)
			cctx := sqltest.SessionContext(context.Background(), carol)
			err = e.svc.Members.RemoveMember(cctx, "acme", "carol")
			wantCode(t, err, glossia.ECONFLICT)
			err = e.svc.Members.RemoveMember(cctx, "acme", "bob")
			wantMessage(t, err, glossia.ENOTFOUND, "not a member")
		})
		t.Run("personal accounts have no members", func(t *testing.T) {
			_, err := e.svc.Members.SetMember(actx, "alice", "bob", glossia.RoleMember)
			wantCode(t, err, glossia.ENOTFOUND)
		})
	})
}

func TestProjectsAndVoices(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		alice := sqltest.MustSignUp(t, e.st, "alice")
		bob := sqltest.MustSignUp(t, e.st, "bob")
		actx := sqltest.SessionContext(context.Background(), alice)
		bctx := sqltest.SessionContext(context.Background(), bob)
		_, err := e.svc.Organizations.CreateOrganization(actx, glossia.OrganizationCreate{Handle: "acme", Name: "Acme"})
		mustNoError(t, err)
		_, err = e.svc.Members.SetMember(actx, "acme", "bob", glossia.RoleMember)
		mustNoError(t, err)
		for _, acct := range []string{"acme", "alice"} {
			for _, h := range []string{"web", "api"} {
				_, err := e.svc.Projects.CreateProject(actx, acct, glossia.ProjectCreate{Handle: h, Name: h})
				mustNoError(t, err)
			}
		}
		_, err = e.svc.Projects.CreateProject(actx, "acme", glossia.ProjectCreate{Handle: "web", Name: "again"})
		wantMessage(t, err, glossia.ECONFLICT, "already taken in acme")
		_, err = e.svc.Projects.CreateProject(bctx, "bob", glossia.ProjectCreate{Handle: "web", Name: "bob's web"})
		mustNoError(t, err)

		t.Run("all projects of the caller's accounts, by account then handle", func(t *testing.T) {
			var got []string
			p := glossia.PageRequest{Limit: 2}
			for {
				page, err := e.svc.Projects.ListAllProjects(bctx, p)
				mustNoError(t, err)
				for _, pr := range page.Projects {
					got = append(got, pr.Account+"/"+pr.Handle)
				}
				if page.NextCursor == nil {
					break
				}
				p.Cursor = *page.NextCursor
			}
			if !slices.Equal(got, []string{"acme/api", "acme/web", "bob/web"}) {
				t.Fatalf("projects = %v", got)
			}
		})
		t.Run("update and delete", func(t *testing.T) {
			p, err := e.svc.Projects.UpdateProject(actx, "acme", "web", glossia.ProjectUpdate{Name: ptr("Website"), Description: ptr(" public site ")})
			mustNoError(t, err)
			if p.Name != "Website" || p.Description != "public site" || p.Account != "acme" {
				t.Fatalf("updated = %+v", p)
			}
			mustNoError(t, e.svc.Projects.DeleteProject(actx, "acme", "api"))
			_, err = e.svc.Projects.FindProject(bctx, "acme", "api")
			wantMessage(t, err, glossia.ENOTFOUND, "project")
			_, err = e.svc.Projects.FindProject(bctx, "acme", "NOT A HANDLE")
			wantCode(t, err, glossia.ENOTFOUND)
		})
		t.Run("voice versions", func(t *testing.T) {
			_, err := e.svc.Voices.FindVoice(bctx, "acme")
			wantMessage(t, err, glossia.ENOTFOUND, "no voice")
			for _, tone := range []string{"warm", "dry", "playful"} {
				_, err := e.svc.Voices.SaveVoice(actx, "acme", glossia.VoiceSave{Tone: tone, Formality: glossia.FormalityInformal})
				mustNoError(t, err)
			}
			v, err := e.svc.Voices.FindVoice(bctx, "acme")
			mustNoError(t, err)
			if v.Version != 3 || v.Tone != "playful" || v.CreatedBy != "alice" || v.Account != "acme" {
				t.Fatalf("latest voice = %+v", v)
			}
			var versions []int
			p := glossia.PageRequest{Limit: 2}
			for {
				page, err := e.svc.Voices.ListVoiceVersions(bctx, "acme", p)
				mustNoError(t, err)
				for _, v := range page.Versions {
					versions = append(versions, v.Version)
				}
				if page.NextCursor == nil {
					break
				}
				p.Cursor = *page.NextCursor
			}
			if !slices.Equal(versions, []int{3, 2, 1}) {
				t.Fatalf("versions = %v", versions)
			}
			_, err = e.svc.Voices.SaveVoice(actx, "acme", glossia.VoiceSave{Formality: "shouty"})
			wantCode(t, err, glossia.EINVALID)
		})
	})
}

func TestAuditEvents(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		alice := sqltest.MustSignUp(t, e.st, "alice")
		bob := sqltest.MustSignUp(t, e.st, "bob")
		sctx := sqltest.SessionContext(context.Background(), alice)
		parent, secret := sqltest.MustCreateToken(t, e.st, alice, glossia.ScopeAPICredentialsWrite, glossia.ScopeAPICredentialsRead)
		tctx := sqltest.TokenContext(t, e.st, secret)
		c, err := e.svc.Tokens.CreateToken(tctx, glossia.TokenCreate{Name: "child", Scopes: []glossia.Scope{glossia.ScopeAPICredentialsRead}})
		mustNoError(t, err)
		_, err = e.svc.Tokens.UpdateToken(sctx, c.Token.ID, glossia.TokenUpdate{Name: ptr("renamed")})
		mustNoError(t, err)
		_, err = e.svc.Tokens.RotateToken(tctx, c.Token.ID, glossia.TokenRotate{})
		mustNoError(t, err)
		_, err = e.svc.Tokens.RevokeToken(sctx, parent.ID)
		mustNoError(t, err)

		page, err := e.st.Audit().ListAuditEvents(sctx, glossia.PageRequest{Limit: 100})
		mustNoError(t, err)
		var got []string
		for _, ev := range page.Events {
			got = append(got, fmt.Sprintf("%s via %s by token %t from %s", ev.Action, ev.Via, ev.ActorTokenID != "", ev.IP))
		}
		// Newest first; a rotation records the new token's creation too.
		want := []string{
			"token.revoke via dashboard by token false from 192.0.2.1",
			"token.rotate via api by token true from 192.0.2.2",
			"token.create via api by token true from 192.0.2.2",
			"token.update via dashboard by token false from 192.0.2.1",
			"token.create via api by token true from 192.0.2.2",
			"token.create via cli by token false from ",
			"user.sign_up via  by token false from ",
		}
		if !slices.Equal(got, want) {
			t.Fatalf("events:\n got %q\nwant %q", got, want)
		}
		t.Run("others see only their own events", func(t *testing.T) {
			page, err := e.st.Audit().ListAuditEvents(sqltest.SessionContext(context.Background(), bob), glossia.PageRequest{})
			mustNoError(t, err)
			if len(page.Events) != 1 || page.Events[0].Action != glossia.AuditUserSignUp {
				t.Fatalf("bob sees %+v", page.Events)
			}
		})
		t.Run("pages", func(t *testing.T) {
			var n int
			p := glossia.PageRequest{Limit: 3}
			for {
				page, err := e.st.Audit().ListAuditEvents(sctx, p)
				mustNoError(t, err)
				n += len(page.Events)
				if page.NextCursor == nil {
					break
				}
				p.Cursor = *page.NextCursor
			}
			if n != len(want) {
				t.Fatalf("paged through %d events, want %d", n, len(want))
			}
		})
	})
}
