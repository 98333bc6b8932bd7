package main

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

// TestAPIDocumentedExample is the example of the documentation: a
// project:read token reads projects, cannot create one (403 naming
// project:write), and stops working on the very next request once revoked.
func TestAPIDocumentedExample(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		s := startAPIServer(t, engine)
		s.CreateUser(t, "ada")
		reader := s.CreateToken(t, "ada", "project:read")
		admin := s.CreateToken(t, "ada", "api_credentials:read", "api_credentials:write")
		ctx := context.Background()

		page := must(s.Client(t, reader).ListAllProjects(ctx, glossia.PageRequest{}))(t)
		if page.Projects == nil {
			t.Errorf("GET /api/projects: projects is null, want a list")
		}

		r := s.Raw(t, "POST", "/api/accounts/ada/projects", `{"handle":"site","name":"Site"}`,
			bearer(reader), "Content-Type: application/json")
		if r.Status != 403 {
			t.Fatalf("POST projects with project:read: %d %s", r.Status, r.Body)
		}
		if p := r.problem(t); p["error"] != "insufficient_scope" || p["required_scope"] != "project:write" {
			t.Errorf("problem %v, want insufficient_scope naming project:write", p)
		}
		if got := r.Header.Get("WWW-Authenticate"); !strings.Contains(got, `error="insufficient_scope"`) || !strings.Contains(got, `scope="project:write"`) {
			t.Errorf("WWW-Authenticate %q", got)
		}

		self := must(s.Client(t, reader).CurrentToken(ctx))(t)
		revoked := must(s.Client(t, admin).RevokeToken(ctx, self.ID))(t)
		if revoked.Status != glossia.TokenRevoked || revoked.RevokedAt == nil {
			t.Errorf("DELETE answered %+v, want the revoked token", revoked)
		}
		r = s.Raw(t, "GET", "/api/projects", "", bearer(reader))
		if r.Status != 401 || r.problem(t)["error"] != "invalid_token" {
			t.Fatalf("the next request with the revoked token: %d %s", r.Status, r.Body)
		}
		if got := r.Header.Get("WWW-Authenticate"); !strings.Contains(got, `error="invalid_token"`) ||
			!strings.Contains(got, `resource_metadata="`+s.URL+`/.well-known/oauth-protected-resource"`) {
			t.Errorf("WWW-Authenticate %q", got)
		}
		again := must(s.Client(t, admin).RevokeToken(ctx, self.ID))(t)
		if !again.RevokedAt.Equal(*revoked.RevokedAt) {
			t.Errorf("revoking again changed the token: %v then %v", revoked.RevokedAt, again.RevokedAt)
		}
	})
}

// TestAPITokenLifecycle creates, reads, renames, rotates and revokes a
// token through the client.
func TestAPITokenLifecycle(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		s := startAPIServer(t, engine)
		s.CreateUser(t, "ada")
		rootSecret := s.CreateToken(t, "ada", "api_credentials:read", "api_credentials:write", "user:read")
		root := s.Client(t, rootSecret)
		ctx := context.Background()
		days := 7

		created := must(root.CreateToken(ctx, glossia.TokenCreate{Name: "CI deploy", Scope: "user:read", ExpiresInDays: &days}))(t)
		if err := glossia.CheckTokenSecret(created.PlainToken); err != nil {
			t.Fatalf("plain_token: %v", err)
		}
		tok := created.Token
		if tok.Prefix != created.PlainToken[:12] || tok.CreatedVia != glossia.SurfaceAPI || tok.ParentTokenID == nil || tok.ExpiresAt == nil {
			t.Errorf("created token %+v", tok)
		}

		r := s.Raw(t, "GET", "/api/user", "", bearer(created.PlainToken))
		if r.Status != 200 || r.Header.Get("Glossia-Token-Expires-At") != tok.ExpiresAt.UTC().Format(time.RFC3339) {
			t.Errorf("GET /api/user with the new token: %d, Glossia-Token-Expires-At %q, want %s",
				r.Status, r.Header.Get("Glossia-Token-Expires-At"), tok.ExpiresAt.UTC().Format(time.RFC3339))
		}
		if strings.Contains(r.Body, "glsa_") {
			t.Errorf("GET /api/user carries a secret: %s", r.Body)
		}

		list := must(root.ListTokens(ctx, glossia.TokenFilter{}))(t)
		if len(list.Tokens) != 2 || list.Tokens[0].ID != tok.ID {
			t.Errorf("list: %d tokens, first %v; want 2, newest first", len(list.Tokens), list.Tokens)
		}

		name, desc := "CI deploy (prod)", "Deploys the site"
		renamed := must(root.UpdateToken(ctx, tok.ID, glossia.TokenUpdate{Name: &name, Description: &desc}))(t)
		if renamed.Name != name || renamed.Description != desc || !slices.Equal(renamed.Scopes, tok.Scopes) {
			t.Errorf("renamed %+v", renamed)
		}
		_, err := root.UpdateToken(ctx, tok.ID, glossia.TokenUpdate{Scopes: true})
		if e := mustCode(t, err, glossia.EINVALID); len(e.Fields["scopes"]) == 0 {
			t.Errorf("changing scopes: fields %v, want a message on scopes", e.Fields)
		}

		rotated := must(root.RotateToken(ctx, tok.ID, glossia.TokenRotate{GraceSeconds: 60}))(t)
		if rotated.Token.Name != name || !slices.Equal(rotated.Token.Scopes, tok.Scopes) || !rotated.Token.ExpiresAt.Equal(*tok.ExpiresAt) {
			t.Errorf("rotated token %+v differs from %+v", rotated.Token, tok)
		}
		if r := s.Raw(t, "GET", "/api/user", "", bearer(created.PlainToken)); r.Status != 200 {
			t.Errorf("the old secret within its grace period: %d", r.Status)
		}
		if r := s.Raw(t, "GET", "/api/user", "", bearer(rotated.PlainToken)); r.Status != 200 {
			t.Errorf("the new secret: %d", r.Status)
		}
		r = s.Raw(t, "POST", "/api/tokens/"+rotated.Token.ID+"/rotate", "", bearer(created.PlainToken))
		if r.Status != 403 {
			t.Errorf("a user:read token rotating: %d %s", r.Status, r.Body)
		}
		r = s.Raw(t, "POST", "/api/tokens/"+rotated.Token.ID+"/rotate", "", bearer(rootSecret))
		if r.Status != 201 || r.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("rotate without a body: %d, Cache-Control %q", r.Status, r.Header.Get("Cache-Control"))
		}
	})
}
