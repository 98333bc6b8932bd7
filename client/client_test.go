package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/client"
	"github.com/google/go-cmp/cmp"
)

// MustServe starts a server that answers every request with h and returns
// a client of it carrying a token.
func MustServe(tb testing.TB, h http.HandlerFunc, opts ...client.Option) (*client.Client, string) {
	tb.Helper()
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	secret := glossia.NewTokenSecret()
	return client.New(srv.URL+"/", append([]client.Option{client.WithToken(secret)}, opts...)...), secret
}

func TestErrorsComeBackAsDomainErrors(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		retryAfter  string
		want        *glossia.Error
	}{
		{"invalid token", 401, "application/problem+json", `{"type":"about:blank","title":"Unauthorized","status":401,"error":"invalid_token","detail":"token revoked"}`, "",
			&glossia.Error{Code: glossia.EUNAUTHENTICATED, Message: "token revoked"}},
		{"insufficient scope", 403, "application/problem+json", `{"status":403,"error":"insufficient_scope","detail":"this token lacks the project:write scope","required_scope":"project:write"}`, "",
			&glossia.Error{Code: glossia.EFORBIDDEN, Message: "this token lacks the project:write scope", RequiredScope: glossia.ScopeProjectWrite}},
		{"validation", 422, "application/problem+json", `{"status":422,"error":"validation_failed","detail":"validation failed: name: is required","errors":{"name":["is required"]}}`, "",
			&glossia.Error{Code: glossia.EINVALID, Message: "validation failed: name: is required", Fields: map[string][]string{"name": {"is required"}}}},
		{"rate limited", 429, "application/problem+json", `{"status":429,"error":"rate_limited","detail":"slow down"}`, "17",
			&glossia.Error{Code: glossia.ERATELIMITED, Message: "slow down", RetryAfter: 17 * time.Second}},
		{"internal", 500, "application/problem+json", `{"status":500,"error":"internal_error","title":"Internal Server Error","request_id":"abc123"}`, "",
			&glossia.Error{Code: glossia.EINTERNAL, Message: "internal server error (request id abc123)"}},
		{"proxy page", 502, "text/html", `<html>Bad gateway</html>`, "",
			&glossia.Error{Code: glossia.EINTERNAL, Message: "unexpected response from the server: 502 Bad Gateway"}},
		{"too large", 413, "application/problem+json", `{"status":413,"error":"request_too_large","detail":"the request body must be at most 1 MiB"}`, "",
			&glossia.Error{Code: glossia.EINVALID, Message: "the request body must be at most 1 MiB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := MustServe(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
				io.WriteString(w, tt.body)
			})
			_, err := c.CurrentUser(context.Background())
			var got *glossia.Error
			if !errors.As(err, &got) {
				t.Fatalf("error %v is not a *glossia.Error", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRequests(t *testing.T) {
	type seen struct{ method, uri, body, contentType, auth, via, ua string }
	var got seen
	c, secret := MustServe(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = seen{r.Method, r.URL.RequestURI(), string(body), r.Header.Get("Content-Type"),
			r.Header.Get("Authorization"), r.Header.Get("Glossia-Via"), r.Header.Get("User-Agent")}
		w.Header().Set("Content-Type", "application/json")
		if r.Method == "DELETE" && strings.Contains(r.URL.Path, "/members/") {
			w.WriteHeader(204)
			return
		}
		io.WriteString(w, `{}`)
	}, client.WithVia(glossia.SurfaceCLI), client.WithUserAgent("glossia-cli/test"))
	ctx := context.Background()
	name := "CI"
	days := 30
	tests := []struct {
		name string
		call func() error
		want seen
	}{
		{"list tokens", func() error {
			_, err := c.ListTokens(ctx, glossia.TokenFilter{Status: "all", Sort: "name", PageRequest: glossia.PageRequest{Limit: 5, Cursor: "c/1"}})
			return err
		}, seen{method: "GET", uri: "/api/tokens?cursor=c%2F1&limit=5&sort=name&status=all"}},
		{"create token", func() error {
			_, err := c.CreateToken(ctx, glossia.TokenCreate{Name: "CI", Scopes: []glossia.Scope{glossia.ScopeUserRead}, ExpiresInDays: &days})
			return err
		}, seen{method: "POST", uri: "/api/tokens", body: `{"name":"CI","scopes":["user:read"],"expires_in_days":30}`, contentType: "application/json"}},
		{"rename token", func() error {
			_, err := c.UpdateToken(ctx, "0197a1b2-0000-7000-8000-000000000001", glossia.TokenUpdate{Name: &name})
			return err
		}, seen{method: "PATCH", uri: "/api/tokens/0197a1b2-0000-7000-8000-000000000001", body: `{"name":"CI"}`, contentType: "application/json"}},
		{"rotate token", func() error {
			_, err := c.RotateToken(ctx, "t1", glossia.TokenRotate{GraceSeconds: 60})
			return err
		}, seen{method: "POST", uri: "/api/tokens/t1/rotate", body: `{"grace_seconds":60}`, contentType: "application/json"}},
		{"escaped handle", func() error {
			_, err := c.FindProject(ctx, "a/b", "p?q")
			return err
		}, seen{method: "GET", uri: "/api/accounts/a%2Fb/projects/p%3Fq"}},
		{"set member", func() error {
			_, err := c.SetMember(ctx, "acme", "bob", glossia.RoleAdmin)
			return err
		}, seen{method: "PUT", uri: "/api/organizations/acme/members/bob", body: `{"role":"admin"}`, contentType: "application/json"}},
		{"remove member", func() error { return c.RemoveMember(ctx, "acme", "bob") },
			seen{method: "DELETE", uri: "/api/organizations/acme/members/bob"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); err != nil {
				t.Fatal(err)
			}
			tt.want.auth, tt.want.via, tt.want.ua = "Bearer "+secret, "cli", "glossia-cli/test"
			if got != tt.want {
				t.Errorf("request:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestTransportErrorsNeverShowTheToken(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	secret := glossia.NewTokenSecret()
	c := client.New(srv.URL, client.WithToken(secret))
	_, err := c.CurrentUser(context.Background())
	if err == nil {
		t.Fatal("no error from a closed server")
	}
	if !strings.Contains(err.Error(), "GET /api/user") || strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "glsa_") {
		t.Errorf("error %q: want the method and path, never the token", err)
	}
	if glossia.ErrorCode(err) != glossia.EINTERNAL {
		t.Errorf("code %s", glossia.ErrorCode(err))
	}
}
