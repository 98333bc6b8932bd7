package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

var apiOrigin = glossia.Origin{Via: glossia.SurfaceAPI, IP: "203.0.113.9", UserAgent: "curl/8"}

func authenticate(e *env, secret string) (*glossia.Actor, error) {
	return e.st.Authenticator().AuthenticateToken(context.Background(), secret, apiOrigin)
}

func TestRevokeToken(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		tok, secret := sqltest.MustCreateToken(t, e.st, u, glossia.ScopeUserRead)
		_, err := authenticate(e, secret)
		mustNoError(t, err)

		revoked, err := e.svc.Tokens.RevokeToken(ctx, tok.ID)
		mustNoError(t, err)
		if revoked.Status != glossia.TokenRevoked || revoked.RevokedAt == nil || !revoked.RevokedAt.Equal(epoch) {
			t.Fatalf("revoked token = %+v, want status revoked at %v", revoked, epoch)
		}
		t.Run("authentication fails at once", func(t *testing.T) {
			_, err := authenticate(e, secret)
			wantMessage(t, err, glossia.EUNAUTHENTICATED, "token revoked at 2026-03-01T12:00:00Z")
		})
		t.Run("revoking again answers the same", func(t *testing.T) {
			e.clock.Advance(time.Hour)
			again, err := e.svc.Tokens.RevokeToken(ctx, tok.ID)
			mustNoError(t, err)
			if !again.RevokedAt.Equal(*revoked.RevokedAt) || again.Status != glossia.TokenRevoked {
				t.Fatalf("second revoke = %+v, want revoked_at unchanged %v", again, revoked.RevokedAt)
			}
		})
		t.Run("a revoked token cannot be updated", func(t *testing.T) {
			_, err := e.svc.Tokens.UpdateToken(ctx, tok.ID, glossia.TokenUpdate{Name: ptr("x")})
			wantCode(t, err, glossia.ECONFLICT)
		})
		t.Run("a revoked token cannot be rotated", func(t *testing.T) {
			_, err := e.svc.Tokens.RotateToken(ctx, tok.ID, glossia.TokenRotate{})
			wantCode(t, err, glossia.ECONFLICT)
		})
	})
}

func TestOtherUsersTokensAreNotFound(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		alice := sqltest.MustSignUp(t, e.st, "alice")
		bob := sqltest.MustSignUp(t, e.st, "bob")
		tok, secret := sqltest.MustCreateToken(t, e.st, alice, glossia.ScopeUserRead)
		ctx := sqltest.SessionContext(context.Background(), bob)
		for _, id := range []string{tok.ID, "not-a-uuid", "0190A000-0000-7000-8000-000000000000", "01900000-0000-7000-8000-000000000000"} {
			t.Run(id, func(t *testing.T) {
				_, err := e.svc.Tokens.FindToken(ctx, id)
				wantMessage(t, err, glossia.ENOTFOUND, "token not found")
				_, err = e.svc.Tokens.UpdateToken(ctx, id, glossia.TokenUpdate{Name: ptr("mine")})
				wantCode(t, err, glossia.ENOTFOUND)
				_, err = e.svc.Tokens.RevokeToken(ctx, id)
				wantCode(t, err, glossia.ENOTFOUND)
				_, err = e.svc.Tokens.RotateToken(ctx, id, glossia.TokenRotate{})
				wantCode(t, err, glossia.ENOTFOUND)
			})
		}
		if _, err := authenticate(e, secret); err != nil {
			t.Fatalf("alice's token stopped working after bob's attempts: %v", err)
		}
	})
}

func TestExpiredToken(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		c, err := e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "short", Scopes: []glossia.Scope{glossia.ScopeUserRead}, ExpiresInDays: ptr(1)})
		mustNoError(t, err)
		e.clock.Advance(24*time.Hour - time.Second)
		a, err := authenticate(e, c.PlainToken)
		mustNoError(t, err)
		if a.TokenExpiresAt == nil || !a.TokenExpiresAt.Equal(epoch.Add(24*time.Hour)) {
			t.Fatalf("actor TokenExpiresAt = %v, want %v", a.TokenExpiresAt, epoch.Add(24*time.Hour))
		}
		e.clock.Advance(time.Second)
		_, err = authenticate(e, c.PlainToken)
		wantMessage(t, err, glossia.EUNAUTHENTICATED, "token expired at 2026-03-02T12:00:00Z")
		got, err := e.svc.Tokens.FindToken(ctx, c.Token.ID)
		mustNoError(t, err)
		if got.Status != glossia.TokenExpired {
			t.Fatalf("status = %q, want expired", got.Status)
		}
		_, err = e.svc.Tokens.RotateToken(ctx, c.Token.ID, glossia.TokenRotate{})
		wantMessage(t, err, glossia.ECONFLICT, "expired")
	})
}

