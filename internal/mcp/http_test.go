package mcp_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/mcp"
	"github.com/glossia/glossia/internal/mcp/mcptest"
	mcpsdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

func TestToolCallsActAsTheirOwnRequest(t *testing.T) {
	ts := startServer(t, mcp.Deps{})
	secret, tok := ts.MustToken(t, "ada", glossia.ScopeAPICredentialsRead)
	bt := mcptest.NewBearerTransport(secret)
	cs := mcptest.Connect(t, ts.URL, bt)

	for _, ua := range []string{"first-agent", "second-agent"} {
		bt.SetUserAgent(ua)
		mcptest.MustSucceed(t, cs, "list_tokens", map[string]any{}, nil)
		got := ts.Tokens.lastActor()
		if got == nil || got.TokenID != tok.ID || got.UserAgent != ua || got.Via != glossia.SurfaceMCP {
			t.Fatalf("the call ran as %+v, want token %s with user agent %q via mcp", got, tok.ID, ua)
		}
	}
}

func TestSessionIsBoundToItsToken(t *testing.T) {
	ts := startServer(t, mcp.Deps{})
	alice, _ := ts.MustToken(t, "alice", glossia.ScopeAPICredentialsRead)
	mallory, _ := ts.MustToken(t, "mallory", glossia.ScopeAPICredentialsRead)
	aliceAgain, _ := ts.MustToken(t, "alice", glossia.ScopeAPICredentialsRead)
	bt := mcptest.NewBearerTransport(alice)
	cs := mcptest.Connect(t, ts.URL, bt)
	listBody := `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"list_tokens","arguments":{}}}`

	t.Run("the opening token may use it", func(t *testing.T) {
		resp := mcptest.PostJSONRPC(t, ts.URL, alice, cs.ID(), nil, listBody)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status = %d, want 200", resp.StatusCode)
		}
	})
	for name, secret := range map[string]string{"another user's token": mallory, "another token of the same user": aliceAgain} {
		t.Run(name+" is refused", func(t *testing.T) {
			n := len(ts.Tokens.calls)
			resp := mcptest.PostJSONRPC(t, ts.URL, secret, cs.ID(), nil, listBody)
			if resp.StatusCode != http.StatusForbidden {
				t.Fatalf("status = %d, want 403", resp.StatusCode)
			}
			p := mcptest.Problem(t, resp)
			if p["error"] != "forbidden" || !strings.Contains(p["detail"].(string), "another token") {
				t.Errorf("problem = %v, want forbidden naming another token", p)
			}
			if len(ts.Tokens.calls) != n {
				t.Error("the tool ran anyway")
			}
		})
	}
	t.Run("the SDK client sees the refusal", func(t *testing.T) {
		bt.SetSecret(mallory)
		defer bt.SetSecret(alice)
		if _, err := cs.CallTool(t.Context(), nil); err == nil {
			t.Error("a call on alice's session with mallory's token succeeded")
		}
	})
	t.Run("an unknown session is not found", func(t *testing.T) {
		resp := mcptest.PostJSONRPC(t, ts.URL, alice, "no-such-session", nil, listBody)
		if resp.StatusCode != http.StatusNotFound {
			t.Fatalf("status = %d, want 404", resp.StatusCode)
		}
		if p := mcptest.Problem(t, resp); p["error"] != "not_found" {
			t.Errorf("problem = %v, want not_found", p)
		}
	})
	t.Run("a revoked token is refused by authentication", func(t *testing.T) {
		ts.Revoke(alice)
		resp := mcptest.PostJSONRPC(t, ts.URL, alice, cs.ID(), nil, listBody)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("status = %d, want 401", resp.StatusCode)
		}
	})
}

func TestHostAndOriginMustBeThisServer(t *testing.T) {
	local := startServer(t, mcp.Deps{})
	u, _ := url.Parse(local.URL)
	port := u.Port()
	public := startServer(t, mcp.Deps{BaseURL: "https://glossia.example.com"})
	tests := []struct {
		name   string
		server *testServer
		header map[string]string
		want   int
	}{
		{"no origin", local, nil, http.StatusOK},
		{"same origin", local, map[string]string{"Origin": local.URL}, http.StatusOK},
		{"localhost form of a local base", local, map[string]string{"Host": "localhost:" + port, "Origin": "http://localhost:" + port}, http.StatusOK},
		{"rebound host name", local, map[string]string{"Host": "evil.example:" + port}, http.StatusForbidden},
		{"host with another port", local, map[string]string{"Host": "127.0.0.1:1"}, http.StatusForbidden},
		{"look-alike of a loopback address", local, map[string]string{"Host": "127.evil.example:" + port}, http.StatusForbidden},
		{"foreign origin", local, map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{"opaque origin", local, map[string]string{"Origin": "null"}, http.StatusForbidden},
		{"origin with another scheme", local, map[string]string{"Origin": "https://" + u.Host}, http.StatusForbidden},
		{"public host", public, map[string]string{"Host": "glossia.example.com", "Origin": "https://glossia.example.com"}, http.StatusOK},
		{"public host with explicit default port", public, map[string]string{"Host": "GLOSSIA.example.com:443"}, http.StatusOK},
		{"loopback host for a public base", public, nil, http.StatusForbidden},
		{"public origin over http", public, map[string]string{"Host": "glossia.example.com", "Origin": "http://glossia.example.com"}, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secret, _ := tt.server.MustToken(t, "ada")
			resp := mcptest.PostJSONRPC(t, tt.server.URL, secret, "", tt.header, mcptest.InitializeBody)
			if resp.StatusCode != tt.want {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.want)
			}
			if tt.want == http.StatusForbidden {
				if p := mcptest.Problem(t, resp); p["error"] != "forbidden" {
					t.Errorf("problem = %v, want forbidden", p)
				}
			}
		})
	}
}

