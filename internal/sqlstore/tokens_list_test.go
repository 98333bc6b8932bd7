package sqlstore_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

// tokenOrderings are the list orders of SPEC §6, written independently of
// the store.
var tokenOrderings = map[string]func(a, b *glossia.Token) int{
	glossia.TokenSortCreated: func(a, b *glossia.Token) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), strings.Compare(b.ID, a.ID))
	},
	glossia.TokenSortLastUsed: func(a, b *glossia.Token) int {
		switch {
		case a.LastUsedAt == nil && b.LastUsedAt == nil:
			return strings.Compare(b.ID, a.ID)
		case a.LastUsedAt == nil:
			return 1
		case b.LastUsedAt == nil:
			return -1
		}
		return cmp.Or(b.LastUsedAt.Compare(*a.LastUsedAt), strings.Compare(b.ID, a.ID))
	},
	glossia.TokenSortName: func(a, b *glossia.Token) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	},
	glossia.TokenSortExpires: func(a, b *glossia.Token) int {
		switch {
		case a.ExpiresAt == nil && b.ExpiresAt == nil:
			return strings.Compare(a.ID, b.ID)
		case a.ExpiresAt == nil:
			return 1
		case b.ExpiresAt == nil:
			return -1
		}
		return cmp.Or(a.ExpiresAt.Compare(*b.ExpiresAt), strings.Compare(a.ID, b.ID))
	},
}

// paginationFixture gives a new user tokens with shared and distinct
// names, creation times, expiries and last uses, and returns the user's
// context and the tokens.
func paginationFixture(t *testing.T, e *env, handle string) (context.Context, []*glossia.Token) {
	t.Helper()
	u := sqltest.MustSignUp(t, e.st, handle)
	ctx := sqltest.SessionContext(context.Background(), u)
	e.clock.Set(epoch)
	names := []string{"beta", "Alpha", "alpha", "émile", "beta", "Zed", "zed", "_ci", "10 deploy", "9 deploy", "beta"}
	var secrets []string
	for i, name := range names {
		in := glossia.TokenCreate{Name: name, Scopes: []glossia.Scope{glossia.ScopeUserRead}}
		if i%3 != 0 {
			in.ExpiresInDays = ptr(1 + i%4) // some share an expiry
		}
		c, err := e.svc.Tokens.CreateToken(ctx, in)
		mustNoError(t, err)
		secrets = append(secrets, c.PlainToken)
		if i%2 == 0 {
			e.clock.Advance(time.Second) // others share a creation time
		}
	}
	for i, s := range secrets {
		if i%4 == 3 {
			continue // never used
		}
		e.clock.Set(epoch.Add(time.Minute * time.Duration(1+i%5)))
		_, err := authenticate(e, s)
		mustNoError(t, err)
	}
	mustNoError(t, e.st.FlushLastUsed(context.Background()))
	all, err := e.svc.Tokens.ListTokens(ctx, glossia.TokenFilter{Status: glossia.TokenFilterAll, PageRequest: glossia.PageRequest{Limit: 100}})
	mustNoError(t, err)
	if len(all.Tokens) != len(names) {
		t.Fatalf("listed %d tokens, want %d", len(all.Tokens), len(names))
	}
	return ctx, all.Tokens
}

func TestListTokensPagination(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{LastUsedInterval: time.Hour})
		for sort, order := range tokenOrderings {
			t.Run(sort, func(t *testing.T) {
				ctx, originals := paginationFixture(t, e, "u"+strings.ReplaceAll(sort, "_", ""))
				want := slices.Clone(originals)
				slices.SortFunc(want, order)
				seen := map[string]int{}
				var got []string
				f := glossia.TokenFilter{Status: glossia.TokenFilterAll, Sort: sort, PageRequest: glossia.PageRequest{Limit: 3}}
				for pages, inserted := 0, 0; ; pages++ {
					if pages > 100 {
						t.Fatal("pagination does not end")
					}
					p, err := e.svc.Tokens.ListTokens(ctx, f)
					mustNoError(t, err)
					if len(p.Tokens) > 3 {
						t.Fatalf("page of %d tokens, limit 3", len(p.Tokens))
					}
					for _, tok := range p.Tokens {
						seen[tok.ID]++
						got = append(got, tok.ID)
					}
					if p.NextCursor == nil {
						break
					}
					// Rows inserted between pages land before and after
					// the cursor in every order.
					for _, name := range []string{"aaa", "zzz"} {
						inserted++
						in := glossia.TokenCreate{Name: fmt.Sprintf("%s %d", name, inserted), Scopes: []glossia.Scope{glossia.ScopeUserRead}}
						if inserted%2 == 0 {
							in.ExpiresInDays = ptr(1 + inserted%5)
						}
						_, err := e.svc.Tokens.CreateToken(ctx, in)
						mustNoError(t, err)
					}
					f.Cursor = *p.NextCursor
				}
				for id, n := range seen {
					if n > 1 {
						t.Errorf("token %s listed %d times", id, n)
					}
				}
				var gotOriginal []string
				for _, id := range got {
					if slices.ContainsFunc(originals, func(t *glossia.Token) bool { return t.ID == id }) {
						gotOriginal = append(gotOriginal, id)
					}
				}
				var wantIDs []string
				for _, tok := range want {
					wantIDs = append(wantIDs, tok.ID)
				}
				if !slices.Equal(gotOriginal, wantIDs) {
					t.Fatalf("order of the original tokens:\n got %v\nwant %v", describe(originals, gotOriginal), describe(originals, wantIDs))
				}
			})
		}
	})
}

