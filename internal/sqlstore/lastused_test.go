package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
	"github.com/glossia/glossia/internal/testenv"
)

// openAt opens a store on an existing database with its own clock, closed
// at the end of the test.
func openAt(t *testing.T, url string, clock *testenv.Clock) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(context.Background(), sqlstore.Options{URL: url, Now: clock.Now, InsecureFastPasswordHashing: true})
	mustNoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

func TestLastUsedFlushedOnClose(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		url := sqltest.URL(t, engine)
		clock := testenv.NewClock(epoch)
		st := openAt(t, url, clock)
		u := sqltest.MustSignUp(t, st, "alice")
		tok, secret := sqltest.MustCreateToken(t, st, u, glossia.ScopeUserRead)
		clock.Advance(90 * time.Second)
		writes := st.Stats().Writes
		for range 50 {
			_, err := st.Authenticator().AuthenticateToken(context.Background(), secret,
				glossia.Origin{Via: glossia.SurfaceAPI, IP: "203.0.113.5", UserAgent: "deploy-bot/1.0"})
			mustNoError(t, err)
		}
		if got := st.Stats().Writes; got != writes {
			t.Fatalf("authentication wrote %d statements, want none", got-writes)
		}
		mustNoError(t, st.Close())
		if s := st.Stats(); s.LastUsedWrites != 1 || s.Writes != writes+1 {
			t.Fatalf("stats after close = %+v, want one last-used write for 50 uses", s)
		}
		mustNoError(t, st.Close()) // idempotent

		again := openAt(t, url, clock)
		got, err := again.Services().Tokens.FindToken(sqltest.SessionContext(context.Background(), u), tok.ID)
		mustNoError(t, err)
		want := epoch.Add(90 * time.Second)
		if got.LastUsedAt == nil || !got.LastUsedAt.Equal(want) {
			t.Fatalf("LastUsedAt = %v, want %v", got.LastUsedAt, want)
		}
		if got.LastUsedIP == nil || *got.LastUsedIP != "203.0.113.5" || got.LastUsedUserAgent == nil || *got.LastUsedUserAgent != "deploy-bot/1.0" {
			t.Fatalf("last used from %v %v, want 203.0.113.5 deploy-bot/1.0", got.LastUsedIP, got.LastUsedUserAgent)
		}
	})
}

func TestLastUsedNeverMovesBackwards(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		url := sqltest.URL(t, engine)
		late, early := testenv.NewClock(epoch.Add(time.Hour)), testenv.NewClock(epoch.Add(time.Minute))
		a, b := openAt(t, url, late), openAt(t, url, early) // two instances on one database
		u := sqltest.MustSignUp(t, a, "alice")
		tok, secret := sqltest.MustCreateToken(t, a, u, glossia.ScopeUserRead)

		_, err := a.Authenticator().AuthenticateToken(context.Background(), secret, glossia.Origin{IP: "10.0.0.1"})
		mustNoError(t, err)
		_, err = b.Authenticator().AuthenticateToken(context.Background(), secret, glossia.Origin{IP: "10.0.0.2"})
		mustNoError(t, err)
		mustNoError(t, a.FlushLastUsed(context.Background()))
		mustNoError(t, b.FlushLastUsed(context.Background())) // older: must not win

		got, err := a.Services().Tokens.FindToken(sqltest.SessionContext(context.Background(), u), tok.ID)
		mustNoError(t, err)
		if !got.LastUsedAt.Equal(late.Now()) || *got.LastUsedIP != "10.0.0.1" {
			t.Fatalf("last used %v from %s, want %v from 10.0.0.1", got.LastUsedAt, *got.LastUsedIP, late.Now())
		}
	})
}

func TestLastUsedCoalescing(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{LastUsedInterval: time.Minute})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		tok, secret := sqltest.MustCreateToken(t, e.st, u, glossia.ScopeUserRead)
		_, other := sqltest.MustCreateToken(t, e.st, u, glossia.ScopeUserRead)
		use := func(s string) {
			t.Helper()
			_, err := authenticate(e, s)
			mustNoError(t, err)
		}
		flushWrites := func() int64 {
			t.Helper()
			before := e.st.Stats().LastUsedWrites
			mustNoError(t, e.st.FlushLastUsed(context.Background()))
			return e.st.Stats().LastUsedWrites - before
		}
		use(secret)
		use(other)
		e.clock.Advance(time.Second)
		use(secret)
		if n := flushWrites(); n != 2 {
			t.Fatalf("first flush wrote %d updates, want 2 (one per token)", n)
		}
		lastUsed := func() time.Time {
			got, err := e.svc.Tokens.FindToken(ctx, tok.ID)
			mustNoError(t, err)
			return *got.LastUsedAt
		}
		if got := lastUsed(); !got.Equal(epoch.Add(time.Second)) {
			t.Fatalf("LastUsedAt = %v, want the latest use %v", got, epoch.Add(time.Second))
		}
		t.Run("a use within the interval is not recorded", func(t *testing.T) {
			e.clock.Advance(59 * time.Second)
			use(secret)
			if n := flushWrites(); n != 0 {
				t.Fatalf("flush wrote %d updates, want 0", n)
			}
		})
		t.Run("a use after the interval is", func(t *testing.T) {
			e.clock.Advance(time.Second)
			use(secret)
			if n := flushWrites(); n != 1 {
				t.Fatalf("flush wrote %d updates, want 1", n)
			}
			if got := lastUsed(); !got.Equal(epoch.Add(time.Minute + time.Second)) {
				t.Fatalf("LastUsedAt = %v", got)
			}
		})
		t.Run("an empty flush writes nothing", func(t *testing.T) {
			before := e.st.Stats().Writes
			mustNoError(t, e.st.FlushLastUsed(context.Background()))
			if after := e.st.Stats().Writes; after != before {
				t.Fatalf("empty flush wrote %d statements", after-before)
			}
		})
	})
}
