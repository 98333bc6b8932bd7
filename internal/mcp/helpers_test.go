package mcp_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/mcp"
	"github.com/glossia/glossia/internal/testenv"
)

// testServer is /mcp behind a small bearer shim that maps secrets to
// actors, standing in for the server's bearer middleware.
type testServer struct {
	URL    string
	HTTP   *httptest.Server
	Tokens *fakeTokens
	logs   *testenv.Buffer

	mu      sync.Mutex
	secrets map[string]glossia.Actor
}

// startServer serves the handler built from deps (Services and BaseURL are
// filled in) on a fresh httptest server.
func startServer(t *testing.T, deps mcp.Deps) *testServer {
	t.Helper()
	ts := &testServer{Tokens: newFakeTokens(), logs: new(testenv.Buffer), secrets: make(map[string]glossia.Actor)}
	deps.Services = glossia.Services{Tokens: ts.Tokens, Users: fakeUsers{}, Projects: fakeProjects{}}
	deps.Logger = slog.New(slog.NewTextHandler(ts.logs, nil))
	mux := http.NewServeMux()
	srv := httptest.NewUnstartedServer(mux)
	srv.Start()
	t.Cleanup(srv.Close)
	ts.URL, ts.HTTP = srv.URL, srv
	if deps.BaseURL == "" {
		deps.BaseURL = srv.URL
	}
	mux.Handle("/mcp", ts.bearer(mcp.NewHandler(deps)))
	return ts
}

// bearer authenticates like the server's middleware: an unknown or revoked
// secret gets 401, a known one puts its actor, with this request's origin,
// in the context.
func (ts *testServer) bearer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secret, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		ts.mu.Lock()
		actor, ok := ts.secrets[secret]
		ts.mu.Unlock()
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="glossia", error="invalid_token"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		actor.Origin = glossia.Origin{Via: glossia.SurfaceMCP, IP: r.RemoteAddr, UserAgent: r.UserAgent()}
		next.ServeHTTP(w, r.WithContext(glossia.NewContext(r.Context(), &actor)))
	})
}

// MustToken creates a token for the user with that handle and returns its
// secret.
func (ts *testServer) MustToken(tb testing.TB, handle string, scopes ...glossia.Scope) (string, *glossia.Token) {
	tb.Helper()
	tok := ts.Tokens.add("user-"+handle, handle+" token", scopes...)
	secret := glossia.NewTokenSecret()
	ts.mu.Lock()
	ts.secrets[secret] = glossia.Actor{UserID: "user-" + handle, Handle: handle, TokenID: tok.ID, Scopes: scopes}
	ts.mu.Unlock()
	return secret, tok
}

// Revoke makes the shim refuse secret from now on.
func (ts *testServer) Revoke(secret string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	delete(ts.secrets, secret)
}

// Logs returns what the handler logged so far.
func (ts *testServer) Logs() string { return ts.logs.String() }
