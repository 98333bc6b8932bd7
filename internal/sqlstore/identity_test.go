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

func TestSignUp(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		id := e.st.Identity()
		ctx := context.Background()
		u, err := id.SignUp(ctx, glossia.SignUp{Handle: "alice", Email: "Alice@Example.com", Name: " Alice ", Password: "long enough password"})
		mustNoError(t, err)
		if u.Handle != "alice" || u.Email != "Alice@Example.com" || u.Name != "Alice" || !u.CreatedAt.Equal(epoch) {
			t.Fatalf("user = %+v", u)
		}
		_, err = e.svc.Organizations.CreateOrganization(sqltest.SessionContext(ctx, u), glossia.OrganizationCreate{Handle: "acme", Name: "Acme"})
		mustNoError(t, err)
		cases := []struct {
			name string
			in   glossia.SignUp
			code string
			msg  string
		}{
			{"email taken in another case", glossia.SignUp{Handle: "alice2", Email: "ALICE@example.COM", Name: "A", Password: "long enough password"}, glossia.ECONFLICT, "email"},
			{"handle taken", glossia.SignUp{Handle: "alice", Email: "other@example.com", Name: "A", Password: "long enough password"}, glossia.ECONFLICT, "handle alice is already taken"},
			{"handle of an organization", glossia.SignUp{Handle: "acme", Email: "acme@example.com", Name: "A", Password: "long enough password"}, glossia.ECONFLICT, "handle acme is already taken"},
			{"reserved handle", glossia.SignUp{Handle: "admin", Email: "x@example.com", Name: "A", Password: "long enough password"}, glossia.EINVALID, "reserved"},
			{"short password", glossia.SignUp{Handle: "bob", Email: "bob@example.com", Name: "Bob", Password: "short"}, glossia.EINVALID, "password"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := id.SignUp(ctx, c.in)
				wantMessage(t, err, c.code, c.msg)
			})
		}
	})
}

func TestCheckPassword(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		alice := sqltest.MustSignUp(t, e.st, "alice")
		id := e.st.Identity()
		ctx := context.Background()
		got, err := id.CheckPassword(ctx, " ALICE@example.com ", sqltest.Password)
		mustNoError(t, err)
		if got.ID != alice.ID || got.Handle != "alice" {
			t.Fatalf("CheckPassword = %+v, want alice", got)
		}
		_, err = id.CheckPassword(ctx, "alice@example.com", "wrong password")
		wrong := wantCode(t, err, glossia.EUNAUTHENTICATED)
		_, err = id.CheckPassword(ctx, "nobody@example.com", sqltest.Password)
		unknown := wantCode(t, err, glossia.EUNAUTHENTICATED)
		_, err = id.CheckPassword(ctx, "alice@example.com", strings.Repeat("x", 300))
		long := wantCode(t, err, glossia.EUNAUTHENTICATED)
		if wrong.Message != unknown.Message || wrong.Message != long.Message {
			t.Fatalf("messages differ: %q, %q, %q", wrong.Message, unknown.Message, long.Message)
		}
		mustNoError(t, sqlstore.ExecForTest(e.st, `UPDATE users SET disabled_at = 1 WHERE id = ?`, alice.ID))
		_, err = id.CheckPassword(ctx, "alice@example.com", sqltest.Password)
		wantMessage(t, err, glossia.EUNAUTHENTICATED, wrong.Message)
		_, err = id.FindUserByHandle(ctx, "alice")
		wantCode(t, err, glossia.ENOTFOUND)
	})
}

func TestFindUserByHandle(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		alice := sqltest.MustSignUp(t, e.st, "alice")
		got, err := e.st.Identity().FindUserByHandle(context.Background(), "alice")
		mustNoError(t, err)
		if got.ID != alice.ID {
			t.Fatalf("FindUserByHandle = %+v", got)
		}
		for _, h := range []string{"bob", "Alice", "", "x"} {
			_, err := e.st.Identity().FindUserByHandle(context.Background(), h)
			wantCode(t, err, glossia.ENOTFOUND)
		}
	})
}

