// Package mcptest drives Glossia's /mcp endpoint from tests the way an MCP
// client does: over Streamable HTTP with a bearer token, or by hand with raw
// JSON-RPC requests.
package mcptest

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	mcpsdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// BearerTransport is an http.RoundTripper that sends every request with the
// current secret as its bearer token, and with the current user agent once
// one is set; both may be switched while a session is open.
type BearerTransport struct {
	secret    atomic.Pointer[string]
	userAgent atomic.Pointer[string]
}

// NewBearerTransport returns a BearerTransport that authenticates with secret.
func NewBearerTransport(secret string) *BearerTransport {
	bt := new(BearerTransport)
	bt.SetSecret(secret)
	return bt
}

// SetSecret makes the following requests authenticate with secret.
func (bt *BearerTransport) SetSecret(secret string) { bt.secret.Store(&secret) }

// SetUserAgent makes the following requests carry ua as their User-Agent.
func (bt *BearerTransport) SetUserAgent(ua string) { bt.userAgent.Store(&ua) }

// RoundTrip sends a copy of r with the current secret and user agent.
func (bt *BearerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+*bt.secret.Load())
	if ua := bt.userAgent.Load(); ua != nil {
		r.Header.Set("User-Agent", *ua)
	}
	return http.DefaultTransport.RoundTrip(r)
}

// Connect opens an MCP session with baseURL/mcp over Streamable HTTP through
// rt, and closes it when the test ends.
func Connect(tb testing.TB, baseURL string, rt http.RoundTripper) *mcpsdk.ClientSession {
	tb.Helper()
	client := mcpsdk.NewClient(&mcpsdk.Implementation{Name: "glossia-test", Version: "1"}, nil)
	cs, err := client.Connect(context.Background(), &mcpsdk.StreamableClientTransport{
		Endpoint:             baseURL + "/mcp",
		HTTPClient:           &http.Client{Transport: rt},
		DisableStandaloneSSE: true,
		MaxRetries:           -1,
	}, nil)
	if err != nil {
		tb.Fatalf("connecting to %s/mcp: %v", baseURL, err)
	}
	tb.Cleanup(func() { cs.Close() })
	return cs
}

// Call calls a tool and fails the test on a protocol error; a tool error is
// returned in the result.
func Call(tb testing.TB, cs *mcpsdk.ClientSession, tool string, args any) *mcpsdk.CallToolResult {
	tb.Helper()
	res, err := cs.CallTool(tb.Context(), &mcpsdk.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		tb.Fatalf("calling %s: protocol error, want a tool result: %v", tool, err)
	}
	return res
}

// MustSucceed calls a tool, requires success and decodes its structured
// content into out unless out is nil.
func MustSucceed(tb testing.TB, cs *mcpsdk.ClientSession, tool string, args, out any) *mcpsdk.CallToolResult {
	tb.Helper()
	res := Call(tb, cs, tool, args)
	if res.IsError {
		tb.Fatalf("%s failed: %s", tool, ResultText(res))
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

// MustFail calls a tool, requires an isError result (not a protocol error)
// and returns its text.
func MustFail(tb testing.TB, cs *mcpsdk.ClientSession, tool string, args any) string {
	tb.Helper()
	res := Call(tb, cs, tool, args)
	if !res.IsError {
		tb.Fatalf("%s succeeded, want an isError result: %s", tool, ResultText(res))
	}
	return ResultText(res)
}

// ResultText joins the text contents of a tool result with newlines.
func ResultText(res *mcpsdk.CallToolResult) string {
	var parts []string
	for _, c := range res.Content {
		if tc, ok := c.(*mcpsdk.TextContent); ok {
			parts = append(parts, tc.Text)
		}
	}
	return strings.Join(parts, "\n")
}
