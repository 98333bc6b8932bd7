package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
	"github.com/google/uuid"
)

// benchTokens is how many tokens the authentication benchmark stores.
const benchTokens = 100_000

// seedTokens bulk-inserts n tokens for user in one transaction and returns
// the secrets of an evenly spread sample of them.
func seedTokens(b *testing.B, st *sqlstore.Store, engine string, user *glossia.User, n, sample int) []string {
	b.Helper()
	db := sqlstore.DBForTest(st)
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	q := `INSERT INTO tokens (id, user_id, name, description, prefix, secret_hash, scopes, scopes_version,
		created_at, updated_at, created_via) VALUES (?, ?, ?, '', ?, ?, 'user:read project:read', 1, ?, ?, 'cli')`
	if engine == "postgres" {
		q = `INSERT INTO tokens (id, user_id, name, description, prefix, secret_hash, scopes, scopes_version,
		created_at, updated_at, created_via) VALUES ($1, $2, $3, '', $4, $5, 'user:read project:read', 1, $6, $7, 'cli')`
	}
	stmt, err := tx.Prepare(q)
	if err != nil {
		b.Fatal(err)
	}
	var secrets []string
	now := time.Now().UnixMicro()
	for i := range n {
		secret := glossia.NewTokenSecret()
		hash := glossia.HashTokenSecret(secret)
		if _, err := stmt.Exec(uuid.Must(uuid.NewV7()).String(), user.ID, fmt.Sprint("token ", i),
			glossia.DisplayPrefix(secret), hash[:], now, now); err != nil {
			b.Fatal(err)
		}
		if i%(n/sample) == 0 {
			secrets = append(secrets, secret)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return secrets
}

// BenchmarkAuthenticate measures the hot path of every token request:
// parse and checksum, SHA-256, and one indexed read among 100,000 tokens.
func BenchmarkAuthenticate(b *testing.B) {
	for _, engine := range sqltest.Engines(b) {
		b.Run(engine, func(b *testing.B) {
			st := sqltest.Open(b, engine, sqlstore.Options{LastUsedInterval: time.Hour})
			user := sqltest.MustSignUp(b, st, "bench")
			secrets := seedTokens(b, st, engine, user, benchTokens, 1000)
			auth := st.Authenticator()
			ctx := context.Background()
			origin := glossia.Origin{Via: glossia.SurfaceAPI, IP: "203.0.113.1", UserAgent: "bench"}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := auth.AuthenticateToken(ctx, secrets[i%len(secrets)], origin); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
