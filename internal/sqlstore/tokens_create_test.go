package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

func TestCreateTokenValidation(t *testing.T) {
	read := []glossia.Scope{glossia.ScopeUserRead}
	cases := []struct {
		name         string
		in           glossia.TokenCreate
		field, wantM string
	}{
		{"empty name", glossia.TokenCreate{Name: "  ", Scopes: read}, "name", "is required"},
		{"101-character name", glossia.TokenCreate{Name: strings.Repeat("n", 101), Scopes: read}, "name", "must be at most 100 characters"},
		{"501-character description", glossia.TokenCreate{Name: "ci", Description: strings.Repeat("d", 501), Scopes: read}, "description", "must be at most 500 characters"},
		{"no scope", glossia.TokenCreate{Name: "ci"}, "scopes", "at least one scope is required"},
		{"unknown scope", glossia.TokenCreate{Name: "ci", Scopes: []glossia.Scope{"user:read", "repo:admin"}}, "scopes", `unknown scope "repo:admin"`},
		{"both scopes and scope", glossia.TokenCreate{Name: "ci", Scopes: read, Scope: "user:read"}, "scopes", `give either "scopes" or "scope", not both`},
		{"past expiry", glossia.TokenCreate{Name: "ci", Scopes: read, ExpiresAt: ptr(epoch.Add(-time.Hour))}, "expires_at", "must be in the future"},
		{"expiry now", glossia.TokenCreate{Name: "ci", Scopes: read, ExpiresAt: ptr(epoch)}, "expires_at", "must be in the future"},
		{"beyond max lifetime", glossia.TokenCreate{Name: "ci", Scopes: read, ExpiresAt: ptr(epoch.Add(91 * 24 * time.Hour))}, "expires_at", "must be within 90 days from now"},
		{"never expiring with a max lifetime", glossia.TokenCreate{Name: "ci", Scopes: read}, "expires_at", "is required: this server does not allow tokens that never expire"},
		{"expires_in_days zero", glossia.TokenCreate{Name: "ci", Scopes: read, ExpiresInDays: ptr(0)}, "expires_in_days", "must be a whole number of days from 1 to 36500"},
		{"expires_in_days too large", glossia.TokenCreate{Name: "ci", Scopes: read, ExpiresInDays: ptr(36501)}, "expires_in_days", "must be a whole number of days from 1 to 36500"},
		{"expires_in_days beyond max lifetime", glossia.TokenCreate{Name: "ci", Scopes: read, ExpiresInDays: ptr(91)}, "expires_in_days", "must be at most 90 days"},
	}
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{Limits: glossia.TokenLimits{MaxLifetime: 90 * 24 * time.Hour}})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := e.svc.Tokens.CreateToken(ctx, c.in)
				ge := wantCode(t, err, glossia.EINVALID)
				if msgs := ge.Fields[c.field]; !containsMsg(msgs, c.wantM) {
					t.Fatalf("Fields[%q] = %q, want a message containing %q (all: %v)", c.field, msgs, c.wantM, ge.Fields)
				}
			})
		}
		t.Run("nothing was stored", func(t *testing.T) {
			page, err := e.svc.Tokens.ListTokens(ctx, glossia.TokenFilter{Status: glossia.TokenFilterAll})
			mustNoError(t, err)
			if len(page.Tokens) != 0 {
				t.Fatalf("invalid creations stored %d tokens", len(page.Tokens))
			}
		})
		t.Run("valid with space-separated scopes, duplicates removed", func(t *testing.T) {
			c, err := e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: " deploy ", Scope: "project:read user:read project:read", ExpiresInDays: ptr(30)})
			mustNoError(t, err)
			got := c.Token
			if got.Name != "deploy" || len(got.Scopes) != 2 || got.Scopes[0] != glossia.ScopeUserRead || got.Scopes[1] != glossia.ScopeProjectRead {
				t.Fatalf("token = %+v, want name deploy and scopes [user:read project:read]", got)
			}
			if want := epoch.Add(30 * 24 * time.Hour); got.ExpiresAt == nil || !got.ExpiresAt.Equal(want) {
				t.Fatalf("ExpiresAt = %v, want %v", got.ExpiresAt, want)
			}
			if got.Status != glossia.TokenActive || got.CreatedVia != glossia.SurfaceDashboard || got.ParentTokenID != nil {
				t.Fatalf("token = %+v, want active, via dashboard, no parent", got)
			}
			if !strings.HasPrefix(c.PlainToken, got.Prefix) || len(got.Prefix) != 12 {
				t.Fatalf("prefix %q is not the first 12 characters of the secret", got.Prefix)
			}
		})
	})
}

func containsMsg(msgs []string, want string) bool {
	for _, m := range msgs {
		if strings.Contains(m, want) {
			return true
		}
	}
	return false
}

