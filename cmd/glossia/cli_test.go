package main

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/glossia/glossia"
)

var secretLine = regexp.MustCompile(`^glsa_[0-9a-f]{48}\n$`)

// TestCLITokens drives every token command of the real binary against a
// real server, as a person or a script would.
func TestCLITokens(t *testing.T) {
	srv := startServer(t, "sqlite")
	srv.CreateUser(t, "ada")
	admin := srv.CreateToken(t, "ada", "api_credentials:read", "api_credentials:write", "user:read", "project:read")
	env := []string{"GLOSSIA_URL=" + srv.URL, "GLOSSIA_TOKEN=" + admin}
	glossiaCLI := func(t *testing.T, stdin string, args ...string) execResult {
		t.Helper()
		res := execGlossia(t, env, stdin, args...)
		for _, out := range []string{res.stdout, res.stderr} {
			if strings.Contains(out, admin) {
				t.Fatalf("glossia %v printed the configured token", args)
			}
		}
		return res
	}

	t.Run("whoami", func(t *testing.T) {
		res := glossiaCLI(t, "", "whoami")
		if res.code != 0 || !strings.Contains(res.stdout, "User:     ada") || !strings.Contains(res.stdout, "api_credentials:read") {
			t.Fatalf("whoami = %d\n%s%s", res.code, res.stdout, res.stderr)
		}
		var who struct {
			User  glossia.User  `json:"user"`
			Token glossia.Token `json:"token"`
		}
		mustJSON(t, glossiaCLI(t, "", "whoami", "--json"), &who)
		if who.User.Handle != "ada" || who.Token.Prefix != glossia.DisplayPrefix(admin) {
			t.Errorf("whoami --json = %+v", who)
		}
	})

	var created glossia.Token
	var secret string
	t.Run("create prints only the secret on stdout", func(t *testing.T) {
		res := glossiaCLI(t, "", "tokens", "create", "--name", "CI deploy", "--scopes", "project:read", "--expires-in-days", "30")
		if res.code != 0 || !secretLine.MatchString(res.stdout) {
			t.Fatalf("tokens create = %d, stdout %q, stderr %s", res.code, res.stdout, res.stderr)
		}
		if !strings.Contains(res.stderr, "will not be shown again") || strings.Contains(res.stderr, "glsa_") {
			t.Errorf("guidance on stderr = %q", res.stderr)
		}
		secret = strings.TrimSpace(res.stdout)
		var page glossia.TokenPage
		list := glossiaCLI(t, "", "tokens", "list", "--json")
		mustJSON(t, list, &page)
		for _, tok := range page.Tokens {
			if tok.Name == "CI deploy" {
				created = *tok
			}
		}
		if created.ID == "" || created.CreatedVia != glossia.SurfaceCLI || strings.Contains(list.stdout, secret) {
			t.Fatalf("tokens list --json: created token %+v; secret listed: %v", created, strings.Contains(list.stdout, secret))
		}
		mustGet(t, srv.URL+"/api/projects", secret, http.StatusOK)
	})

	t.Run("list as a table", func(t *testing.T) {
		res := glossiaCLI(t, "", "tokens", "list")
		if res.code != 0 {
			t.Fatalf("tokens list = %d: %s", res.code, res.stderr)
		}
		for _, want := range []string{"NAME", "LAST USED", "CI deploy", "Never", "in 29 days", created.Prefix} {
			if !strings.Contains(res.stdout, want) {
				t.Errorf("tokens list lacks %q:\n%s", want, res.stdout)
			}
		}
	})

	t.Run("show and edit", func(t *testing.T) {
		var shown glossia.Token
		mustJSON(t, glossiaCLI(t, "", "tokens", "show", created.ID, "--json"), &shown)
		if shown.ID != created.ID || glossia.JoinScopes(shown.Scopes) != "project:read" {
			t.Errorf("tokens show = %+v", shown)
		}
		res := glossiaCLI(t, "", "tokens", "show", "self")
		if res.code != 0 || !strings.Contains(res.stdout, glossia.DisplayPrefix(admin)) {
			t.Errorf("tokens show self = %d %s", res.code, res.stdout)
		}
		var edited glossia.Token
		mustJSON(t, glossiaCLI(t, "", "tokens", "edit", created.ID, "--name", "CI deploy (prod)", "--json"), &edited)
		if edited.Name != "CI deploy (prod)" || edited.ExpiresAt == nil {
			t.Errorf("tokens edit = %+v", edited)
		}
	})

	t.Run("rotate with grace keeps the old secret working", func(t *testing.T) {
		res := glossiaCLI(t, "", "tokens", "rotate", created.ID, "--grace", "1h")
		if res.code != 0 || !secretLine.MatchString(res.stdout) || strings.TrimSpace(res.stdout) == secret {
			t.Fatalf("tokens rotate = %d, %q, %s", res.code, res.stdout, res.stderr)
		}
		mustGet(t, srv.URL+"/api/projects", secret, http.StatusOK)
		mustGet(t, srv.URL+"/api/projects", strings.TrimSpace(res.stdout), http.StatusOK)
	})

	t.Run("revoke", func(t *testing.T) {
		res := glossiaCLI(t, "", "tokens", "revoke", created.ID)
		if res.code != 0 || !strings.Contains(res.stdout, "Revoked") {
			t.Fatalf("tokens revoke = %d %s %s", res.code, res.stdout, res.stderr)
		}
		mustGet(t, srv.URL+"/api/projects", secret, http.StatusUnauthorized)
		var again glossia.Token
		mustJSON(t, glossiaCLI(t, "", "tokens", "revoke", created.ID, "--json"), &again)
		if again.Status != glossia.TokenRevoked {
			t.Errorf("revoking again: status %s", again.Status)
		}
	})

	t.Run("check offline", func(t *testing.T) {
		if res := glossiaCLI(t, secret+"\n", "tokens", "check"); res.code != 0 || !strings.HasPrefix(res.stdout, "valid") {
			t.Errorf("check valid token from stdin = %d %q %q", res.code, res.stdout, res.stderr)
		}
		if res := execGlossia(t, nil, "", "tokens", "check", secret); res.code != 0 {
			t.Errorf("check valid token as argument = %d %q", res.code, res.stderr)
		}
		typo := []byte(secret)
		typo[20] = map[bool]byte{true: 'b', false: 'a'}[typo[20] == 'a']
		res := execGlossia(t, nil, string(typo), "tokens", "check", "-")
		if res.code != 1 || !strings.Contains(res.stderr, "bad checksum") || strings.Contains(res.stdout+res.stderr, string(typo)) {
			t.Errorf("check typo = %d %q %q", res.code, res.stdout, res.stderr)
		}
	})

	t.Run("exit codes", func(t *testing.T) {
		unknown := glossia.NewTokenSecret()
		narrow := srv.CreateToken(t, "ada", "project:read")
		tests := []struct {
			name string
			env  []string
			args []string
			code int
			say  string
		}{
			{"unknown token", []string{"GLOSSIA_URL=" + srv.URL, "GLOSSIA_TOKEN=" + unknown}, []string{"tokens", "list"}, exitAuth, "unknown"},
			{"malformed token", []string{"GLOSSIA_URL=" + srv.URL, "GLOSSIA_TOKEN=" + unknown[:30]}, []string{"whoami"}, exitAuth, "not a Glossia token"},
			{"no token", []string{"GLOSSIA_URL=" + srv.URL}, []string{"whoami"}, exitAuth, "GLOSSIA_TOKEN"},
			{"unknown id", env, []string{"tokens", "show", "0192d2a4-8f3e-7c1a-9b2d-3e4f5a6b7c8d"}, exitNotFound, "not found"},
			{"missing scope", []string{"GLOSSIA_URL=" + srv.URL, "GLOSSIA_TOKEN=" + narrow}, []string{"tokens", "list"}, exitNotFound, "api_credentials:read"},
			{"validation", env, []string{"tokens", "create", "--name", "", "--scopes", "project:read"}, exitError, "name"},
			{"unknown command", env, []string{"tokens", "delete"}, exitUsage, "unknown command"},
			{"missing id", env, []string{"tokens", "show"}, exitUsage, "token id"},
			{"unknown flag", env, []string{"tokens", "list", "--token", "x"}, exitUsage, "flag provided but not defined"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := execGlossia(t, tt.env, "", tt.args...)
				if res.code != tt.code || !strings.Contains(res.stderr, tt.say) {
					t.Errorf("exit %d (want %d), stderr %q (want it to say %q)", res.code, tt.code, res.stderr, tt.say)
				}
				if strings.Contains(res.stdout+res.stderr, unknown[5:30]) || strings.Contains(res.stdout+res.stderr, admin) {
					t.Errorf("output echoes a token: %q %q", res.stdout, res.stderr)
				}
			})
		}
	})

	t.Run("token file", func(t *testing.T) {
		res := execGlossia(t, []string{"GLOSSIA_URL=" + srv.URL}, admin+"\n", "whoami", "--token-file", "-")
		if res.code != 0 || !strings.Contains(res.stdout, "ada") {
			t.Errorf("whoami --token-file - = %d %s", res.code, res.stderr)
		}
	})

	t.Run("every command has help with an example", func(t *testing.T) {
		for _, args := range [][]string{{"tokens", "list"}, {"tokens", "create"}, {"tokens", "show"}, {"tokens", "edit"}, {"tokens", "revoke"}, {"tokens", "rotate"}, {"tokens", "check"}, {"whoami"}, {"admin", "create-user"}, {"admin", "create-token"}, {"serve"}, {"migrate"}} {
			res := execGlossia(t, nil, "", append(args, "--help")...)
			if res.code != 0 || !strings.Contains(res.stdout, "Example") {
				t.Errorf("glossia %s --help = %d, stdout %q", strings.Join(args, " "), res.code, res.stdout)
			}
		}
		if res := execGlossia(t, nil, "", "tokens", "--help"); !strings.Contains(res.stdout, "3 authentication") {
			t.Errorf("tokens --help does not document exit codes: %q", res.stdout)
		}
	})
}

func mustJSON(t *testing.T, res execResult, v any) {
	t.Helper()
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if err := json.Unmarshal([]byte(res.stdout), v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, res.stdout)
	}
}

func mustGet(t *testing.T, url, token string, want int) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("GET %s = %d, want %d", url, resp.StatusCode, want)
	}
}
