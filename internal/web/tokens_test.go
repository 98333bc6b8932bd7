package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

func TestCreatedPageShowsTheSecretOnceAndNowhereElse(t *testing.T) {
	s := MustStartSite(t, nil)
	u, b := s.MustUserWithBrowser(t, "ada")
	r := b.MustCreateToken("CI deploy", "project:read", "user:read")
	secret := secretPattern.FindString(r.Body)
	if secret == "" {
		t.Fatal("the created page shows no glsa_ secret")
	}
	if got := r.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", got)
	}
	for name, values := range r.Header {
		for _, v := range values {
			if strings.Contains(v, secret) {
				t.Errorf("header %s carries the secret", name)
			}
		}
	}
	base, _ := url.Parse(s.URL)
	for _, c := range b.c.Jar.Cookies(base) {
		if strings.Contains(c.Value, secret) {
			t.Errorf("cookie %s carries the secret", c.Name)
		}
	}
	if list := b.Get("/settings/api/tokens"); strings.Contains(list.Body, secret) || !strings.Contains(list.Body, "CI deploy") {
		t.Error("the list must show the token without its secret")
	}
	if strings.Contains(s.Logs.String(), secret) {
		t.Error("the secret is in the server log")
	}
	tokens := s.tokens(t, u)
	if len(tokens) != 1 || tokens[0].CreatedVia != glossia.SurfaceDashboard {
		t.Fatalf("tokens = %+v, want one created via the dashboard", tokens)
	}
	if tokens[0].ExpiresAt == nil {
		t.Error("the 30-day preset gave a token that never expires")
	}
	if _, err := s.Store.Authenticator().AuthenticateToken(context.Background(), secret, glossia.Origin{Via: glossia.SurfaceAPI}); err != nil {
		t.Errorf("the shown secret does not authenticate: %v", err)
	}
}

func TestNewTokenFormErrorsKeepInput(t *testing.T) {
	s := MustStartSite(t, nil)
	u, b := s.MustUserWithBrowser(t, "ada")
	tests := []struct {
		name    string
		form    url.Values
		status  int
		want    []string
		notWant []string
	}{
		{
			name:   "no name and no scope",
			form:   url.Values{"name": {""}, "description": {"kept description"}, "expiration": {"30"}},
			status: http.StatusUnprocessableEntity,
			want:   []string{`id="name-error"`, `id="scopes-error"`, "kept description", `value="30" checked`},
		},
		{
			name:   "custom date missing, with other errors",
			form:   url.Values{"name": {""}, "expiration": {"custom"}},
			status: http.StatusUnprocessableEntity,
			want:   []string{`id="expiration-error"`, `id="name-error"`, `id="scopes-error"`, "Choose the date"},
		},
		{
			name:    "custom date that is not a date",
			form:    url.Values{"name": {"kept name"}, "scopes": {"voice:read"}, "expiration": {"custom"}, "expires_on": {"someday"}},
			status:  http.StatusUnprocessableEntity,
			want:    []string{`id="expiration-error"`, `value="kept name"`, `value="voice:read" checked`, `value="custom" id="expiration-custom" checked`},
			notWant: []string{`value="project:read" checked`},
		},
		{
			name:   "custom date in the past",
			form:   url.Values{"name": {"old"}, "scopes": {"voice:read"}, "expiration": {"custom"}, "expires_on": {"2001-01-01"}},
			status: http.StatusUnprocessableEntity,
			want:   []string{`id="expiration-error"`, `value="2001-01-01"`},
		},
		{
			name:   "unknown scope",
			form:   url.Values{"name": {"x"}, "scopes": {"root:all"}, "expiration": {"never"}},
			status: http.StatusUnprocessableEntity,
			want:   []string{`id="scopes-error"`, "root:all", `value="never" id="expiration-never" checked`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.form.Set("csrf_token", b.MustCSRF("/settings/api/tokens/new"))
			r := b.Post("/settings/api/tokens", tt.form)
			if r.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", r.StatusCode, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.Body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(r.Body, w) {
					t.Errorf("page has %q", w)
				}
			}
			if secretPattern.MatchString(r.Body) {
				t.Error("a failed form shows a secret")
			}
		})
	}
	if n := len(s.tokens(t, u)); n != 0 {
		t.Errorf("%d tokens created by invalid forms", n)
	}
}

