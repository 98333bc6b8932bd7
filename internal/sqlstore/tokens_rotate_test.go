package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

func TestRotateToken(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		expiry := epoch.Add(30 * 24 * time.Hour)
		create := func() *glossia.CreatedToken {
			c, err := e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "deploy", Description: "CI",
				Scopes: []glossia.Scope{glossia.ScopeProjectRead, glossia.ScopeUserRead}, ExpiresAt: &expiry})
			mustNoError(t, err)
			return c
		}

		t.Run("without grace the old secret stops at once", func(t *testing.T) {
			old := create()
			e.clock.Advance(time.Minute)
			r, err := e.svc.Tokens.RotateToken(ctx, old.Token.ID, glossia.TokenRotate{})
			mustNoError(t, err)
			nt := r.Token
			if nt.ID == old.Token.ID || r.PlainToken == old.PlainToken || nt.Name != "deploy" || nt.Description != "CI" ||
				len(nt.Scopes) != 2 || nt.ExpiresAt == nil || !nt.ExpiresAt.Equal(expiry) {
				t.Fatalf("new token = %+v, want same name, description, scopes and expiry", nt)
			}
			if nt.RotatedFromID == nil || *nt.RotatedFromID != old.Token.ID {
				t.Fatalf("RotatedFromID = %v, want %s", nt.RotatedFromID, old.Token.ID)
			}
			if r.Previous == nil || r.Previous.Status != glossia.TokenRevoked || !r.Previous.RevokedAt.Equal(e.clock.Now()) {
				t.Fatalf("previous = %+v, want revoked now", r.Previous)
			}
			_, err = authenticate(e, old.PlainToken)
			wantMessage(t, err, glossia.EUNAUTHENTICATED, "revoked")
			_, err = authenticate(e, r.PlainToken)
			mustNoError(t, err)
		})

		t.Run("with grace the old secret works until the grace ends", func(t *testing.T) {
			old := create()
			r, err := e.svc.Tokens.RotateToken(ctx, old.Token.ID, glossia.TokenRotate{GraceSeconds: 3600})
			mustNoError(t, err)
			end := e.clock.Now().Add(time.Hour)
			if r.Previous.Status != glossia.TokenActive || !r.Previous.RevokedAt.Equal(end) {
				t.Fatalf("previous = %+v, want active until %v", r.Previous, end)
			}
			_, err = e.svc.Tokens.RotateToken(ctx, old.Token.ID, glossia.TokenRotate{})
			wantMessage(t, err, glossia.ECONFLICT, "already been rotated")

			e.clock.Advance(time.Hour - time.Microsecond)
			_, err = authenticate(e, old.PlainToken)
			mustNoError(t, err)
			e.clock.Advance(time.Microsecond)
			_, err = authenticate(e, old.PlainToken)
			wantMessage(t, err, glossia.EUNAUTHENTICATED, "revoked")
			_, err = authenticate(e, r.PlainToken)
			mustNoError(t, err)
		})

		t.Run("revoking during the grace revokes now", func(t *testing.T) {
			old := create()
			_, err := e.svc.Tokens.RotateToken(ctx, old.Token.ID, glossia.TokenRotate{GraceSeconds: 600})
			mustNoError(t, err)
			got, err := e.svc.Tokens.RevokeToken(ctx, old.Token.ID)
			mustNoError(t, err)
			if !got.RevokedAt.Equal(e.clock.Now()) || got.Status != glossia.TokenRevoked {
				t.Fatalf("revoked = %+v, want revoked now", got)
			}
			_, err = authenticate(e, old.PlainToken)
			wantCode(t, err, glossia.EUNAUTHENTICATED)
		})

		t.Run("grace beyond 7 days is invalid", func(t *testing.T) {
			old := create()
			_, err := e.svc.Tokens.RotateToken(ctx, old.Token.ID, glossia.TokenRotate{GraceSeconds: 604801})
			wantCode(t, err, glossia.EINVALID)
		})

		t.Run("a narrower token cannot rotate a broader one", func(t *testing.T) {
			broad := create()
			_, narrow := sqltest.MustCreateToken(t, e.st, u, glossia.ScopeAPICredentialsWrite, glossia.ScopeUserRead)
			_, err := e.svc.Tokens.RotateToken(sqltest.TokenContext(t, e.st, narrow), broad.Token.ID, glossia.TokenRotate{})
			wantMessage(t, err, glossia.EFORBIDDEN, "lacks project:read")
			if _, err := authenticate(e, broad.PlainToken); err != nil {
				t.Fatalf("the refused rotation revoked the token: %v", err)
			}
		})

		t.Run("a token cannot rotate one that outlives it", func(t *testing.T) {
			forever, err := e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "forever", Scopes: []glossia.Scope{glossia.ScopeUserRead}})
			mustNoError(t, err)
			short, err := e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "short", ExpiresInDays: ptr(1),
				Scopes: []glossia.Scope{glossia.ScopeAPICredentialsWrite, glossia.ScopeUserRead}})
			mustNoError(t, err)
			_, err = e.svc.Tokens.RotateToken(sqltest.TokenContext(t, e.st, short.PlainToken), forever.Token.ID, glossia.TokenRotate{})
			wantMessage(t, err, glossia.EFORBIDDEN, "outlives")
		})

		t.Run("a token may rotate itself", func(t *testing.T) {
			self, err := e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "self", Scopes: []glossia.Scope{glossia.ScopeAPICredentialsWrite}})
			mustNoError(t, err)
			r, err := e.svc.Tokens.RotateToken(sqltest.TokenContext(t, e.st, self.PlainToken), self.Token.ID, glossia.TokenRotate{GraceSeconds: 60})
			mustNoError(t, err)
			if r.Token.ParentTokenID == nil || *r.Token.ParentTokenID != self.Token.ID || r.Token.CreatedVia != glossia.SurfaceAPI {
				t.Fatalf("rotated = %+v, want parent %s via api", r.Token, self.Token.ID)
			}
		})
	})
}