func TestCurrentUser(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		alice := sqltest.MustSignUp(t, e.st, "alice")
		_, secret := sqltest.MustCreateToken(t, e.st, alice, glossia.ScopeUserWrite)
		tctx := sqltest.TokenContext(t, e.st, secret)
		_, err := e.svc.Users.CurrentUser(tctx)
		wantCode(t, err, glossia.EFORBIDDEN)
		e.clock.Advance(time.Minute)
		u, err := e.svc.Users.UpdateCurrentUser(tctx, glossia.UserUpdate{Name: ptr(" Alice Liddell ")})
		mustNoError(t, err)
		if u.Name != "Alice Liddell" || !u.UpdatedAt.Equal(epoch.Add(time.Minute)) {
			t.Fatalf("updated = %+v", u)
		}
		sctx := sqltest.SessionContext(context.Background(), alice)
		me, err := e.svc.Users.CurrentUser(sctx)
		mustNoError(t, err)
		if me.Name != "Alice Liddell" {
			t.Fatalf("name = %q", me.Name)
		}
		accts, err := e.svc.Accounts.ListAccounts(sctx, glossia.PageRequest{})
		mustNoError(t, err)
		if len(accts.Accounts) != 1 || accts.Accounts[0].Name != "Alice Liddell" || accts.Accounts[0].Role != glossia.RoleAdmin {
			t.Fatalf("personal account = %+v", accts.Accounts)
		}
		_, err = e.svc.Users.UpdateCurrentUser(sctx, glossia.UserUpdate{Name: ptr("")})
		wantCode(t, err, glossia.EINVALID)
	})
}

func TestSessions(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		alice := sqltest.MustSignUp(t, e.st, "alice")
		ss := e.st.Sessions()
		ctx := context.Background()
		secret, s, err := ss.CreateSession(ctx, alice.ID)
		mustNoError(t, err)
		if len(secret) != 64 || len(s.CSRFToken) < 32 || !s.ExpiresAt.Equal(epoch.Add(glossia.SessionLifetime)) {
			t.Fatalf("session = %q %+v", secret, s)
		}
		other, _, err := ss.CreateSession(ctx, alice.ID)
		mustNoError(t, err)
		if other == secret {
			t.Fatal("two sign-ins share a session secret")
		}
		found, err := ss.FindSession(ctx, secret)
		mustNoError(t, err)
		if found.User.ID != alice.ID || found.CSRFToken != s.CSRFToken {
			t.Fatalf("found = %+v", found)
		}
		for name, bad := range map[string]string{"empty": "", "garbage": "x", "unknown": strings.Repeat("ab", 32)} {
			_, err := ss.FindSession(ctx, bad)
			t.Run(name, func(t *testing.T) { wantCode(t, err, glossia.EUNAUTHENTICATED) })
		}
		t.Run("deleted", func(t *testing.T) {
			mustNoError(t, ss.DeleteSession(ctx, other))
			mustNoError(t, ss.DeleteSession(ctx, other))
			_, err := ss.FindSession(ctx, other)
			wantCode(t, err, glossia.EUNAUTHENTICATED)
		})
		t.Run("expired", func(t *testing.T) {
			e.clock.Advance(glossia.SessionLifetime)
			_, err := ss.FindSession(ctx, secret)
			wantCode(t, err, glossia.EUNAUTHENTICATED)
		})
		t.Run("disabled user", func(t *testing.T) {
			fresh, _, err := ss.CreateSession(ctx, alice.ID)
			mustNoError(t, err)
			mustNoError(t, sqlstore.ExecForTest(e.st, `UPDATE users SET disabled_at = 1 WHERE id = ?`, alice.ID))
			_, err = ss.FindSession(ctx, fresh)
			wantCode(t, err, glossia.EUNAUTHENTICATED)
			_, _, err = ss.CreateSession(ctx, alice.ID)
			wantCode(t, err, glossia.ENOTFOUND)
		})
	})
}
