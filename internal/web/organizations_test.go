package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

func TestOrganizationMembersAndRoles(t *testing.T) {
	s := MustStartSite(t, nil)
	_, admin := s.MustUserWithBrowser(t, "ada")
	sqltest.MustSignUp(t, s.Store, "grace")
	csrf := admin.MustCSRF("/organizations/new")
	post := func(path string, form url.Values) *response {
		form.Set("csrf_token", csrf)
		return admin.Post(path, form)
	}

	r := post("/organizations", url.Values{"handle": {"acme"}, "name": {"Acme"}, "visibility": {"private"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/organizations/acme?notice=org-created" {
		t.Fatalf("create organization: status %d, Location %q", r.StatusCode, r.Header.Get("Location"))
	}
	steps := []struct {
		name   string
		path   string
		form   url.Values
		status int
		want   string
	}{
		{"reserved handle", "/organizations", url.Values{"handle": {"settings"}, "name": {"X"}}, http.StatusUnprocessableEntity, `id="handle-error"`},
		{"taken handle", "/organizations", url.Values{"handle": {"acme"}, "name": {"Acme again"}}, http.StatusConflict, `value="Acme again"`},
		{"add an unknown user", "/organizations/acme/members", url.Values{"handle": {"nobody"}, "role": {"member"}}, http.StatusUnprocessableEntity, "No user has the handle"},
		{"add grace", "/organizations/acme/members", url.Values{"handle": {"grace"}, "role": {"member"}}, http.StatusSeeOther, ""},
		{"demote the last admin", "/organizations/acme/members/ada", url.Values{"role": {"member"}}, http.StatusConflict, `role="alert"`},
		{"remove the last admin", "/organizations/acme/members/ada/remove", url.Values{"confirmed": {"yes"}}, http.StatusConflict, `role="alert"`},
		{"promote grace", "/organizations/acme/members/grace", url.Values{"role": {"admin"}}, http.StatusSeeOther, ""},
		{"removal asks first", "/organizations/acme/members/grace/remove", url.Values{}, http.StatusOK, `name="confirmed" value="yes"`},
		{"demote ada now that grace is admin", "/organizations/acme/members/ada", url.Values{"role": {"member"}}, http.StatusSeeOther, ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			r := post(st.path, st.form)
			if r.StatusCode != st.status {
				t.Fatalf("POST %s: status %d, want %d\n%s", st.path, r.StatusCode, st.status, r.Body)
			}
			if st.want != "" && !strings.Contains(r.Body, st.want) {
				t.Errorf("page lacks %q", st.want)
			}
		})
	}
	t.Run("a member sees roles but no controls", func(t *testing.T) {
		page := admin.Get("/organizations/acme")
		if page.StatusCode != http.StatusOK || strings.Contains(page.Body, `name="role"`) || !strings.Contains(page.Body, "grace") {
			t.Fatalf("status %d; a member's view should list members without role controls", page.StatusCode)
		}
	})
	t.Run("a member cannot manage members", func(t *testing.T) {
		r := post("/organizations/acme/members/grace", url.Values{"role": {"member"}})
		if r.StatusCode != http.StatusForbidden {
			t.Fatalf("status %d, want 403", r.StatusCode)
		}
	})
	t.Run("outsiders get 404", func(t *testing.T) {
		_, eve := s.MustUserWithBrowser(t, "eve")
		if r := eve.Get("/organizations/acme"); r.StatusCode != http.StatusNotFound {
			t.Fatalf("status %d, want 404", r.StatusCode)
		}
	})
}

func TestProjectsFollowRoles(t *testing.T) {
	s := MustStartSite(t, nil)
	_, ada := s.MustUserWithBrowser(t, "ada")
	_, grace := s.MustUserWithBrowser(t, "grace")
	csrf := ada.MustCSRF("/organizations/new")
	for _, step := range []struct {
		path string
		form url.Values
	}{
		{"/organizations", url.Values{"handle": {"acme"}, "name": {"Acme"}}},
		{"/organizations/acme/members", url.Values{"handle": {"grace"}, "role": {"member"}}},
		{"/accounts/acme/projects", url.Values{"handle": {"docs"}, "name": {"Docs site"}}},
	} {
		step.form.Set("csrf_token", csrf)
		if r := ada.Post(step.path, step.form); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST %s: status %d\n%s", step.path, r.StatusCode, r.Body)
		}
	}
	t.Run("a duplicate handle keeps the input", func(t *testing.T) {
		r := ada.Post("/accounts/acme/projects", url.Values{"csrf_token": {csrf}, "handle": {"docs"}, "name": {"Second docs"}})
		if r.StatusCode != http.StatusConflict || !strings.Contains(r.Body, `value="Second docs"`) {
			t.Fatalf("status %d; want 409 with the input kept", r.StatusCode)
		}
	})
	t.Run("members read", func(t *testing.T) {
		all := grace.Get("/projects")
		one := grace.Get("/accounts/acme/projects")
		if !strings.Contains(all.Body, "Docs site") || !strings.Contains(one.Body, "Docs site") {
			t.Fatal("a member does not see the organization's project")
		}
		if strings.Contains(one.Body, "Create project") {
			t.Error("a member is offered the create form")
		}
	})
	t.Run("members cannot create", func(t *testing.T) {
		r := grace.Post("/accounts/acme/projects", url.Values{"csrf_token": {grace.MustCSRF("/projects")}, "handle": {"x1"}, "name": {"X"}})
		if r.StatusCode != http.StatusForbidden || !strings.Contains(r.Body, "Only admins of acme") {
			t.Fatalf("status %d; want 403 saying only admins may", r.StatusCode)
		}
	})
}
