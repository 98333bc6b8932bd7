package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/client"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

// startPair starts two instances together on one fresh PostgreSQL
// database, as two processes behind a load balancer would.
func startPair(t *testing.T, env ...string) (a, b *testServer) {
	t.Helper()
	dbURL := sqltest.URL(t, "postgres")
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); a = startServerOn(t, dbURL, env...) }()
	go func() { defer wg.Done(); b = startServerOn(t, dbURL, env...) }()
	wg.Wait()
	if a == nil || b == nil {
		t.FailNow()
	}
	return a, b
}

// TestTwoInstances checks that nothing gets weaker when two stateless
// instances share one PostgreSQL database: no instance caches what another
// may change.
func TestTwoInstances(t *testing.T) {
	a, b := startPair(t, "GLOSSIA_MAX_LIVE_TOKENS=10")
	a.CreateUser(t, "ada")
	root := a.CreateToken(t, "ada", "api_credentials:read", "api_credentials:write", "user:read", "organization:write", "members:read", "members:write")
	onA := client.New(a.URL, client.WithToken(root)).Services()
	ctx := context.Background()

	t.Run("both started migrated the schema once", func(t *testing.T) {
		db, err := sql.Open("pgx", a.DatabaseURL)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var rows, versions int
		if err := db.QueryRow(`SELECT count(*), count(DISTINCT version) FROM schema_migrations`).Scan(&rows, &versions); err != nil {
			t.Fatal(err)
		}
		if rows != versions || rows == 0 {
			t.Errorf("schema_migrations holds %d rows for %d versions: a migration ran twice", rows, versions)
		}
		applied := strings.Count(a.Logs.String()+b.Logs.String(), `"msg":"applied migration"`)
		if applied != versions {
			t.Errorf("the two instances applied %d migrations between them, want %d (each once)", applied, versions)
		}
	})

	t.Run("created on A, revoked on A, refused on B at once", func(t *testing.T) {
		created, err := onA.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "moves", Scopes: []glossia.Scope{glossia.ScopeUserRead}})
		if err != nil {
			t.Fatal(err)
		}
		mustGet(t, b.URL+"/api/user", created.PlainToken, http.StatusOK)
		if _, err := onA.Tokens.RevokeToken(ctx, created.Token.ID); err != nil {
			t.Fatal(err)
		}
		mustGet(t, b.URL+"/api/user", created.PlainToken, http.StatusUnauthorized)
		mustGet(t, a.URL+"/api/user", created.PlainToken, http.StatusUnauthorized)
	})

	t.Run("rotated on B with grace, old secret works on A until the grace ends", func(t *testing.T) {
		created, err := onA.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "rotating", Scopes: []glossia.Scope{glossia.ScopeUserRead}})
		if err != nil {
			t.Fatal(err)
		}
		onB := client.New(b.URL, client.WithToken(root)).Services()
		rotated, err := onB.Tokens.RotateToken(ctx, created.Token.ID, glossia.TokenRotate{GraceSeconds: 2})
		if err != nil {
			t.Fatal(err)
		}
		end := *rotated.Previous.RevokedAt
		mustGet(t, a.URL+"/api/user", rotated.PlainToken, http.StatusOK)
		if time.Now().Before(end) {
			mustGet(t, a.URL+"/api/user", created.PlainToken, http.StatusOK)
		}
		time.Sleep(time.Until(end) + 50*time.Millisecond)
		mustGet(t, a.URL+"/api/user", created.PlainToken, http.StatusUnauthorized)
		mustGet(t, b.URL+"/api/user", created.PlainToken, http.StatusUnauthorized)
		mustGet(t, b.URL+"/api/user", rotated.PlainToken, http.StatusOK)
	})

	t.Run("50 concurrent creates on both instances leave exactly the limit", func(t *testing.T) {
		page, err := onA.Tokens.ListTokens(ctx, glossia.TokenFilter{Status: glossia.TokenFilterActive})
		if err != nil {
			t.Fatal(err)
		}
		live := len(page.Tokens)
		var wg sync.WaitGroup
		var mu sync.Mutex
		codes := map[string]int{}
		for i := range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				srv := []*testServer{a, b}[i%2]
				_, err := client.New(srv.URL, client.WithToken(root)).Services().Tokens.CreateToken(ctx,
					glossia.TokenCreate{Name: fmt.Sprintf("burst %d", i), Scopes: []glossia.Scope{glossia.ScopeUserRead}})
				mu.Lock()
				codes[glossia.ErrorCode(err)]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		page, err = onA.Tokens.ListTokens(ctx, glossia.TokenFilter{Status: glossia.TokenFilterActive, PageRequest: glossia.PageRequest{Limit: 100}})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Tokens) != 10 || codes[""] != 10-live || codes[glossia.ECONFLICT] != 50-(10-live) {
			t.Errorf("after 50 concurrent creates: %d live tokens (want 10), outcomes %v", len(page.Tokens), codes)
		}
	})

	t.Run("concurrent demotions never leave an organization without an admin", func(t *testing.T) {
		if _, err := onA.Organizations.CreateOrganization(ctx, glossia.OrganizationCreate{Handle: "acme", Name: "Acme"}); err != nil {
			t.Fatal(err)
		}
		tokens := map[string]string{"ada": root}
		for _, h := range []string{"bob", "cy", "di"} {
			a.CreateUser(t, h)
			tokens[h] = a.CreateToken(t, h, "members:write")
			if _, err := onA.Members.SetMember(ctx, "acme", h, glossia.RoleAdmin); err != nil {
				t.Fatal(err)
			}
		}
		// Every admin steps down at once, half through each instance.
		var wg sync.WaitGroup
		var mu sync.Mutex
		codes := map[string]int{}
		i := 0
		for h, secret := range tokens {
			srv := []*testServer{a, b}[i%2]
			i++
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := client.New(srv.URL, client.WithToken(secret)).Services().Members.SetMember(ctx, "acme", h, glossia.RoleMember)
				mu.Lock()
				codes[glossia.ErrorCode(err)]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		page, err := onA.Members.ListMembers(ctx, "acme", glossia.PageRequest{})
		if err != nil {
			t.Fatal(err)
		}
		var left int
		for _, m := range page.Members {
			if m.Role == glossia.RoleAdmin {
				left++
			}
		}
		if left != 1 || codes[""] != 3 || codes[glossia.ECONFLICT] != 1 {
			t.Errorf("after all 4 admins stepped down at once: %d admins left (want 1), outcomes %v (want 3 ok, 1 conflict)", left, codes)
		}
	})
}
