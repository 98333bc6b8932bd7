package mcptest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// ProtocolVersion is the MCP protocol version that raw requests announce.
const ProtocolVersion = "2025-06-18"

// InitializeBody is a JSON-RPC initialize request that opens a session.
const InitializeBody = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"` + ProtocolVersion + `","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`

// ListToolsBody is a JSON-RPC tools/list request for an open session.
const ListToolsBody = `{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}`

// PostJSONRPC posts body to baseURL/mcp as a client would, with secret as
// the bearer token, session (if any) as Mcp-Session-Id and header on top (a
// "Host" entry sets the Host); the response body is closed when the test
// ends.
func PostJSONRPC(tb testing.TB, baseURL, secret, session string, header map[string]string, body string) *http.Response {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, baseURL+"/mcp", strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	req.Header.Set("Mcp-Protocol-Version", ProtocolVersion)
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

// Problem decodes a problem+json response body, failing the test on any
// other content type.
func Problem(tb testing.TB, resp *http.Response) map[string]any {
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
