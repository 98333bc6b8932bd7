package mcp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/mcp"
	mcpsdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// testServer is /mcp behind a small bearer shim that maps secrets to
// actors, standing in for the server's bearer middleware.
type testServer struct {
	URL    string
	HTTP   *httptest.Server
	Tokens *fakeTokens
	logs   *lockedWriter

	mu      sync.Mutex
	secrets map[string]glossia.Actor
}

// startServer serves the handler built from deps (Services and BaseURL are
// filled in) on a fresh httptest server.
func startServer(t *testing.T, deps mcp.Deps) *testServer {
	t.Helper()
	ts := &testServer{Tokens: newFakeTokens(), logs: &lockedWriter{w: new(bytes.Buffer)}, secrets: make(map[string]glossia.Actor)}
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

// bearerTransport adds the current token and user agent to every request.
type bearerTransport struct {
	token     atomic.Pointer[string]
	userAgent atomic.Pointer[string]
}

func newBearerTransport(secret string) *bearerTransport {
	bt := new(bearerTransport)
	bt.token.Store(&secret)
	ua := "mcp-test"
	bt.userAgent.Store(&ua)
	return bt
}

func (bt *bearerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+*bt.token.Load())
	r.Header.Set("User-Agent", *bt.userAgent.Load())
	return http.DefaultTransport.RoundTrip(r)
}

// MustConnect opens an MCP session over Streamable HTTP with secret.
func MustConnect(tb testing.TB, url string, bt *bearerTransport) *mcpsdk.ClientSession {
	tb.Helper()
	client := mcpsdk.NewClient(&mcpsdk.Implementation{Name: "glossia-test", Version: "1"}, nil)
	cs, err := client.Connect(context.Background(), &mcpsdk.StreamableClientTransport{
		Endpoint:             url + "/mcp",
		HTTPClient:           &http.Client{Transport: bt},
		DisableStandaloneSSE: true,
		MaxRetries:           -1,
	}, nil)
	if err != nil {
		tb.Fatalf("connecting to %s/mcp: %v", url, err)
	}
	tb.Cleanup(func() { cs.Close() })
	return cs
}

// MustCall calls a tool and fails on a protocol error; tool errors are
// returned in the result.
func MustCall(tb testing.TB, cs *mcpsdk.ClientSession, tool string, args any) *mcpsdk.CallToolResult {
	tb.Helper()
	res, err := cs.CallTool(context.Background(), &mcpsdk.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		tb.Fatalf("calling %s: protocol error: %v", tool, err)
	}
	return res
}

// MustSucceed calls a tool, requires success and decodes its structured
// content into out.
func MustSucceed(tb testing.TB, cs *mcpsdk.ClientSession, tool string, args, out any) *mcpsdk.CallToolResult {
	tb.Helper()
	res := MustCall(tb, cs, tool, args)
	if res.IsError {
		tb.Fatalf("%s failed: %s", tool, resultText(res))
	}
	if out != nil {
		b, err := json.Marshal(res.StructuredContent)
		if err != nil {
			tb.Fatal(err)
		}
		if err := json.Unmarshal(b, out); err != nil {
			tb.Fatalf("%s: decoding structured content %s: %v", tool, b, err)
		}
	}
	return res
}

// MustFail calls a tool and requires an isError result; it returns the text.
func MustFail(tb testing.TB, cs *mcpsdk.ClientSession, tool string, args any) string {
	tb.Helper()
	res := MustCall(tb, cs, tool, args)
	if !res.IsError {
		tb.Fatalf("%s succeeded, want an isError result: %s", tool, resultText(res))
	}
	return resultText(res)
}

// resultText joins the text contents of a result.
func resultText(res *mcpsdk.CallToolResult) string {
	var parts []string
	for _, c := range res.Content {
		if tc, ok := c.(*mcpsdk.TextContent); ok {
			parts = append(parts, tc.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// postJSONRPC sends one JSON-RPC message to /mcp the way a client would,
// with the given secret, session id and extra headers.
func postJSONRPC(tb testing.TB, url, secret, session string, header map[string]string, body string) *http.Response {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/mcp", strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	req.Header.Set("Authorization", "Bearer "+secret)
	if session != "" {
		req.Header.Set("Mcp-Session-Id", session)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { resp.Body.Close() })
	return resp
}

const initializeBody = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`

// decodeProblem reads a problem+json body, failing on another content type.
func decodeProblem(tb testing.TB, resp *http.Response) map[string]any {
	tb.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		tb.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var p map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		tb.Fatalf("decoding problem: %v", err)
	}
	return p
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

// Logs returns what the handler logged so far.
func (ts *testServer) Logs() string { return ts.logs.String() }

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.String()
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
