package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/glossia/glossia/internal/server"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

func TestEveryPageSendsSecurityHeaders(t *testing.T) {
	s := MustStartSite(t, nil)
	_, b := s.MustUserWithBrowser(t, "ada")
	b.MustCreateToken("CI deploy", "project:read")
	id := s.tokens(t, mustUser(t, s, "ada"))[0].ID
	anon := s.NewBrowser(t)
	tests := []struct {
		name   string
		b      *browser
		path   string
		status int
	}{
		{"sign-in page", anon, "/signin", http.StatusOK},
		{"sign-up page", anon, "/signup", http.StatusOK},
		{"home signed out", anon, "/", http.StatusSeeOther},
		{"token list signed out", anon, "/settings/api/tokens", http.StatusSeeOther},
		{"stylesheet", anon, "/static/app.css", http.StatusOK},
		{"unknown static file", anon, "/static/nope.js", http.StatusNotFound},
		{"home", b, "/", http.StatusSeeOther},
		{"token list", b, "/settings/api/tokens", http.StatusOK},
		{"revoked tokens", b, "/settings/api/tokens?status=revoked", http.StatusOK},
		{"new token form", b, "/settings/api/tokens/new", http.StatusOK},
		{"token edit", b, "/settings/api/tokens/" + id, http.StatusOK},
		{"unknown token", b, "/settings/api/tokens/0190d1a2-0000-7000-8000-000000000000", http.StatusNotFound},
		{"organizations", b, "/organizations", http.StatusOK},
		{"new organization", b, "/organizations/new", http.StatusOK},
		{"projects", b, "/projects", http.StatusOK},
		{"account projects", b, "/accounts/ada/projects", http.StatusOK},
		{"security log", b, "/settings/security-log", http.StatusOK},
	}
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
		"Referrer-Policy":         "same-origin",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.b.Get(tt.path)
			if r.StatusCode != tt.status {
				t.Fatalf("GET %s: status %d, want %d", tt.path, r.StatusCode, tt.status)
			}
			for k, v := range want {
				if got := r.Header.Get(k); got != v {
					t.Errorf("GET %s: %s = %q, want %q", tt.path, k, got, v)
				}
			}
		})
	}
}

func TestPagesHaveNoInlineScriptOrStyle(t *testing.T) {
	s := MustStartSite(t, nil)
	_, b := s.MustUserWithBrowser(t, "ada")
	created := b.MustCreateToken("CI deploy", "project:read")
	for _, r := range []*response{b.Get("/settings/api/tokens"), b.Get("/settings/api/tokens/new"), created, s.NewBrowser(t).Get("/signin")} {
		for _, bad := range []string{"<script>", " style=", "<style", " onclick=", " onsubmit=", "javascript:"} {
			if strings.Contains(r.Body, bad) {
				t.Errorf("%s %s contains %q, which the CSP blocks", r.Request.Method, r.Request.URL.Path, bad)
			}
		}
	}
}

func TestStatePostWithoutValidCSRFTokenIsRefused(t *testing.T) {
	s := MustStartSite(t, nil)
	u, b := s.MustUserWithBrowser(t, "ada")
	good := b.MustCSRF("/settings/api/tokens/new")
	form := func(token string) url.Values {
		v := url.Values{"name": {"sneaky"}, "scopes": {"project:read"}, "expiration": {"7"}}
		if token != "" {
			v.Set("csrf_token", token)
		}
		return v
	}
	tests := []struct {
		name  string
		path  string
		token string
	}{
		{"create token without a token", "/settings/api/tokens", ""},
		{"create token with a wrong token", "/settings/api/tokens", strings.Repeat("0", len(good))},
		{"create token with a truncated token", "/settings/api/tokens", good[:len(good)-1]},
		{"create organization without a token", "/organizations", ""},
		{"sign out without a token", "/signout", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.Post(tt.path, form(tt.token))
			if r.StatusCode != http.StatusForbidden {
				t.Fatalf("POST %s: status %d, want 403", tt.path, r.StatusCode)
			}
		})
	}
	if n := len(s.tokens(t, u)); n != 0 {
		t.Errorf("%d tokens were created by refused requests", n)
	}
	if r := b.Get("/settings/api/tokens"); r.StatusCode != http.StatusOK {
		t.Errorf("after a refused sign-out the session should still work: status %d", r.StatusCode)
	}
	t.Run("sign in without the form token", func(t *testing.T) {
		anon := s.NewBrowser(t)
		r := anon.Post("/signin", url.Values{"email": {u.Email}, "password": {sqltest.Password}})
		if r.StatusCode != http.StatusForbidden {
			t.Fatalf("status %d, want 403", r.StatusCode)
		}
		if anon.Cookie("glossia_session") != "" {
			t.Fatal("a session cookie was set")
		}
	})
}

