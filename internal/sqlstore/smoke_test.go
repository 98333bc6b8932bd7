package sqlstore_test

import (
	"context"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

func TestSmoke(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		if got := e.st.Dialect(); got != engine {
			t.Fatalf("Dialect() = %q, want %q", got, engine)
		}
		v, err := e.st.SchemaVersion(context.Background())
		mustNoError(t, err)
		if v != 1 {
			t.Fatalf("SchemaVersion = %d, want 1", v)
		}
		alice := sqltest.MustSignUp(t, e.st, "alice")
		tok, secret := sqltest.MustCreateToken(t, e.st, alice, glossia.ScopeUserRead, glossia.ScopeAPICredentialsRead)
		ctx := sqltest.TokenContext(t, e.st, secret)
		me, err := e.svc.Users.CurrentUser(ctx)
		mustNoError(t, err)
		if me.ID != alice.ID || me.Handle != "alice" {
			t.Fatalf("CurrentUser = %+v, want alice", me)
		}
		page, err := e.svc.Tokens.ListTokens(ctx, glossia.TokenFilter{})
		mustNoError(t, err)
		if len(page.Tokens) != 1 || page.Tokens[0].ID != tok.ID {
			t.Fatalf("ListTokens = %+v, want the one token", page.Tokens)
		}
		u, err := e.st.Identity().CheckPassword(context.Background(), "ALICE@example.com", sqltest.Password)
		mustNoError(t, err)
		secretS, _, err := e.st.Sessions().CreateSession(context.Background(), u.ID)
		mustNoError(t, err)
		sess, err := e.st.Sessions().FindSession(context.Background(), secretS)
		mustNoError(t, err)
		if sess.User.ID != alice.ID {
			t.Fatalf("session user = %s, want alice", sess.User.Handle)
		}
	})
}