func describe(tokens []*glossia.Token, ids []string) []string {
	var out []string
	for _, id := range ids {
		i := slices.IndexFunc(tokens, func(t *glossia.Token) bool { return t.ID == id })
		out = append(out, fmt.Sprintf("%s(%s)", tokens[i].Name, id[len(id)-4:]))
	}
	return out
}

func TestListTokensStatusFilter(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		mk := func(name string, days *int) *glossia.CreatedToken {
			c, err := e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: name, Scopes: []glossia.Scope{glossia.ScopeUserRead}, ExpiresInDays: days})
			mustNoError(t, err)
			return c
		}
		mk("active", nil)
		mk("expired", ptr(1))
		revoked := mk("revoked", nil)
		graced := mk("graced", nil)
		_, err := e.svc.Tokens.RevokeToken(ctx, revoked.Token.ID)
		mustNoError(t, err)
		_, err = e.svc.Tokens.RotateToken(ctx, graced.Token.ID, glossia.TokenRotate{GraceSeconds: 7 * 24 * 3600})
		mustNoError(t, err)
		sqltest.MustCreateToken(t, e.st, sqltest.MustSignUp(t, e.st, "bob"), glossia.ScopeUserRead)
		e.clock.Advance(25 * time.Hour)

		cases := map[string][]string{
			glossia.TokenFilterDefault: {"active", "expired", "graced", "graced"},
			glossia.TokenFilterActive:  {"active", "graced", "graced"},
			glossia.TokenFilterExpired: {"expired"},
			glossia.TokenFilterRevoked: {"revoked"},
			glossia.TokenFilterAll:     {"active", "expired", "graced", "graced", "revoked"},
		}
		for status, want := range cases {
			t.Run("status="+status, func(t *testing.T) {
				p, err := e.svc.Tokens.ListTokens(ctx, glossia.TokenFilter{Status: status, Sort: glossia.TokenSortName})
				mustNoError(t, err)
				var got []string
				for _, tok := range p.Tokens {
					got = append(got, tok.Name)
					if wantStatus := glossia.TokenStatus(tok.Name); (tok.Name == "active" || tok.Name == "expired" || tok.Name == "revoked") && tok.Status != wantStatus {
						t.Errorf("token %s has status %s", tok.Name, tok.Status)
					}
				}
				if !slices.Equal(got, want) {
					t.Fatalf("names = %v, want %v", got, want)
				}
			})
		}
		t.Run("unknown status is invalid", func(t *testing.T) {
			_, err := e.svc.Tokens.ListTokens(ctx, glossia.TokenFilter{Status: "dormant"})
			wantCode(t, err, glossia.EINVALID)
		})
	})
}

func TestListTokensBadCursor(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		for range 3 {
			sqltest.MustCreateToken(t, e.st, u, glossia.ScopeUserRead)
		}
		_, err := e.svc.Organizations.CreateOrganization(ctx, glossia.OrganizationCreate{Handle: "acme", Name: "Acme"})
		mustNoError(t, err)
		byCreated, err := e.svc.Tokens.ListTokens(ctx, glossia.TokenFilter{PageRequest: glossia.PageRequest{Limit: 1}})
		mustNoError(t, err)
		accounts, err := e.svc.Accounts.ListAccounts(ctx, glossia.PageRequest{Limit: 1})
		mustNoError(t, err)
		if byCreated.NextCursor == nil || accounts.NextCursor == nil {
			t.Fatal("expected next cursors")
		}
		cases := map[string]glossia.TokenFilter{
			"garbage":                  {PageRequest: glossia.PageRequest{Cursor: "not a cursor!"}},
			"truncated":                {PageRequest: glossia.PageRequest{Cursor: (*byCreated.NextCursor)[:10]}},
			"from another sort":        {Sort: glossia.TokenSortName, PageRequest: glossia.PageRequest{Cursor: *byCreated.NextCursor}},
			"from another list":        {PageRequest: glossia.PageRequest{Cursor: *accounts.NextCursor}},
			"longer than 512 bytes":    {PageRequest: glossia.PageRequest{Cursor: strings.Repeat("A", 513)}},
			"valid base64, wrong body": {PageRequest: glossia.PageRequest{Cursor: "AQEA"}},
		}
		for name, f := range cases {
			t.Run(name, func(t *testing.T) {
				_, err := e.svc.Tokens.ListTokens(ctx, f)
				ge := wantCode(t, err, glossia.EINVALID)
				if len(ge.Fields["cursor"]) == 0 {
					t.Fatalf("fields = %v, want cursor", ge.Fields)
				}
			})
		}
	})
}

func TestListTokensLongNames(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		for i := range 4 {
			name := strings.Repeat("𝄞", 99) + string(rune('a'+i)) // 100 characters, 397 bytes
			_, err := e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: name, Scopes: []glossia.Scope{glossia.ScopeUserRead}})
			mustNoError(t, err)
		}
		f := glossia.TokenFilter{Sort: glossia.TokenSortName, PageRequest: glossia.PageRequest{Limit: 1}}
		var got []string
		for {
			p, err := e.svc.Tokens.ListTokens(ctx, f)
			mustNoError(t, err)
			for _, tok := range p.Tokens {
				got = append(got, tok.Name[len(tok.Name)-1:])
			}
			if p.NextCursor == nil {
				break
			}
			if len(*p.NextCursor) > 512 {
				t.Fatalf("cursor of %d characters, more than a request may carry", len(*p.NextCursor))
			}
			f.Cursor = *p.NextCursor
		}
		if !slices.Equal(got, []string{"a", "b", "c", "d"}) {
			t.Fatalf("pages = %v, want a b c d", got)
		}
	})
}