func TestHTTPErrorsAreProblemDetails(t *testing.T) {
	ts := startServer(t, mcp.Deps{})
	secret, _ := ts.MustToken(t, "ada")
	tests := []struct {
		name   string
		header map[string]string
		body   string
		want   int
	}{
		{"wrong content type", map[string]string{"Content-Type": "text/plain"}, mcptest.InitializeBody, http.StatusUnsupportedMediaType},
		{"body too large", nil, `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"` + strings.Repeat("a", 1<<20) + `"}}`, http.StatusRequestEntityTooLarge},
		{"not JSON-RPC", nil, `{"hello":`, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := mcptest.PostJSONRPC(t, ts.URL, secret, "", tt.header, tt.body)
			if resp.StatusCode != tt.want {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.want)
			}
			p := mcptest.Problem(t, resp)
			if p["status"] != float64(tt.want) || p["error"] == "" {
				t.Errorf("problem = %v", p)
			}
		})
	}
}

func TestResponsesAreNotCached(t *testing.T) {
	ts := startServer(t, mcp.Deps{})
	secret, _ := ts.MustToken(t, "ada")
	resp := mcptest.PostJSONRPC(t, ts.URL, secret, "", nil, mcptest.InitializeBody)
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
		t.Errorf("status %d, Cache-Control %q: want 200 and no-store", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}

func TestStatelessModeAuthenticatesEachRequest(t *testing.T) {
	ts := startServer(t, mcp.Deps{Stateless: true})
	alice, aliceTok := ts.MustToken(t, "alice", glossia.ScopeAPICredentialsRead)
	bob, bobTok := ts.MustToken(t, "bob", glossia.ScopeAPICredentialsRead)
	bt := mcptest.NewBearerTransport(alice)
	cs := mcptest.Connect(t, ts.URL, bt)
	if cs.ID() != "" {
		t.Errorf("session id %q, want none in stateless mode", cs.ID())
	}
	for _, c := range []struct {
		secret string
		want   string
	}{{alice, aliceTok.ID}, {bob, bobTok.ID}} {
		bt.SetSecret(c.secret)
		mcptest.MustSucceed(t, cs, "list_tokens", map[string]any{}, nil)
		if got := ts.Tokens.lastActor(); got == nil || got.TokenID != c.want {
			t.Errorf("ran as %+v, want token %s", got, c.want)
		}
	}
}

func TestMisconfiguredBaseURLRefusesEverything(t *testing.T) {
	ts := startServer(t, mcp.Deps{BaseURL: "glossia.example.com"})
	secret, _ := ts.MustToken(t, "ada")
	resp := mcptest.PostJSONRPC(t, ts.URL, secret, "", nil, mcptest.InitializeBody)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("status = %d, want 403", resp.StatusCode)
	}
	if !strings.Contains(ts.Logs(), "invalid base URL") {
		t.Errorf("the misconfiguration was not logged: %s", ts.Logs())
	}
}

func TestShutdownEndsOpenSessions(t *testing.T) {
	done := make(chan struct{})
	ts := startServer(t, mcp.Deps{Done: done})
	secret, _ := ts.MustToken(t, "ada", glossia.ScopeAPICredentialsRead)
	// A client that holds the standalone event stream open, as real ones do.
	client := mcpsdk.NewClient(&mcpsdk.Implementation{Name: "sse", Version: "1"}, nil)
	cs, err := client.Connect(t.Context(), &mcpsdk.StreamableClientTransport{
		Endpoint:   ts.URL + "/mcp",
		HTTPClient: &http.Client{Transport: mcptest.NewBearerTransport(secret)},
		MaxRetries: -1,
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	mcptest.MustSucceed(t, cs, "list_tokens", map[string]any{}, nil)

	close(done)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.HTTP.Config.Shutdown(ctx); err != nil {
		t.Fatalf("graceful shutdown: %v (it waited for the open event stream)", err)
	}
}

func TestShuttingDownRefusesNewSessions(t *testing.T) {
	done := make(chan struct{})
	ts := startServer(t, mcp.Deps{Done: done})
	secret, _ := ts.MustToken(t, "ada")
	close(done)
	resp := mcptest.PostJSONRPC(t, ts.URL, secret, "", nil, mcptest.InitializeBody)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q: want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	mcptest.Problem(t, resp)
}
