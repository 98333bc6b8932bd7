package main

import (
	"context"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

// TestAPIIsolation shows what one user's token cannot do to another user,
// to an organization it does not belong to, as a mere member, or when
// minting tokens.
func TestAPIIsolation(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		s := startAPIServer(t, engine)
		s.CreateUser(t, "ada")
		s.CreateUser(t, "bob")
		all := []string{"api_credentials:read", "api_credentials:write", "organization:read", "organization:write",
			"organization:delete", "members:read", "members:write", "project:read", "project:write", "project:delete"}
		ada := s.Client(t, s.CreateToken(t, "ada", all...))
		bob := s.Client(t, s.CreateToken(t, "bob", all...))
		ctx := context.Background()

		bobToken := must(bob.CurrentToken(ctx))(t)
		t.Run("another user's tokens are not found", func(t *testing.T) {
			name := "mine now"
			_, err := ada.FindToken(ctx, bobToken.ID)
			mustCode(t, err, glossia.ENOTFOUND)
			_, err = ada.UpdateToken(ctx, bobToken.ID, glossia.TokenUpdate{Name: &name})
			mustCode(t, err, glossia.ENOTFOUND)
			_, err = ada.RotateToken(ctx, bobToken.ID, glossia.TokenRotate{})
			mustCode(t, err, glossia.ENOTFOUND)
			_, err = ada.RevokeToken(ctx, bobToken.ID)
			mustCode(t, err, glossia.ENOTFOUND)
			if tok := must(bob.CurrentToken(ctx))(t); tok.Status != glossia.TokenActive || tok.Name != bobToken.Name {
				t.Errorf("bob's token changed: %+v", tok)
			}
		})

		must(bob.CreateOrganization(ctx, glossia.OrganizationCreate{Handle: "bobco", Name: "Bob & Co"}))(t)
		must(bob.CreateProject(ctx, "bobco", glossia.ProjectCreate{Handle: "secret-plan", Name: "Secret plan"}))(t)
		t.Run("a foreign private organization and its projects are not found", func(t *testing.T) {
			_, err := ada.FindOrganization(ctx, "bobco")
			mustCode(t, err, glossia.ENOTFOUND)
			_, err = ada.ListProjects(ctx, "bobco", glossia.PageRequest{})
			mustCode(t, err, glossia.ENOTFOUND)
			_, err = ada.FindProject(ctx, "bobco", "secret-plan")
			mustCode(t, err, glossia.ENOTFOUND)
			_, err = ada.ListMembers(ctx, "bobco", glossia.PageRequest{})
			mustCode(t, err, glossia.ENOTFOUND)
			mustCode(t, ada.DeleteOrganization(ctx, "bobco"), glossia.ENOTFOUND)
			for _, p := range must(ada.ListAllProjects(ctx, glossia.PageRequest{}))(t).Projects {
				if p.Account == "bobco" {
					t.Errorf("ada's project list shows %s/%s", p.Account, p.Handle)
				}
			}
		})

		must(bob.SetMember(ctx, "bobco", "ada", glossia.RoleMember))(t)
		t.Run("a member cannot do what only admins may", func(t *testing.T) {
			must(ada.FindOrganization(ctx, "bobco"))(t)
			must(ada.FindProject(ctx, "bobco", "secret-plan"))(t)
			name := "Ada & Co"
			_, err := ada.UpdateOrganization(ctx, "bobco", glossia.OrganizationUpdate{Name: &name})
			mustCode(t, err, glossia.EFORBIDDEN)
			_, err = ada.CreateProject(ctx, "bobco", glossia.ProjectCreate{Handle: "mine", Name: "Mine"})
			mustCode(t, err, glossia.EFORBIDDEN)
			mustCode(t, ada.DeleteProject(ctx, "bobco", "secret-plan"), glossia.EFORBIDDEN)
			_, err = ada.SetMember(ctx, "bobco", "ada", glossia.RoleAdmin)
			mustCode(t, err, glossia.EFORBIDDEN)
			mustCode(t, ada.RemoveMember(ctx, "bobco", "bob"), glossia.EFORBIDDEN)
			mustCode(t, ada.DeleteOrganization(ctx, "bobco"), glossia.EFORBIDDEN)
		})

		t.Run("the last admin cannot leave", func(t *testing.T) {
			mustCode(t, bob.RemoveMember(ctx, "bobco", "bob"), glossia.ECONFLICT)
			_, err := bob.SetMember(ctx, "bobco", "bob", glossia.RoleMember)
			mustCode(t, err, glossia.ECONFLICT)
		})

		t.Run("a token cannot mint a broader or longer-lived token", func(t *testing.T) {
			narrow := s.Client(t, s.CreateToken(t, "ada", "api_credentials:write", "project:read"))
			_, err := narrow.CreateToken(ctx, glossia.TokenCreate{Name: "wider", Scopes: []glossia.Scope{glossia.ScopeProjectRead, glossia.ScopeProjectWrite}})
			mustCode(t, err, glossia.EFORBIDDEN)

			week := 7
			short := must(narrow.CreateToken(ctx, glossia.TokenCreate{Name: "a week", Scopes: []glossia.Scope{glossia.ScopeAPICredentialsWrite}, ExpiresInDays: &week}))(t)
			child := s.Client(t, short.PlainToken)
			month := 30
			_, err = child.CreateToken(ctx, glossia.TokenCreate{Name: "a month", Scopes: []glossia.Scope{glossia.ScopeAPICredentialsWrite}, ExpiresInDays: &month})
			mustCode(t, err, glossia.EFORBIDDEN)
			_, err = child.CreateToken(ctx, glossia.TokenCreate{Name: "forever", Scopes: []glossia.Scope{glossia.ScopeAPICredentialsWrite}})
			mustCode(t, err, glossia.EFORBIDDEN)
			sooner := time.Now().Add(24 * time.Hour)
			ok := must(child.CreateToken(ctx, glossia.TokenCreate{Name: "a day", Scopes: []glossia.Scope{glossia.ScopeAPICredentialsWrite}, ExpiresAt: &sooner}))(t)
			if ok.Token.ParentTokenID == nil || *ok.Token.ParentTokenID != short.Token.ID {
				t.Errorf("parent_token_id %v, want %s", ok.Token.ParentTokenID, short.Token.ID)
			}
		})
	})
}