func TestTokenListShowsScopesLastUseAndExpiry(t *testing.T) {
	s := MustStartSite(t, nil)
	u, b := s.MustUserWithBrowser(t, "ada")
	ctx := sqltest.SessionContext(context.Background(), u)
	never, err := s.Store.Services().Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "forever", Scopes: []glossia.Scope{"voice:read"}})
	if err != nil {
		t.Fatal(err)
	}
	b.MustCreateToken("monthly", "project:read")
	list := b.Get("/settings/api/tokens")
	for _, want := range []string{"forever", "monthly", "voice:read", "project:read", ">Never<", never.Token.Prefix + "…"} {
		if !strings.Contains(list.Body, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	if _, err := s.Store.Authenticator().AuthenticateToken(context.Background(), never.PlainToken, glossia.Origin{Via: glossia.SurfaceAPI, IP: "192.0.2.9"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Store.FlushLastUsed(context.Background()); err != nil {
		t.Fatal(err)
	}
	if list := b.Get("/settings/api/tokens"); !strings.Contains(list.Body, "Less than a minute ago") {
		t.Error("the list does not show the last use once flushed")
	}
	if edit := b.Get("/settings/api/tokens/" + never.Token.ID); !strings.Contains(edit.Body, "192.0.2.9") {
		t.Error("the edit page does not show where the token was last used from")
	}
}

func TestAnotherUsersTokenIsNotFound(t *testing.T) {
	s := MustStartSite(t, nil)
	owner := sqltest.MustSignUp(t, s.Store, "owner")
	tok, secret := sqltest.MustCreateToken(t, s.Store, owner, "project:read")
	_, b := s.MustUserWithBrowser(t, "mallory")
	csrf := b.MustCSRF("/settings/api/tokens")
	tests := []struct {
		name string
		do   func() *response
	}{
		{"edit page", func() *response { return b.Get("/settings/api/tokens/" + tok.ID) }},
		{"update", func() *response {
			return b.Post("/settings/api/tokens/"+tok.ID, url.Values{"csrf_token": {csrf}, "name": {"pwned"}})
		}},
		{"revoke", func() *response {
			return b.Post("/settings/api/tokens/"+tok.ID+"/revoke", url.Values{"csrf_token": {csrf}, "confirmed": {"yes"}})
		}},
		{"malformed id", func() *response { return b.Get("/settings/api/tokens/not-a-uuid") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.do()
			if r.StatusCode != http.StatusNotFound {
				t.Fatalf("status %d, want 404", r.StatusCode)
			}
			if !strings.Contains(r.Body, "Page not found") || strings.Contains(r.Body, "test token") {
				t.Error("the 404 page should say not found and reveal nothing of the token")
			}
		})
	}
	got := s.tokens(t, owner)[0]
	if got.Name != "test token" || got.RevokedAt != nil {
		t.Errorf("the owner's token changed: %+v", got)
	}
	if _, err := s.Store.Authenticator().AuthenticateToken(context.Background(), secret, glossia.Origin{Via: glossia.SurfaceAPI}); err != nil {
		t.Errorf("the owner's token stopped working: %v", err)
	}
}

func TestEditAndRevokeToken(t *testing.T) {
	s := MustStartSite(t, nil)
	u, b := s.MustUserWithBrowser(t, "ada")
	secret := secretPattern.FindString(b.MustCreateToken("CI deploy", "project:read").Body)
	id := s.tokens(t, u)[0].ID
	edit := "/settings/api/tokens/" + id
	csrf := b.MustCSRF(edit)

	t.Run("invalid name re-renders with the message", func(t *testing.T) {
		r := b.Post(edit, url.Values{"csrf_token": {csrf}, "name": {"  "}, "description": {"kept"}})
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="name-error"`) || !strings.Contains(r.Body, "kept") {
			t.Fatalf("status %d; want 422 with the name's message and the input kept", r.StatusCode)
		}
	})
	t.Run("rename", func(t *testing.T) {
		r := b.Post(edit, url.Values{"csrf_token": {csrf}, "name": {"CI deploy (prod)"}, "description": {"deploys main"}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("status %d, want 303", r.StatusCode)
		}
		if got := s.tokens(t, u)[0]; got.Name != "CI deploy (prod)" || got.Description != "deploys main" {
			t.Fatalf("token after edit = %q %q", got.Name, got.Description)
		}
		if list := b.Get(r.Header.Get("Location")); !strings.Contains(list.Body, "Token updated.") {
			t.Error("the list does not confirm the update")
		}
	})
	t.Run("revoke without confirmation asks first", func(t *testing.T) {
		r := b.Post(edit+"/revoke", url.Values{"csrf_token": {csrf}})
		if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `name="confirmed" value="yes"`) {
			t.Fatalf("status %d; want the confirmation page", r.StatusCode)
		}
		if s.tokens(t, u)[0].RevokedAt != nil {
			t.Fatal("the token was revoked without confirmation")
		}
	})
	t.Run("confirmed revoke", func(t *testing.T) {
		r := b.Post(edit+"/revoke", url.Values{"csrf_token": {csrf}, "confirmed": {"yes"}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("status %d, want 303", r.StatusCode)
		}
		if _, err := s.Store.Authenticator().AuthenticateToken(context.Background(), secret, glossia.Origin{Via: glossia.SurfaceAPI}); glossia.ErrorCode(err) != glossia.EUNAUTHENTICATED {
			t.Fatalf("revoked secret: err %v, want EUNAUTHENTICATED", err)
		}
		if list := b.Get("/settings/api/tokens"); strings.Contains(list.Body, "CI deploy (prod)") {
			t.Error("the default list still shows the revoked token")
		}
		if revoked := b.Get("/settings/api/tokens?status=revoked"); !strings.Contains(revoked.Body, "CI deploy (prod)") || !strings.Contains(revoked.Body, "Revoked") {
			t.Error("the revoked filter does not show the token as revoked")
		}
	})
	t.Run("a revoked token cannot be renamed", func(t *testing.T) {
		r := b.Post(edit, url.Values{"csrf_token": {csrf}, "name": {"again"}})
		if r.StatusCode != http.StatusConflict || !strings.Contains(r.Body, `role="alert"`) {
			t.Fatalf("status %d; want 409 with a message", r.StatusCode)
		}
	})
}
