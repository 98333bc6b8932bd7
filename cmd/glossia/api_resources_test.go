package main

import (
	"context"
	"strings"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

// TestAPIResources walks the resources tokens protect: the user, accounts,
// organizations, members, projects and voices, with pagination.
func TestAPIResources(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		s := startAPIServer(t, engine)
		s.CreateUser(t, "ada")
		s.CreateUser(t, "bob")
		secret := s.CreateToken(t, "ada", scopeNames(glossia.AllScopes())...)
		ada := s.Client(t, secret)
		bob := s.Client(t, s.CreateToken(t, "bob", "project:read", "voice:read", "account:read"))
		ctx := context.Background()

		name := "Ada Lovelace"
		if u := must(ada.UpdateCurrentUser(ctx, glossia.UserUpdate{Name: &name}))(t); u.Name != name || u.Handle != "ada" {
			t.Errorf("updated user %+v", u)
		}

		r := s.Raw(t, "POST", "/api/organizations", `{"handle":"acme","name":"Acme","visibility":"public"}`,
			bearer(secret), "Content-Type: application/json")
		if r.Status != 201 || r.Header.Get("Location") != "/api/organizations/acme" {
			t.Fatalf("create organization: %d Location %q %s", r.Status, r.Header.Get("Location"), r.Body)
		}
		_, err := ada.CreateOrganization(ctx, glossia.OrganizationCreate{Handle: "acme", Name: "Again"})
		mustCode(t, err, glossia.ECONFLICT)
		desc := "Rockets"
		if o := must(ada.UpdateOrganization(ctx, "acme", glossia.OrganizationUpdate{Description: &desc}))(t); o.Description != desc || o.Role != glossia.RoleAdmin {
			t.Errorf("updated organization %+v", o)
		}
		must(ada.SetMember(ctx, "acme", "bob", glossia.RoleMember))(t)
		if m := must(ada.ListMembers(ctx, "acme", glossia.PageRequest{}))(t); len(m.Members) != 2 {
			t.Errorf("members %+v", m.Members)
		}
		accounts := must(bob.ListAccounts(ctx, glossia.PageRequest{}))(t)
		if len(accounts.Accounts) != 2 || accounts.Accounts[0].Handle != "acme" || accounts.Accounts[1].Handle != "bob" {
			t.Errorf("bob's accounts %+v", accounts.Accounts)
		}

		for _, h := range []string{"one", "two", "three"} {
			must(ada.CreateProject(ctx, "acme", glossia.ProjectCreate{Handle: h, Name: strings.ToUpper(h)}))(t)
		}
		_, err = ada.CreateProject(ctx, "acme", glossia.ProjectCreate{Handle: "one", Name: "Again"})
		mustCode(t, err, glossia.ECONFLICT)
		var seen []string
		page := glossia.PageRequest{Limit: 2}
		for range 3 {
			p := must(bob.ListProjects(ctx, "acme", page))(t)
			for _, pr := range p.Projects {
				seen = append(seen, pr.Handle)
			}
			if p.NextCursor == nil {
				break
			}
			page.Cursor = *p.NextCursor
		}
		if strings.Join(seen, ",") != "one,three,two" {
			t.Errorf("paged projects %v, want one,three,two", seen)
		}
		newName := "Uno"
		if p := must(ada.UpdateProject(ctx, "acme", "one", glossia.ProjectUpdate{Name: &newName}))(t); p.Name != newName {
			t.Errorf("updated project %+v", p)
		}
		if err := ada.DeleteProject(ctx, "acme", "two"); err != nil {
			t.Fatal(err)
		}
		_, err = ada.FindProject(ctx, "acme", "two")
		mustCode(t, err, glossia.ENOTFOUND)

		_, err = bob.FindVoice(ctx, "acme")
		mustCode(t, err, glossia.ENOTFOUND)
		r = s.Raw(t, "PUT", "/api/accounts/acme/voice", `{"tone":"warm","formality":"informal"}`, bearer(secret), "Content-Type: application/json")
		if r.Status != 201 {
			t.Errorf("first voice save: %d %s", r.Status, r.Body)
		}
		r = s.Raw(t, "PUT", "/api/accounts/acme/voice", `{"tone":"crisp"}`, bearer(secret), "Content-Type: application/json")
		if r.Status != 200 {
			t.Errorf("second voice save: %d %s", r.Status, r.Body)
		}
		if v := must(bob.FindVoice(ctx, "acme"))(t); v.Version != 2 || v.Tone != "crisp" || v.CreatedBy != "ada" {
			t.Errorf("latest voice %+v", v)
		}
		if vs := must(bob.ListVoiceVersions(ctx, "acme", glossia.PageRequest{}))(t); len(vs.Versions) != 2 || vs.Versions[0].Version != 2 {
			t.Errorf("voice versions %+v", vs.Versions)
		}

		if err := ada.RemoveMember(ctx, "acme", "bob"); err != nil {
			t.Fatal(err)
		}
		if err := ada.DeleteOrganization(ctx, "acme"); err != nil {
			t.Fatal(err)
		}
		_, err = ada.FindOrganization(ctx, "acme")
		mustCode(t, err, glossia.ENOTFOUND)
	})
}

// TestAPIDiscovery fetches the public documents and checks the answers to
// unknown routes; the validating transport checks each against the
// OpenAPI document.
func TestAPIDiscovery(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		s := startAPIServer(t, engine)
		for _, path := range []string{"/api/openapi.json", "/healthz", "/readyz", "/metrics",
			"/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"} {
			if r := s.Raw(t, "GET", path, ""); r.Status != 200 {
				t.Errorf("GET %s: %d", path, r.Status)
			}
		}
		r := s.Raw(t, "GET", "/.well-known/oauth-protected-resource", "")
		if !strings.Contains(r.Body, `"resource":"`+s.URL+`/api"`) || !strings.Contains(r.Body, `"bearer_methods_supported":["header"]`) {
			t.Errorf("resource metadata %s", r.Body)
		}
		r = s.Raw(t, "GET", "/api/user", "")
		if r.Status != 401 || r.problem(t)["error"] != "unauthorized" ||
			r.Header.Get("WWW-Authenticate") != `Bearer realm="glossia", resource_metadata="`+s.URL+`/.well-known/oauth-protected-resource"` {
			t.Errorf("no credentials: %d %q %s", r.Status, r.Header.Get("WWW-Authenticate"), r.Body)
		}
		r = s.Raw(t, "GET", "/api/nothing-here", "")
		if r.Status != 404 || r.problem(t)["error"] != "not_found" {
			t.Errorf("unknown path: %d %s", r.Status, r.Body)
		}
		r = s.Raw(t, "DELETE", "/api/tokens", "")
		if r.Status != 405 || r.Header.Get("Allow") != "GET, HEAD, POST" || r.problem(t)["error"] != "method_not_allowed" {
			t.Errorf("wrong method: %d Allow %q %s", r.Status, r.Header.Get("Allow"), r.Body)
		}
		r = s.Raw(t, "GET", "/api/user", "", "Authorization: Bearer x", "Authorization: Bearer y")
		if r.Status != 400 || r.problem(t)["error"] != "invalid_request" {
			t.Errorf("two Authorization headers: %d %s", r.Status, r.Body)
		}
	})
}
