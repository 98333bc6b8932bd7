package server

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/testenv"
)

// fakeAuthenticator accepts the secrets it knows and counts every call, so
// tests can show which requests reach the token store.
type fakeAuthenticator struct {
	mu      sync.Mutex
	actors  map[string]*glossia.Actor
	calls   int
	origins []glossia.Origin
}

func (f *fakeAuthenticator) AuthenticateToken(ctx context.Context, secret string, o glossia.Origin) (*glossia.Actor, error) {
	// Like the store, refuse malformed secrets before any storage read:
	// calls counts only the reads a real store would make.
	if err := glossia.CheckTokenSecret(secret); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	f.origins = append(f.origins, o)
	a, ok := f.actors[secret]
	if !ok {
		return nil, glossia.Errorf(glossia.EUNAUTHENTICATED, "unknown token")
	}
	actor := *a
	actor.Origin = o
	return &actor, nil
}

func (f *fakeAuthenticator) Calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// fakeUsers answers CurrentUser with the actor's handle.
type fakeUsers struct{}

func (fakeUsers) CurrentUser(ctx context.Context) (*glossia.User, error) {
	a, err := glossia.RequireScope(ctx, glossia.ScopeUserRead)
	if err != nil {
		return nil, err
	}
	return &glossia.User{ID: a.UserID, Handle: a.Handle}, nil
}

func (fakeUsers) UpdateCurrentUser(ctx context.Context, u glossia.UserUpdate) (*glossia.User, error) {
	panic("fakeUsers: UpdateCurrentUser is not expected")
}

type fixture struct {
	handler http.Handler
	auth    *fakeAuthenticator
	clock   *testenv.Clock
	logs    *testenv.Buffer
	// secret authenticates as ada with user:read, expiring; forever never expires.
	secret, forever string
	expires         time.Time
}

func newFixture(t *testing.T, cfg Config) *fixture {
	t.Helper()
	f := &fixture{
		clock:   testenv.NewClock(time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)),
		logs:    &testenv.Buffer{},
		secret:  glossia.NewTokenSecret(),
		forever: glossia.NewTokenSecret(),
		expires: time.Date(2030, 2, 1, 0, 0, 0, 0, time.UTC),
	}
	f.auth = &fakeAuthenticator{actors: map[string]*glossia.Actor{
		f.secret:  {UserID: "u1", Handle: "ada", TokenID: "t1", Scopes: []glossia.Scope{glossia.ScopeUserRead}, TokenExpiresAt: &f.expires},
		f.forever: {UserID: "u1", Handle: "ada", TokenID: "t2", Scopes: []glossia.Scope{glossia.ScopeAccountRead}},
	}}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://glossia.example"
	}
	f.handler = NewServer(Deps{
		Config:   cfg,
		Logger:   slog.New(slog.NewJSONHandler(f.logs, nil)),
		Services: glossia.Services{Users: fakeUsers{}},
		Tokens:   f.auth,
		Now:      f.clock.Now,
	})
	return f
}

// Do serves one request from 192.0.2.1 with the given Authorization headers.
func (f *fixture) Do(method, path string, auth ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, nil)
	r.RemoteAddr = "192.0.2.1:4321"
	for _, a := range auth {
		r.Header.Add("Authorization", a)
	}
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, r)
	return rec
}

// MustProblem decodes a problem+json response, failing on any other body.
func MustProblem(tb testing.TB, rec *httptest.ResponseRecorder) map[string]any {
	tb.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		tb.Fatalf("Content-Type %q, want application/problem+json; body %s", ct, rec.Body)
	}
	var p map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		tb.Fatalf("decoding the problem: %v: %s", err, rec.Body)
	}
	return p
}

func (f *fixture) handlerLogger() *slog.Logger { return slog.New(slog.NewJSONHandler(f.logs, nil)) }