func TestAuthenticateToken(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		tok, secret := sqltest.MustCreateToken(t, e.st, u, glossia.ScopeProjectRead, glossia.ScopeUserRead)

		t.Run("a valid token is its owner with the token's scopes", func(t *testing.T) {
			before := e.st.Stats()
			a, err := authenticate(e, secret)
			mustNoError(t, err)
			if a.UserID != u.ID || a.Handle != "alice" || a.TokenID != tok.ID || a.Origin != apiOrigin || a.TokenExpiresAt != nil {
				t.Fatalf("actor = %+v", a)
			}
			if len(a.Scopes) != 2 || a.Scopes[0] != glossia.ScopeUserRead || a.Scopes[1] != glossia.ScopeProjectRead {
				t.Fatalf("scopes = %v", a.Scopes)
			}
			after := e.st.Stats()
			if after.TokenLookups != before.TokenLookups+1 || after.Writes != before.Writes {
				t.Fatalf("stats went from %+v to %+v, want one lookup and no write", before, after)
			}
		})
		malformed := map[string]string{
			"empty":          "",
			"wrong prefix":   "ghp_" + secret[4:],
			"upper case":     "glsa_" + upper(secret[5:]),
			"trailing space": secret + " ",
			"truncated":      secret[:52],
			"bad checksum":   secret[:52] + flip(secret[52]),
			"typo in body":   secret[:10] + flip(secret[10]) + secret[11:],
		}
		for name, s := range malformed {
			t.Run(name+" is refused without a lookup", func(t *testing.T) {
				before := e.st.Stats().TokenLookups
				_, err := authenticate(e, s)
				wantMessage(t, err, glossia.EUNAUTHENTICATED, "malformed token")
				if after := e.st.Stats().TokenLookups; after != before {
					t.Fatalf("TokenLookups went from %d to %d", before, after)
				}
			})
		}
		t.Run("a well-formed unknown token costs one lookup", func(t *testing.T) {
			before := e.st.Stats().TokenLookups
			_, err := authenticate(e, glossia.NewTokenSecret())
			wantMessage(t, err, glossia.EUNAUTHENTICATED, "unknown token")
			if after := e.st.Stats().TokenLookups; after != before+1 {
				t.Fatalf("TokenLookups went from %d to %d, want one more", before, after)
			}
		})
		t.Run("scopes the catalogue no longer knows are dropped", func(t *testing.T) {
			mustNoError(t, sqlstore.ExecForTest(e.st, `UPDATE tokens SET scopes = 'user:read admin:everything project:read' WHERE id = ?`, tok.ID))
			a, err := authenticate(e, secret)
			mustNoError(t, err)
			if len(a.Scopes) != 2 || a.Scopes[0] != glossia.ScopeUserRead || a.Scopes[1] != glossia.ScopeProjectRead {
				t.Fatalf("scopes = %v, want [user:read project:read]", a.Scopes)
			}
			got, err := e.svc.Tokens.FindToken(sqltest.SessionContext(context.Background(), u), tok.ID)
			mustNoError(t, err)
			if len(got.Scopes) != 2 {
				t.Fatalf("token scopes = %v, want [user:read project:read]", got.Scopes)
			}
		})
		t.Run("a disabled owner's token fails", func(t *testing.T) {
			mustNoError(t, sqlstore.ExecForTest(e.st, `UPDATE users SET disabled_at = 1 WHERE id = ?`, u.ID))
			_, err := authenticate(e, secret)
			wantMessage(t, err, glossia.EUNAUTHENTICATED, "owner of this token is disabled")
		})
	})
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'f' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// flip returns a different lowercase hex digit.
func flip(c byte) string {
	if c == '0' {
		return "1"
	}
	return "0"
}

func TestUpdateToken(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		tok, _ := sqltest.MustCreateToken(t, e.st, u, glossia.ScopeUserRead)

		e.clock.Advance(time.Minute)
		got, err := e.svc.Tokens.UpdateToken(ctx, tok.ID, glossia.TokenUpdate{Name: ptr("  CI deploy "), Description: ptr("runs on main")})
		mustNoError(t, err)
		if got.Name != "CI deploy" || got.Description != "runs on main" {
			t.Fatalf("updated = %+v", got)
		}
		again, err := e.svc.Tokens.FindToken(ctx, tok.ID)
		mustNoError(t, err)
		if again.Name != "CI deploy" || again.Description != "runs on main" || len(again.Scopes) != 1 {
			t.Fatalf("stored = %+v", again)
		}
		fixed := []struct {
			name  string
			u     glossia.TokenUpdate
			field string
		}{
			{"scopes", glossia.TokenUpdate{Scopes: true}, "scopes"},
			{"scope", glossia.TokenUpdate{Name: ptr("x"), Scope: true}, "scope"},
			{"expires_at", glossia.TokenUpdate{ExpiresAt: true}, "expires_at"},
			{"expires_in_days", glossia.TokenUpdate{ExpiresInDays: true}, "expires_in_days"},
		}
		for _, c := range fixed {
			t.Run("refuses "+c.name, func(t *testing.T) {
				_, err := e.svc.Tokens.UpdateToken(ctx, tok.ID, c.u)
				ge := wantCode(t, err, glossia.EINVALID)
				if !containsMsg(ge.Fields[c.field], "cannot be changed") {
					t.Fatalf("Fields = %v, want %s to say it cannot be changed", ge.Fields, c.field)
				}
			})
		}
		t.Run("refused updates changed nothing", func(t *testing.T) {
			now, err := e.svc.Tokens.FindToken(ctx, tok.ID)
			mustNoError(t, err)
			if now.Name != "CI deploy" {
				t.Fatalf("name = %q", now.Name)
			}
		})
		t.Run("an empty name is invalid", func(t *testing.T) {
			_, err := e.svc.Tokens.UpdateToken(ctx, tok.ID, glossia.TokenUpdate{Name: ptr(" ")})
			wantCode(t, err, glossia.EINVALID)
		})
	})
}

func TestCurrentToken(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		tok, secret := sqltest.MustCreateToken(t, e.st, u, glossia.ScopeUserRead)
		got, err := e.svc.Tokens.CurrentToken(sqltest.TokenContext(t, e.st, secret))
		mustNoError(t, err)
		if got.ID != tok.ID {
			t.Fatalf("CurrentToken = %s, want %s", got.ID, tok.ID)
		}
		_, err = e.svc.Tokens.CurrentToken(sqltest.SessionContext(context.Background(), u))
		wantCode(t, err, glossia.ENOTFOUND)
		_, err = e.svc.Tokens.CurrentToken(context.Background())
		wantCode(t, err, glossia.EUNAUTHENTICATED)
	})
}