// TestAPIMalformedTokensNeverReachTheDatabase counts the store's token
// lookups around requests with tokens that fail the format or checksum.
func TestAPIMalformedTokensNeverReachTheDatabase(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		s := startAPIServer(t, engine, "GLOSSIA_FAILED_AUTH_PER_MINUTE=1000")
		good := glossia.NewTokenSecret()
		badChecksum := good[:len(good)-1] + map[bool]string{true: "1", false: "0"}[good[len(good)-1] == '0']
		before := s.metric(t, "glossia_token_lookups_total")
		for _, secret := range []string{
			badChecksum,
			good[:40],
			good + "0",
			"glsa_" + "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
			"GLSA_" + good[5:],
			"ghp_notours",
		} {
			if r := s.Raw(t, "GET", "/api/user", "", bearer(secret)); r.Status != 401 || r.problem(t)["error"] != "invalid_token" {
				t.Errorf("token %.12s…: %d %s", secret, r.Status, r.Body)
			}
		}
		if after := s.metric(t, "glossia_token_lookups_total"); after != before {
			t.Errorf("malformed tokens caused %v token lookups, want none", after-before)
		}
		s.Raw(t, "GET", "/api/user", "", bearer(good))
		if after := s.metric(t, "glossia_token_lookups_total"); after != before+1 {
			t.Errorf("a well-formed unknown token caused %v lookups, want 1 (is the counter wired?)", after-before)
		}
	})
}

// TestAPIFailedAuthenticationLimit shows the per-IP limit on failed
// authentications: once spent, even a valid token gets 429.
func TestAPIFailedAuthenticationLimit(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		s := startAPIServer(t, engine, "GLOSSIA_FAILED_AUTH_PER_MINUTE=3")
		s.CreateUser(t, "ada")
		valid := s.CreateToken(t, "ada", "user:read")
		for range 3 {
			s.Raw(t, "GET", "/api/user", "", bearer(glossia.NewTokenSecret()))
		}
		r := s.Raw(t, "GET", "/api/user", "", bearer(valid))
		if r.Status != 429 || r.problem(t)["error"] != "rate_limited" || r.Header.Get("Retry-After") == "" {
			t.Errorf("after 3 failures: %d Retry-After %q %s", r.Status, r.Header.Get("Retry-After"), r.Body)
		}
	})
}
