// Package sqltest runs tests against real databases: SQLite always, and
// PostgreSQL when GLOSSIA_TEST_POSTGRES_URL names a server. Every database
// it hands out is fresh and empty, and dropped when the test ends.
package sqltest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/testenv"
)

// PostgresVar names the environment variable with the URL of a PostgreSQL
// server on which tests may create and drop databases.
const PostgresVar = "GLOSSIA_TEST_POSTGRES_URL"

// Engines returns the engines to test on: "sqlite" always, and "postgres"
// when GLOSSIA_TEST_POSTGRES_URL is set. It fails the test when PostgreSQL
// is required (GLOSSIA_TEST_REQUIRE) but not configured.
func Engines(tb testing.TB) []string {
	tb.Helper()
	if os.Getenv(PostgresVar) != "" {
		return []string{"sqlite", "postgres"}
	}
	if testenv.Required("postgres") {
		tb.Fatalf("postgres is required by %s but %s is not set", testenv.RequireVar, PostgresVar)
	}
	return []string{"sqlite"}
}

// Run runs f as a subtest named after each engine of Engines.
func Run(t *testing.T, f func(t *testing.T, engine string)) {
	t.Helper()
	for _, engine := range Engines(t) {
		t.Run(engine, func(t *testing.T) { f(t, engine) })
	}
}

// URL returns the URL of a fresh, empty database of engine: a SQLite file
// in tb.TempDir(), or a new PostgreSQL database on the server of
// GLOSSIA_TEST_POSTGRES_URL that is dropped when the test ends.
func URL(tb testing.TB, engine string) string {
	tb.Helper()
	switch engine {
	case "sqlite":
		return "sqlite:" + filepath.Join(tb.TempDir(), "glossia.db")
	case "postgres":
		return postgresURL(tb)
	}
	tb.Fatalf("sqltest: unknown engine %q", engine)
	return ""
}

func postgresURL(tb testing.TB) string {
	tb.Helper()
	server := os.Getenv(PostgresVar)
	if server == "" {
		testenv.Unavailable(tb, "postgres", PostgresVar+" is not set")
	}
	u, err := url.Parse(server)
	if err != nil {
		tb.Fatalf("sqltest: %s: %v", PostgresVar, err)
	}
	var b [8]byte
	rand.Read(b[:])
	name := "glossia_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", server)
	if err != nil {
		tb.Fatalf("sqltest: %v", err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(context.Background(), "CREATE DATABASE "+name); err != nil {
		testenv.Unavailable(tb, "postgres", "cannot create a database: "+err.Error())
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", server)
		if err != nil {
			tb.Errorf("sqltest: %v", err)
			return
		}
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Errorf("sqltest: drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// Open opens a store on a fresh database of engine (o.URL is replaced) and
// closes it when the test ends. Password hashing is made cheap.
func Open(tb testing.TB, engine string, o sqlstore.Options) *sqlstore.Store {
	tb.Helper()
	o.URL = URL(tb, engine)
	o.InsecureFastPasswordHashing = true
	st, err := sqlstore.Open(context.Background(), o)
	if err != nil {
		tb.Fatalf("sqltest: open %s: %v", engine, err)
	}
	tb.Cleanup(func() {
		if err := st.Close(); err != nil {
			tb.Errorf("sqltest: close: %v", err)
		}
	})
	return st
}

// Password is the password of the users MustSignUp creates.
const Password = "correct horse battery"

// MustSignUp creates a user with handle, the email handle@example.com, the
// name of the handle and the password Password.
func MustSignUp(tb testing.TB, st *sqlstore.Store, handle string) *glossia.User {
	tb.Helper()
	u, err := st.Identity().SignUp(context.Background(), glossia.SignUp{
		Handle: handle, Email: handle + "@example.com", Name: handle, Password: Password,
	})
	if err != nil {
		tb.Fatalf("sqltest: sign up %s: %v", handle, err)
	}
	return u
}

// MustCreateToken creates a never-expiring token with scopes for user, as
// the user acting through a session on the command line, and returns it
// with its secret.
func MustCreateToken(tb testing.TB, st *sqlstore.Store, user *glossia.User, scopes ...glossia.Scope) (*glossia.Token, string) {
	tb.Helper()
	ctx := glossia.NewContext(context.Background(), &glossia.Actor{
		UserID: user.ID, Handle: user.Handle, Origin: glossia.Origin{Via: glossia.SurfaceCLI},
	})
	created, err := st.Services().Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "test token", Scopes: scopes})
	if err != nil {
		tb.Fatalf("sqltest: create token for %s: %v", user.Handle, err)
	}
	return created.Token, created.PlainToken
}

// SessionContext returns ctx carrying u as a dashboard session actor.
func SessionContext(ctx context.Context, u *glossia.User) context.Context {
	return glossia.NewContext(ctx, &glossia.Actor{
		UserID: u.ID, Handle: u.Handle,
		Origin: glossia.Origin{Via: glossia.SurfaceDashboard, IP: "192.0.2.1", UserAgent: "sqltest"},
	})
}

// TokenContext authenticates secret and returns a context carrying the
// actor it stands for, coming through the API.
func TokenContext(tb testing.TB, st *sqlstore.Store, secret string) context.Context {
	tb.Helper()
	ctx := context.Background()
	actor, err := st.Authenticator().AuthenticateToken(ctx, secret,
		glossia.Origin{Via: glossia.SurfaceAPI, IP: "192.0.2.2", UserAgent: "sqltest"})
	if err != nil {
		tb.Fatalf("sqltest: authenticate: %v", err)
	}
	return glossia.NewContext(ctx, actor)
}