func TestCreateTokenLimit(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{Limits: glossia.TokenLimits{MaxLiveTokens: 3}})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		create := func(days *int) (*glossia.CreatedToken, error) {
			return e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "t", Scopes: []glossia.Scope{glossia.ScopeUserRead}, ExpiresInDays: days})
		}
		first, err := create(ptr(1))
		mustNoError(t, err)
		for range 2 {
			_, err := create(nil)
			mustNoError(t, err)
		}
		_, err = create(nil)
		wantMessage(t, err, glossia.ECONFLICT, "you already have 3 live tokens")

		t.Run("revoking one makes room", func(t *testing.T) {
			_, err := e.svc.Tokens.RevokeToken(ctx, first.Token.ID)
			mustNoError(t, err)
			_, err = create(ptr(1))
			mustNoError(t, err)
			_, err = create(nil)
			wantCode(t, err, glossia.ECONFLICT)
		})
		t.Run("an expired token does not count", func(t *testing.T) {
			e.clock.Advance(25 * time.Hour)
			_, err := create(nil)
			mustNoError(t, err)
		})
		t.Run("at the limit a token can be rotated, once per grace", func(t *testing.T) {
			p, err := e.svc.Tokens.ListTokens(ctx, glossia.TokenFilter{Status: glossia.TokenFilterActive})
			mustNoError(t, err)
			if len(p.Tokens) != 3 {
				t.Fatalf("%d live tokens, want 3", len(p.Tokens))
			}
			r, err := e.svc.Tokens.RotateToken(ctx, p.Tokens[0].ID, glossia.TokenRotate{GraceSeconds: 3600})
			mustNoError(t, err)
			_, err = e.svc.Tokens.RotateToken(ctx, r.Token.ID, glossia.TokenRotate{GraceSeconds: 3600})
			wantMessage(t, err, glossia.ECONFLICT, "live tokens")
			e.clock.Advance(time.Hour)
			_, err = e.svc.Tokens.RotateToken(ctx, r.Token.ID, glossia.TokenRotate{})
			mustNoError(t, err)
		})
		t.Run("the limit is per user", func(t *testing.T) {
			bob := sqltest.MustSignUp(t, e.st, "bob")
			sqltest.MustCreateToken(t, e.st, bob, glossia.ScopeUserRead)
		})
	})
}

func TestCreateTokenAttenuation(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		sctx := sqltest.SessionContext(context.Background(), u)
		parentExpiry := epoch.Add(10 * 24 * time.Hour)
		parent, err := e.svc.Tokens.CreateToken(sctx, glossia.TokenCreate{Name: "parent", ExpiresAt: &parentExpiry,
			Scopes: []glossia.Scope{glossia.ScopeAPICredentialsWrite, glossia.ScopeUserRead}})
		mustNoError(t, err)
		ctx := sqltest.TokenContext(t, e.st, parent.PlainToken)

		cases := []struct {
			name string
			in   glossia.TokenCreate
			want string
		}{
			{"a scope the parent lacks", glossia.TokenCreate{Name: "c", Scopes: []glossia.Scope{glossia.ScopeUserRead, glossia.ScopeProjectRead}, ExpiresInDays: ptr(1)},
				"this token lacks project:read"},
			{"an expiry later than the parent's", glossia.TokenCreate{Name: "c", Scopes: []glossia.Scope{glossia.ScopeUserRead}, ExpiresInDays: ptr(11)},
				"expires at 2026-03-11T12:00:00Z"},
			{"no expiry from an expiring parent", glossia.TokenCreate{Name: "c", Scopes: []glossia.Scope{glossia.ScopeUserRead}},
				"cannot create a token that outlives it"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := e.svc.Tokens.CreateToken(ctx, c.in)
				wantMessage(t, err, glossia.EFORBIDDEN, c.want)
			})
		}
		t.Run("a narrower, shorter child is created with its parent recorded", func(t *testing.T) {
			child, err := e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "child", Scopes: []glossia.Scope{glossia.ScopeUserRead}, ExpiresAt: &parentExpiry})
			mustNoError(t, err)
			if p := child.Token.ParentTokenID; p == nil || *p != parent.Token.ID {
				t.Fatalf("ParentTokenID = %v, want %s", p, parent.Token.ID)
			}
			if child.Token.CreatedVia != glossia.SurfaceAPI {
				t.Fatalf("CreatedVia = %q, want api", child.Token.CreatedVia)
			}
		})
		t.Run("a token without api_credentials:write cannot create", func(t *testing.T) {
			_, secret := sqltest.MustCreateToken(t, e.st, u, glossia.ScopeUserRead, glossia.ScopeAPICredentialsRead)
			_, err := e.svc.Tokens.CreateToken(sqltest.TokenContext(t, e.st, secret),
				glossia.TokenCreate{Name: "c", Scopes: []glossia.Scope{glossia.ScopeUserRead}})
			if e := wantCode(t, err, glossia.EFORBIDDEN); e.RequiredScope != glossia.ScopeAPICredentialsWrite {
				t.Fatalf("RequiredScope = %q, want api_credentials:write", e.RequiredScope)
			}
		})
		t.Run("no actor is unauthenticated", func(t *testing.T) {
			_, err := e.svc.Tokens.CreateToken(context.Background(), glossia.TokenCreate{Name: "c", Scopes: []glossia.Scope{glossia.ScopeUserRead}})
			wantCode(t, err, glossia.EUNAUTHENTICATED)
		})
	})
}