func TestCrossOriginPostIsRefused(t *testing.T) {
	s := MustStartSite(t, nil)
	u, b := s.MustUserWithBrowser(t, "ada")
	token := b.MustCSRF("/settings/api/tokens/new")
	valid := url.Values{"csrf_token": {token}, "name": {"x"}, "scopes": {"project:read"}, "expiration": {"7"}}
	tests := []struct {
		name   string
		header http.Header
	}{
		{"Sec-Fetch-Site cross-site", http.Header{"Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://evil.example"}}},
		{"Sec-Fetch-Site same-site", http.Header{"Sec-Fetch-Site": {"same-site"}, "Origin": {"http://sub.localhost"}}},
		{"foreign Origin without Sec-Fetch-Site", http.Header{"Origin": {"https://evil.example"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.PostWith("/settings/api/tokens", valid, tt.header)
			if r.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d, want 403", r.StatusCode)
			}
			if !strings.Contains(r.Body, "another site") {
				t.Errorf("the 403 page does not say why:\n%s", r.Body)
			}
		})
	}
	if n := len(s.tokens(t, u)); n != 0 {
		t.Errorf("%d tokens were created by cross-origin requests", n)
	}
	t.Run("sign in from another site", func(t *testing.T) {
		anon := s.NewBrowser(t)
		form := url.Values{"csrf_token": {anon.MustCSRF("/signin")}, "email": {u.Email}, "password": {sqltest.Password}}
		r := anon.PostWith("/signin", form, http.Header{"Sec-Fetch-Site": {"cross-site"}})
		if r.StatusCode != http.StatusForbidden {
			t.Fatalf("status %d, want 403", r.StatusCode)
		}
	})
	t.Run("same origin passes", func(t *testing.T) {
		r := b.Post("/settings/api/tokens", valid)
		if r.StatusCode != http.StatusCreated {
			t.Fatalf("status %d, want 201", r.StatusCode)
		}
	})
}

func TestSessionCookieAttributes(t *testing.T) {
	tests := []struct {
		name       string
		baseURL    string
		cookie     string
		wantSecure bool
	}{
		{"http", "", "glossia_session", false},
		{"https", "https://glossia.example", "__Host-glossia_session", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := MustStartSite(t, func(c *server.Config) {
				if tt.baseURL != "" {
					c.BaseURL = tt.baseURL
				}
			})
			u := sqltest.MustSignUp(t, s.Store, "ada")
			b := s.NewBrowser(t)
			// The test client speaks plain http, so the jar would drop a
			// Secure cookie: read the form cookie off the response instead.
			page := b.Get("/signin")
			var formCookie *http.Cookie
			for _, c := range page.Cookies() {
				if strings.HasSuffix(c.Name, "glossia_form") {
					formCookie = c
				}
			}
			if formCookie == nil {
				t.Fatal("the sign-in page set no form cookie")
			}
			form := url.Values{"csrf_token": {csrfField.FindStringSubmatch(page.Body)[1]}, "email": {u.Email}, "password": {sqltest.Password}}
			h := http.Header{"Sec-Fetch-Site": {"same-origin"}, "Cookie": {formCookie.Name + "=" + formCookie.Value}}
			r := b.PostWith("/signin", form, h)
			if r.StatusCode != http.StatusSeeOther {
				t.Fatalf("sign in: status %d, want 303", r.StatusCode)
			}
			var session *http.Cookie
			for _, c := range r.Cookies() {
				if c.Name == tt.cookie && c.Value != "" {
					session = c
				}
			}
			if session == nil {
				t.Fatalf("no %s cookie in %q", tt.cookie, r.Header.Values("Set-Cookie"))
			}
			if !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" || session.Secure != tt.wantSecure {
				t.Errorf("session cookie = %+v, want HttpOnly, SameSite=Lax, Path=/, Secure=%v", session, tt.wantSecure)
			}
		})
	}
}
