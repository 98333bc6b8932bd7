package main

import (
	"net/http"
	"net/url"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/mcp/mcptest"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
	"github.com/glossia/glossia/internal/testenv"
	mcpsdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// TestMCPOverHTTP drives /mcp of a real server with the official SDK's
// client, as a coding agent would, on both engines.
func TestMCPOverHTTP(t *testing.T) {
	sqltest.Run(t, testMCPOverHTTP)
}

func testMCPOverHTTP(t *testing.T, engine string) {
	srv := startServer(t, engine)
	srv.CreateUser(t, "ada")
	srv.CreateUser(t, "eve")
	admin := srv.CreateToken(t, "ada", "api_credentials:read", "api_credentials:write", "project:read", "user:read")
	cs := mcptest.Connect(t, srv.URL, mcptest.NewBearerTransport(admin))

	t.Run("tools announce truthful annotations", func(t *testing.T) {
		res, err := cs.ListTools(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		tools := make(map[string]*mcpsdk.ToolAnnotations)
		for _, tool := range res.Tools {
			tools[tool.Name] = tool.Annotations
		}
		type hints struct{ readOnly, destructive, idempotent bool }
		for name, want := range map[string]hints{
			"list_tokens":  {readOnly: true},
			"get_token":    {readOnly: true},
			"whoami":       {readOnly: true},
			"create_token": {destructive: false, idempotent: false},
			"update_token": {destructive: false, idempotent: true},
			"revoke_token": {destructive: true, idempotent: true},
			"rotate_token": {destructive: true, idempotent: false},
		} {
			a := tools[name]
			if a == nil {
				t.Errorf("%s: missing, or without annotations", name)
				continue
			}
			if a.ReadOnlyHint != want.readOnly || a.OpenWorldHint == nil || *a.OpenWorldHint {
				t.Errorf("%s: readOnlyHint %v, openWorldHint %v", name, a.ReadOnlyHint, a.OpenWorldHint)
			}
			if !want.readOnly && (a.DestructiveHint == nil || *a.DestructiveHint != want.destructive || a.IdempotentHint != want.idempotent) {
				t.Errorf("%s: destructiveHint %v, idempotentHint %v, want %v, %v", name, a.DestructiveHint, a.IdempotentHint, want.destructive, want.idempotent)
			}
		}
		if len(res.Tools) != 12 {
			t.Errorf("%d tools, want 12", len(res.Tools))
		}
	})

	var who struct {
		User  *glossia.User  `json:"user"`
		Token *glossia.Token `json:"token"`
	}
	mcptest.MustSucceed(t, cs, "whoami", map[string]any{}, &who)
	if who.User == nil || who.User.Handle != "ada" || who.Token == nil || who.Token.Prefix != glossia.DisplayPrefix(admin) {
		t.Fatalf("whoami = %+v", who)
	}

	var created glossia.CreatedToken
	res := mcptest.MustSucceed(t, cs, "create_token", map[string]any{"name": "agent", "scopes": []string{"project:read"}, "expires_in_days": 7}, &created)
	secret := created.PlainToken
	t.Run("create_token returns the secret once", func(t *testing.T) {
		if !regexp.MustCompile(`^glsa_[0-9a-f]{48}$`).MatchString(secret) {
			t.Fatalf("plain_token = %q", secret)
		}
		tok := created.Token
		if tok.CreatedVia != glossia.SurfaceMCP || tok.ParentTokenID == nil || *tok.ParentTokenID != who.Token.ID || tok.ExpiresAt == nil {
			t.Errorf("token = %+v, want created via mcp by %s, expiring", tok, who.Token.ID)
		}
		if !strings.Contains(mcptest.ResultText(res), secret) || !strings.Contains(mcptest.ResultText(res), "shown only this once") {
			t.Errorf("text content = %q, want the secret and a store-it-now note", mcptest.ResultText(res))
		}
		list := mcptest.MustSucceed(t, cs, "list_tokens", map[string]any{"status": "all", "sort": "name", "limit": 100}, nil)
		if strings.Contains(mcptest.ResultText(list), secret) {
			t.Error("list_tokens shows a secret")
		}
		if strings.Contains(srv.Logs.String(), secret) || strings.Contains(srv.Logs.String(), admin) {
			t.Error("the server logged a secret")
		}
	})

	t.Run("the new secret works on the API", func(t *testing.T) {
		if status := mcpGet(t, srv.URL+"/api/projects", secret).StatusCode; status != http.StatusOK {
			t.Fatalf("GET /api/projects = %d, want 200", status)
		}
	})

	agent := mcptest.Connect(t, srv.URL, mcptest.NewBearerTransport(secret))
	t.Run("a token without api_credentials:write is told which scope it lacks", func(t *testing.T) {
		msg := mcptest.MustFail(t, agent, "create_token", map[string]any{"name": "x", "scopes": []string{"project:read"}})
		if !strings.Contains(msg, "api_credentials:write") {
			t.Errorf("message %q does not name the scope", msg)
		}
	})
	t.Run("a token cannot mint a broader token", func(t *testing.T) {
		msg := mcptest.MustFail(t, cs, "create_token", map[string]any{"name": "x", "scopes": []string{"project:read", "organization:write"}})
		if !strings.Contains(msg, "organization:write") {
			t.Errorf("message %q does not name the scope it lacks", msg)
		}
	})
	t.Run("an unknown token id is a tool error", func(t *testing.T) {
		for _, tool := range []string{"get_token", "revoke_token", "update_token", "rotate_token"} {
			msg := mcptest.MustFail(t, cs, tool, map[string]any{"id": "01900000-0000-7000-8000-000000000000"})
			if !strings.Contains(msg, "not found") {
				t.Errorf("%s: message %q", tool, msg)
			}
		}
	})
	t.Run("another user's token is not found", func(t *testing.T) {
		eve := srv.CreateToken(t, "eve", "api_credentials:read", "api_credentials:write")
		evesSession := mcptest.Connect(t, srv.URL, mcptest.NewBearerTransport(eve))
		var own glossia.Token
		mcptest.MustSucceed(t, evesSession, "whoami", map[string]any{}, &struct {
			Token *glossia.Token `json:"token"`
		}{&own})
		if msg := mcptest.MustFail(t, cs, "revoke_token", map[string]any{"id": own.ID}); !strings.Contains(msg, "not found") {
			t.Errorf("message %q", msg)
		}
	})
	t.Run("a session is bound to the token that opened it", func(t *testing.T) {
		resp := mcptest.PostJSONRPC(t, srv.URL, secret, cs.ID(), nil, mcptest.ListToolsBody)
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("ada's admin session used with another token: status %d, want 403", resp.StatusCode)
		}
		if p := mcptest.Problem(t, resp); p["error"] != "forbidden" {
			t.Errorf("problem = %v", p)
		}
	})
	t.Run("a bad Host or Origin is refused", func(t *testing.T) {
		u, _ := url.Parse(srv.URL)
		for _, h := range []map[string]string{
			{"Origin": "http://evil.example"},
			{"Host": "evil.example:" + u.Port()},
		} {
			if resp := mcptest.PostJSONRPC(t, srv.URL, admin, "", h, mcptest.InitializeBody); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%v: status %d, want 403", h, resp.StatusCode)
			}
		}
	})

	t.Run("a revoked token is refused on its next request", func(t *testing.T) {
		var revoked glossia.Token
		mcptest.MustSucceed(t, cs, "revoke_token", map[string]any{"id": created.Token.ID}, &revoked)
		if revoked.Status != glossia.TokenRevoked {
			t.Fatalf("status = %s, want revoked", revoked.Status)
		}
		resp := mcptest.PostJSONRPC(t, srv.URL, secret, agent.ID(), nil, mcptest.ListToolsBody)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("MCP request with the revoked token: status %d, want 401", resp.StatusCode)
		}
		// RFC 9728 metadata of /mcp: the well-known path, or its /mcp form.
		want := `resource_metadata="` + srv.URL + `/.well-known/oauth-protected-resource`
		if h := resp.Header.Get("WWW-Authenticate"); !strings.Contains(h, want) || !strings.Contains(h, "invalid_token") {
			t.Errorf("WWW-Authenticate = %q, want invalid_token and %s", h, want)
		}
		if _, err := agent.CallTool(t.Context(), &mcpsdk.CallToolParams{Name: "whoami", Arguments: map[string]any{}}); err == nil {
			t.Error("the SDK client's call with a revoked token succeeded")
		}
		var again glossia.Token
		mcptest.MustSucceed(t, cs, "revoke_token", map[string]any{"id": created.Token.ID}, &again)
		if again.RevokedAt == nil || !again.RevokedAt.Equal(*revoked.RevokedAt) {
			t.Errorf("revoking again changed revoked_at: %v, then %v", revoked.RevokedAt, again.RevokedAt)
		}
	})

	t.Run("rotate_token returns a new secret and stops the old one", func(t *testing.T) {
		var old glossia.CreatedToken
		mcptest.MustSucceed(t, cs, "create_token", map[string]any{"name": "to rotate", "scopes": []string{"project:read"}}, &old)
		var rotated glossia.CreatedToken
		res := mcptest.MustSucceed(t, cs, "rotate_token", map[string]any{"id": old.Token.ID}, &rotated)
		if rotated.PlainToken == old.PlainToken || !strings.Contains(mcptest.ResultText(res), rotated.PlainToken) || rotated.Token.Name != "to rotate" {
			t.Fatalf("rotated = %+v", rotated.Token)
		}
		if status := mcpGet(t, srv.URL+"/api/projects", rotated.PlainToken).StatusCode; status != http.StatusOK {
			t.Errorf("new secret: GET /api/projects = %d, want 200", status)
		}
		if status := mcpGet(t, srv.URL+"/api/projects", old.PlainToken).StatusCode; status != http.StatusUnauthorized {
			t.Errorf("old secret: GET /api/projects = %d, want 401", status)
		}
	})
	t.Run("scopes cannot be edited", func(t *testing.T) {
		msg := mcptest.MustFail(t, cs, "update_token", map[string]any{"id": who.Token.ID, "scopes": []string{"project:write"}})
		if !strings.Contains(msg, "fixed") {
			t.Errorf("message %q does not explain that scopes are fixed", msg)
		}
	})

	t.Run("projects follow the policy", func(t *testing.T) {
		writer := srv.CreateToken(t, "ada", "project:read", "project:write")
		ws := mcptest.Connect(t, srv.URL, mcptest.NewBearerTransport(writer))
		var p glossia.Project
		mcptest.MustSucceed(t, ws, "create_project", map[string]any{"account": "ada", "handle": "docs", "name": "Docs"}, &p)
		if p.Account != "ada" || p.Handle != "docs" {
			t.Errorf("project = %+v", p)
		}
		var page glossia.ProjectPage
		mcptest.MustSucceed(t, ws, "list_projects", map[string]any{}, &page)
		if len(page.Projects) != 1 || page.Projects[0].Handle != "docs" {
			t.Errorf("list_projects = %+v", page.Projects)
		}
		if msg := mcptest.MustFail(t, ws, "create_project", map[string]any{"account": "eve", "handle": "other", "name": "Other"}); !strings.Contains(msg, "not found") {
			t.Errorf("creating in eve's private account: %q, want not found", msg)
		}
		if msg := mcptest.MustFail(t, cs, "create_project", map[string]any{"account": "ada", "handle": "more", "name": "More"}); !strings.Contains(msg, "project:write") {
			t.Errorf("creating without project:write: %q", msg)
		}
	})
}

