package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

func TestConcurrentCreateRespectsLimit(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{Limits: glossia.TokenLimits{MaxLiveTokens: 10}})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		const attempts = 50
		errs := make([]error, attempts)
		var wg sync.WaitGroup
		for i := range attempts {
			wg.Go(func() {
				_, errs[i] = e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: fmt.Sprint("t", i), Scopes: []glossia.Scope{glossia.ScopeUserRead}})
			})
		}
		wg.Wait()
		created := 0
		for _, err := range errs {
			switch glossia.ErrorCode(err) {
			case "":
				created++
			case glossia.ECONFLICT:
			default:
				t.Fatalf("unexpected error: %v", err)
			}
		}
		p, err := e.svc.Tokens.ListTokens(ctx, glossia.TokenFilter{Status: glossia.TokenFilterActive, PageRequest: glossia.PageRequest{Limit: 100}})
		mustNoError(t, err)
		if created != 10 || len(p.Tokens) != 10 {
			t.Fatalf("%d creations succeeded and %d tokens are live, want 10 and 10", created, len(p.Tokens))
		}
	})
}

func TestConcurrentDemotionsKeepAnAdmin(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		ctx := context.Background()
		const admins = 4
		var users []*glossia.User
		for i := range admins {
			users = append(users, sqltest.MustSignUp(t, e.st, fmt.Sprint("admin", i)))
		}
		for round := range 8 {
			org := fmt.Sprint("org", round)
			_, err := e.svc.Organizations.CreateOrganization(sqltest.SessionContext(ctx, users[0]), glossia.OrganizationCreate{Handle: org, Name: org})
			mustNoError(t, err)
			for _, u := range users[1:] {
				_, err := e.svc.Members.SetMember(sqltest.SessionContext(ctx, users[0]), org, u.Handle, glossia.RoleAdmin)
				mustNoError(t, err)
			}
			// Every admin at once leaves (even rounds) or demotes the next
			// one (odd rounds): if all succeeded, no admin would be left.
			var wg sync.WaitGroup
			errs := make([]error, admins)
			for i, u := range users {
				wg.Go(func() {
					uctx := sqltest.SessionContext(ctx, u)
					if round%2 == 0 {
						errs[i] = e.svc.Members.RemoveMember(uctx, org, u.Handle)
					} else {
						_, errs[i] = e.svc.Members.SetMember(uctx, org, users[(i+1)%admins].Handle, glossia.RoleMember)
					}
				})
			}
			wg.Wait()
			for _, err := range errs {
				switch glossia.ErrorCode(err) {
				case "", glossia.ECONFLICT, glossia.EFORBIDDEN, glossia.ENOTFOUND:
				default:
					t.Fatalf("round %d: unexpected error: %v", round, err)
				}
			}
			n := countAdmins(t, e, org, users)
			if n < 1 {
				t.Fatalf("round %d: organization %s has no admin left (errors: %v)", round, org, errs)
			}
		}
	})
}

// countAdmins counts the admins of org as seen by any of its members.
func countAdmins(t *testing.T, e *env, org string, users []*glossia.User) int {
	t.Helper()
	for _, u := range users {
		p, err := e.svc.Members.ListMembers(sqltest.SessionContext(context.Background(), u), org, glossia.PageRequest{Limit: 100})
		if glossia.ErrorCode(err) == glossia.ENOTFOUND {
			continue // u left
		}
		mustNoError(t, err)
		n := 0
		for _, m := range p.Members {
			if m.Role == glossia.RoleAdmin {
				n++
			}
		}
		return n
	}
	return 0
}

func TestConcurrentRotationsAndRevocations(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		tok, _ := sqltest.MustCreateToken(t, e.st, u, glossia.ScopeUserRead)
		const n = 8
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				_, errs[i] = e.svc.Tokens.RotateToken(ctx, tok.ID, glossia.TokenRotate{GraceSeconds: 60})
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch glossia.ErrorCode(err) {
			case "":
				ok++
			case glossia.ECONFLICT:
			default:
				t.Fatalf("unexpected error: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d concurrent rotations of one token succeeded, want 1", ok)
		}
		var revokedAt []string
		var mu sync.Mutex
		for range n {
			wg.Go(func() {
				got, err := e.svc.Tokens.RevokeToken(ctx, tok.ID)
				if err != nil {
					t.Errorf("revoke: %v", err)
					return
				}
				mu.Lock()
				revokedAt = append(revokedAt, got.RevokedAt.String())
				mu.Unlock()
			})
		}
		wg.Wait()
		for _, at := range revokedAt {
			if at != revokedAt[0] {
				t.Fatalf("concurrent revocations answered different times: %v", revokedAt)
			}
		}
	})
}
