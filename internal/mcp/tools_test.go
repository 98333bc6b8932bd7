package mcp_test

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/mcp"
	"github.com/glossia/glossia/internal/mcp/mcptest"
	mcpsdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// MustConnectInMemory connects a client to NewServer(services) in memory,
// the way `glossia mcp` serves over stdio.
func MustConnectInMemory(tb testing.TB, services glossia.Services, opts ...mcp.ServerOptions) *mcpsdk.ClientSession {
	tb.Helper()
	ctx := context.Background()
	serverT, clientT := mcpsdk.NewInMemoryTransports()
	o := mcp.ServerOptions{Version: "test"}
	if len(opts) > 0 {
		o = opts[0]
	}
	ss, err := mcp.NewServer(services, o).Connect(ctx, serverT, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ss.Close() })
	cs, err := mcpsdk.NewClient(&mcpsdk.Implementation{Name: "glossia-test", Version: "1"}, nil).Connect(ctx, clientT, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { cs.Close() })
	return cs
}

func TestToolsAnnounceTruthfulAnnotations(t *testing.T) {
	cs := MustConnectInMemory(t, glossia.Services{})
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	type hints struct{ readOnly, destructive, idempotent bool }
	want := map[string]hints{
		"list_tokens":        {readOnly: true},
		"create_token":       {destructive: false, idempotent: false},
		"get_token":          {readOnly: true},
		"update_token":       {destructive: false, idempotent: true},
		"revoke_token":       {destructive: true, idempotent: true},
		"rotate_token":       {destructive: true, idempotent: false},
		"whoami":             {readOnly: true},
		"list_organizations": {readOnly: true},
		"list_projects":      {readOnly: true},
		"create_project":     {destructive: false, idempotent: false},
		"get_voice":          {readOnly: true},
		"list_members":       {readOnly: true},
	}
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
		w, ok := want[tool.Name]
		if !ok {
			t.Errorf("unexpected tool %q", tool.Name)
			continue
		}
		t.Run(tool.Name, func(t *testing.T) {
			a := tool.Annotations
			if a == nil {
				t.Fatal("no annotations")
			}
			if a.ReadOnlyHint != w.readOnly {
				t.Errorf("readOnlyHint = %v, want %v", a.ReadOnlyHint, w.readOnly)
			}
			if a.OpenWorldHint == nil || *a.OpenWorldHint {
				t.Errorf("openWorldHint = %v, want false", a.OpenWorldHint)
			}
			if !w.readOnly {
				if a.DestructiveHint == nil || *a.DestructiveHint != w.destructive {
					t.Errorf("destructiveHint = %v, want %v", a.DestructiveHint, w.destructive)
				}
				if a.IdempotentHint != w.idempotent {
					t.Errorf("idempotentHint = %v, want %v", a.IdempotentHint, w.idempotent)
				}
			}
			if tool.Description == "" || a.Title == "" {
				t.Errorf("description %q, title %q: both are needed", tool.Description, a.Title)
			}
			if tool.OutputSchema == nil {
				t.Error("no output schema: results must be structured")
			}
		})
	}
	if len(names) != len(want) {
		t.Errorf("tools = %v, want the %d of SPEC §7", names, len(want))
	}
}

func TestEveryInputFieldIsDescribed(t *testing.T) {
	cs := MustConnectInMemory(t, glossia.Services{})
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tool := range res.Tools {
		schema, _ := tool.InputSchema.(map[string]any)
		if schema["type"] != "object" {
			t.Errorf("%s: input schema type = %v, want object", tool.Name, schema["type"])
		}
		props, _ := schema["properties"].(map[string]any)
		for name, p := range props {
			desc, _ := p.(map[string]any)["description"].(string)
			if strings.TrimSpace(desc) == "" {
				t.Errorf("%s: argument %q has no description", tool.Name, name)
			}
		}
	}
}

func TestCreateTokenSchemaListsEveryScope(t *testing.T) {
	cs := MustConnectInMemory(t, glossia.Services{})
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(res.Tools, func(tool *mcpsdk.Tool) bool { return tool.Name == "create_token" })
	if i < 0 {
		t.Fatal("no create_token tool")
	}
	scopes := res.Tools[i].InputSchema.(map[string]any)["properties"].(map[string]any)["scopes"].(map[string]any)
	desc := scopes["description"].(string)
	for _, s := range glossia.AllScopes() {
		if !strings.Contains(desc, string(s)) {
			t.Errorf("scopes description does not list %s: %q", s, desc)
		}
	}
}