// TestMCPOverStdio runs `glossia mcp` as a subprocess with the SDK's command
// transport against a real server, as an MCP client configured with a
// command would.
func TestMCPOverStdio(t *testing.T) {
	srv := startServer(t, "sqlite")
	srv.CreateUser(t, "ada")
	token := srv.CreateToken(t, "ada", "api_credentials:read", "api_credentials:write")
	bin := glossiaBinary(t)

	t.Run("refuses to start without its configuration", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			env  []string
			want string
		}{
			{"no URL", []string{"GLOSSIA_TOKEN=" + token}, "GLOSSIA_URL"},
			{"no token", []string{"GLOSSIA_URL=" + srv.URL}, "GLOSSIA_TOKEN"},
			{"malformed token", []string{"GLOSSIA_URL=" + srv.URL, "GLOSSIA_TOKEN=glsa_not-a-token"}, "not a Glossia token"},
		} {
			res := execGlossia(t, tt.env, "", "mcp")
			if res.code == 0 || !strings.Contains(res.stderr, tt.want) || res.stdout != "" {
				t.Errorf("%s: exit %d, stdout %q, stderr %q", tt.name, res.code, res.stdout, res.stderr)
			}
			if strings.Contains(res.stderr, "not-a-token") || strings.Contains(res.stderr, token) {
				t.Errorf("%s: the token was echoed: %q", tt.name, res.stderr)
			}
		}
	})

	cmd := exec.Command(bin, "mcp")
	cmd.Env = []string{"GLOSSIA_URL=" + srv.URL, "GLOSSIA_TOKEN=" + token, "HOME=" + t.TempDir()}
	var stderr testenv.Buffer
	cmd.Stderr = &stderr
	client := mcpsdk.NewClient(&mcpsdk.Implementation{Name: "glossia-e2e", Version: "1"}, nil)
	cs, err := client.Connect(t.Context(), &mcpsdk.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("starting glossia mcp: %v\n%s", err, stderr.String())
	}
	defer cs.Close()

	tools, err := cs.ListTools(t.Context(), nil)
	if err != nil || len(tools.Tools) != 12 {
		t.Fatalf("list tools: %v, %d tools", err, len(tools.Tools))
	}
	var created glossia.CreatedToken
	mcptest.MustSucceed(t, cs, "create_token", map[string]any{"name": "over stdio", "scopes": []string{"api_credentials:read"}}, &created)
	if created.Token.CreatedVia != glossia.SurfaceMCP || !strings.HasPrefix(created.PlainToken, "glsa_") {
		t.Errorf("created = %+v, want a secret and created_via mcp", created.Token)
	}
	var page glossia.TokenPage
	mcptest.MustSucceed(t, cs, "list_tokens", map[string]any{}, &page)
	found := false
	for _, tok := range page.Tokens {
		found = found || (tok.ID == created.Token.ID && tok.CreatedVia == glossia.SurfaceMCP)
	}
	if !found {
		t.Errorf("list_tokens does not show the new token created via mcp: %+v", page.Tokens)
	}
	if msg := mcptest.MustFail(t, cs, "get_token", map[string]any{"id": "01900000-0000-7000-8000-000000000000"}); !strings.Contains(msg, "not found") {
		t.Errorf("unknown id over stdio: %q", msg)
	}
	if msg := mcptest.MustFail(t, cs, "list_projects", map[string]any{}); !strings.Contains(msg, "project:read") {
		t.Errorf("missing scope over stdio: %q, want it named", msg)
	}
	if err := cs.Close(); err != nil {
		t.Errorf("closing: %v", err)
	}
	if strings.Contains(stderr.String(), token) || strings.Contains(stderr.String(), created.PlainToken) {
		t.Error("glossia mcp logged a secret")
	}
}