func TestCreateTokenShowsTheSecretOnce(t *testing.T) {
	ts := startServer(t, mcp.Deps{})
	secret, _ := ts.MustToken(t, "ada", glossia.ScopeAPICredentialsRead, glossia.ScopeAPICredentialsWrite)
	cs := mcptest.Connect(t, ts.URL, mcptest.NewBearerTransport(secret))

	var created glossia.CreatedToken
	res := mcptest.MustSucceed(t, cs, "create_token", map[string]any{"name": "CI deploy", "scopes": []string{"api_credentials:read"}, "expires_in_days": 30}, &created)
	if !regexp.MustCompile(`^glsa_[0-9a-f]{48}$`).MatchString(created.PlainToken) {
		t.Fatalf("plain_token = %q, want a glsa_ secret", created.PlainToken)
	}
	if created.Token == nil || created.Token.Name != "CI deploy" || created.Token.CreatedVia != glossia.SurfaceMCP {
		t.Errorf("token = %+v, want name CI deploy created via mcp", created.Token)
	}
	text := mcptest.ResultText(res)
	if !strings.Contains(text, created.PlainToken) || !strings.Contains(text, "shown only this once") {
		t.Errorf("text content must carry the secret and a store-it-now note, got %q", text)
	}

	list := mcptest.MustSucceed(t, cs, "list_tokens", map[string]any{"status": "all"}, nil)
	if strings.Contains(mcptest.ResultText(list), created.PlainToken) {
		t.Error("list_tokens shows the secret")
	}
}

func TestToolFailuresAreToolResults(t *testing.T) {
	ts := startServer(t, mcp.Deps{})
	readOnly, _ := ts.MustToken(t, "ada", glossia.ScopeAPICredentialsRead, glossia.ScopeProjectRead)
	writer, own := ts.MustToken(t, "bob", glossia.ScopeAPICredentialsRead, glossia.ScopeAPICredentialsWrite)
	_, other := ts.MustToken(t, "eve", glossia.ScopeAPICredentialsWrite)

	tests := []struct {
		name   string
		secret string
		tool   string
		args   map[string]any
		want   []string // substrings of the message
		absent []string
	}{
		{"missing scope names the scope", readOnly, "create_token", map[string]any{"name": "x", "scopes": []string{"api_credentials:read"}},
			[]string{"lacks the api_credentials:write scope", "create a token that has it"}, nil},
		{"no broader token than the caller's", writer, "create_token", map[string]any{"name": "x", "scopes": []string{"project:write"}},
			[]string{"only grant scopes it holds", "project:write"}, nil},
		{"validation names each field", writer, "create_token", map[string]any{"name": " ", "scopes": []string{"nope"}},
			[]string{"name: is required", `unknown scope "nope"`, "correct these arguments"}, nil},
		{"bad expires_at format", writer, "create_token", map[string]any{"name": "x", "scopes": []string{"api_credentials:read"}, "expires_at": "tomorrow"},
			[]string{"expires_at", "RFC 3339"}, nil},
		{"unknown token id", writer, "get_token", map[string]any{"id": "01900000-0000-7000-8000-000000000000"},
			[]string{"not found", "list_tokens"}, nil},
		{"another user's token is not found", writer, "revoke_token", map[string]any{"id": other.ID},
			[]string{"not found"}, nil},
		{"scopes are fixed", writer, "update_token", map[string]any{"id": own.ID, "scopes": []string{"project:read"}},
			[]string{"scopes", "fixed when a token is created"}, nil},
		{"expiry is fixed even as null", writer, "update_token", map[string]any{"id": own.ID, "expires_at": nil},
			[]string{"expires_at", "fixed when a token is created"}, nil},
		{"missing required argument", writer, "get_token", map[string]any{},
			[]string{"id"}, nil},
		{"unknown argument", writer, "list_tokens", map[string]any{"colour": "red"},
			[]string{"colour"}, nil},
		{"internal error is generic", readOnly, "list_projects", map[string]any{},
			[]string{"internal error", "try again later"}, []string{"10.0.0.5", "relation"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := mcptest.Connect(t, ts.URL, mcptest.NewBearerTransport(tt.secret))
			msg := mcptest.MustFail(t, cs, tt.tool, tt.args)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(msg, a) {
					t.Errorf("message %q leaks %q", msg, a)
				}
			}
		})
	}
	if logs := ts.Logs(); !strings.Contains(logs, "10.0.0.5") || !strings.Contains(logs, "list_projects") {
		t.Errorf("internal error details were not logged: %s", logs)
	}
}

func TestRevokeTwiceAnswersTheSame(t *testing.T) {
	ts := startServer(t, mcp.Deps{})
	secret, _ := ts.MustToken(t, "ada", glossia.ScopeAPICredentialsRead, glossia.ScopeAPICredentialsWrite)
	_, victim := ts.MustToken(t, "ada")
	cs := mcptest.Connect(t, ts.URL, mcptest.NewBearerTransport(secret))
	var first, second glossia.Token
	mcptest.MustSucceed(t, cs, "revoke_token", map[string]any{"id": victim.ID}, &first)
	mcptest.MustSucceed(t, cs, "revoke_token", map[string]any{"id": victim.ID}, &second)
	if first.Status != glossia.TokenRevoked || first.RevokedAt == nil || !first.RevokedAt.Equal(*second.RevokedAt) {
		t.Errorf("first %+v, second %+v: want the same revoked token", first, second)
	}
}

func TestUpdateTokenRenames(t *testing.T) {
	ts := startServer(t, mcp.Deps{})
	secret, own := ts.MustToken(t, "ada", glossia.ScopeAPICredentialsWrite)
	cs := mcptest.Connect(t, ts.URL, mcptest.NewBearerTransport(secret))
	var got glossia.Token
	mcptest.MustSucceed(t, cs, "update_token", map[string]any{"id": own.ID, "name": "  Renamed  ", "description": "for CI"}, &got)
	if got.Name != "Renamed" || got.Description != "for CI" {
		t.Errorf("got name %q description %q, want the trimmed name and the description", got.Name, got.Description)
	}
}

func TestWhoamiShowsTheUserOnlyWithUserRead(t *testing.T) {
	ts := startServer(t, mcp.Deps{})
	tests := []struct {
		name     string
		scopes   []glossia.Scope
		wantUser bool
	}{
		{"with user:read", []glossia.Scope{glossia.ScopeUserRead}, true},
		{"without user:read", []glossia.Scope{glossia.ScopeProjectRead}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secret, tok := ts.MustToken(t, "ada", tt.scopes...)
			cs := mcptest.Connect(t, ts.URL, mcptest.NewBearerTransport(secret))
			var got mcp.Whoami
			res := mcptest.MustSucceed(t, cs, "whoami", map[string]any{}, &got)
			if got.Token == nil || got.Token.ID != tok.ID {
				t.Errorf("token = %+v, want %s", got.Token, tok.ID)
			}
			if (got.User != nil) != tt.wantUser {
				t.Errorf("user = %+v, want shown: %v", got.User, tt.wantUser)
			}
			if !tt.wantUser && !strings.Contains(mcptest.ResultText(res), "user:read") {
				t.Errorf("text %q does not say why the profile is missing", mcptest.ResultText(res))
			}
		})
	}
}

// failingTokens fails ListTokens with err.
type failingTokens struct {
	glossia.TokenService
	err error
}

func (f failingTokens) ListTokens(context.Context, glossia.TokenFilter) (*glossia.TokenPage, error) {
	return nil, f.err
}

func TestRemoteFailuresAreShownOverStdio(t *testing.T) {
	transport := errors.New("glossia client: GET /api/tokens: dial tcp 127.0.0.1:1: connect: connection refused")
	server := &glossia.Error{Code: glossia.EINTERNAL, Message: "internal error (request id 0123abcd)"}
	tests := []struct {
		name   string
		remote bool
		err    error
		want   string
		absent string
	}{
		{"transport error, remote", true, transport, "connection refused", ""},
		{"server error, remote", true, server, "request id 0123abcd", ""},
		{"same error, local store", false, transport, "internal error", "connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := MustConnectInMemory(t, glossia.Services{Tokens: failingTokens{err: tt.err}}, mcp.ServerOptions{Remote: tt.remote})
			msg := mcptest.MustFail(t, cs, "list_tokens", map[string]any{})
			if !strings.Contains(msg, tt.want) || (tt.absent != "" && strings.Contains(msg, tt.absent)) {
				t.Errorf("message %q: want %q, not %q", msg, tt.want, tt.absent)
			}
		})
	}
}
