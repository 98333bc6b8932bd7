package server

import (
	"strings"
	"testing"
	"time"

	"github.com/glossia/glossia"
)

func TestBearerAuthentication(t *testing.T) {
	f := newFixture(t, Config{FailedAuthPerMinute: -1})
	badChecksum := f.secret[:len(f.secret)-1] + flip(f.secret[len(f.secret)-1])
	tests := []struct {
		name       string
		auth       []string
		status     int
		code       string
		challenge  string // substring of WWW-Authenticate
		reachStore bool
	}{
		{"valid token", []string{"Bearer " + f.secret}, 200, "", "", true},
		{"scheme is case-insensitive", []string{"bEaReR " + f.secret}, 200, "", "", true},
		{"extra spaces", []string{"Bearer    " + f.secret + " "}, 200, "", "", true},
		{"no credentials", nil, 401, "unauthorized", `Bearer realm="glossia", resource_metadata="https://glossia.example/.well-known/oauth-protected-resource"`, false},
		{"basic scheme", []string{"Basic YWRhOnB3"}, 401, "unauthorized", `Bearer realm="glossia", resource_metadata=`, false},
		{"two headers", []string{"Bearer " + f.secret, "Bearer " + f.secret}, 400, "invalid_request", "", false},
		{"empty bearer", []string{"Bearer"}, 401, "invalid_token", `error="invalid_token"`, false},
		{"OAuth access token", []string{"Bearer gho_abcdef"}, 401, "invalid_token", `error_description="OAuth access tokens are not supported yet`, false},
		{"truncated", []string{"Bearer " + f.secret[:30]}, 401, "invalid_token", `error_description="malformed token`, false},
		{"upper case", []string{"Bearer " + strings.ToUpper(f.secret[:5]) + f.secret[5:]}, 401, "invalid_token", "", false},
		{"bad checksum", []string{"Bearer " + badChecksum}, 401, "invalid_token", "bad checksum", false},
		{"unknown token", []string{"Bearer " + glossia.NewTokenSecret()}, 401, "invalid_token", `error_description="unknown token"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := f.auth.Calls()
			rec := f.Do("GET", "/api/user", tt.auth...)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if reached := f.auth.Calls() > before; reached != tt.reachStore {
				t.Errorf("reached the token store: %v, want %v", reached, tt.reachStore)
			}
			if tt.status == 200 {
				return
			}
			if p := MustProblem(t, rec); p["error"] != tt.code {
				t.Errorf("error %v, want %s", p["error"], tt.code)
			}
			if got := rec.Header().Get("WWW-Authenticate"); !strings.Contains(got, tt.challenge) {
				t.Errorf("WWW-Authenticate %q lacks %q", got, tt.challenge)
			}
		})
	}
}

func flip(c byte) string {
	if c == '0' {
		return "1"
	}
	return "0"
}

func TestTokenExpiresHeader(t *testing.T) {
	f := newFixture(t, Config{})
	rec := f.Do("GET", "/api/user", "Bearer "+f.secret)
	if got := rec.Header().Get("Glossia-Token-Expires-At"); got != "2030-02-01T00:00:00Z" {
		t.Errorf("expiring token: header %q", got)
	}
	rec = f.Do("GET", "/api/user", "Bearer "+f.forever)
	if rec.Code != 403 {
		t.Fatalf("token without user:read: status %d", rec.Code)
	}
	if got := rec.Header().Get("Glossia-Token-Expires-At"); got != "" {
		t.Errorf("never-expiring token: header %q", got)
	}
	p := MustProblem(t, rec)
	if p["error"] != "insufficient_scope" || p["required_scope"] != "user:read" {
		t.Errorf("problem %v", p)
	}
	if got := rec.Header().Get("WWW-Authenticate"); !strings.Contains(got, `error="insufficient_scope", scope="user:read"`) {
		t.Errorf("WWW-Authenticate %q", got)
	}
}

func TestFailedAuthenticationsAreLimitedPerIP(t *testing.T) {
	f := newFixture(t, Config{FailedAuthPerMinute: 3})
	unknown := "Bearer " + glossia.NewTokenSecret()
	for i := range 3 {
		if rec := f.Do("GET", "/api/user", unknown); rec.Code != 401 {
			t.Fatalf("failure %d: status %d", i+1, rec.Code)
		}
	}
	calls := f.auth.Calls()
	rec := f.Do("GET", "/api/user", "Bearer "+f.secret)
	if rec.Code != 429 {
		t.Fatalf("after 3 failures a valid token got %d, want 429", rec.Code)
	}
	if p := MustProblem(t, rec); p["error"] != "rate_limited" {
		t.Errorf("problem %v", p)
	}
	if ra := rec.Header().Get("Retry-After"); ra != "20" {
		t.Errorf("Retry-After %q, want 20 (one failure refills in 20s)", ra)
	}
	if f.auth.Calls() != calls {
		t.Errorf("a blocked address reached the token store")
	}

	f.clock.Advance(20 * time.Second)
	if rec := f.Do("GET", "/api/user", "Bearer "+f.secret); rec.Code != 200 {
		t.Errorf("after waiting: status %d, want 200", rec.Code)
	}
}

func TestMissingCredentialsDoNotCountAsFailures(t *testing.T) {
	f := newFixture(t, Config{FailedAuthPerMinute: 1})
	for range 3 {
		f.Do("GET", "/api/user")
	}
	if rec := f.Do("GET", "/api/user", "Bearer "+f.secret); rec.Code != 200 {
		t.Errorf("status %d, want 200", rec.Code)
	}
}

func TestTokenRequestRate(t *testing.T) {
	f := newFixture(t, Config{TokenRequestsPerMinute: 2})
	for i := range 2 {
		if rec := f.Do("GET", "/api/user", "Bearer "+f.secret); rec.Code != 200 {
			t.Fatalf("request %d: status %d", i+1, rec.Code)
		}
	}
	rec := f.Do("GET", "/api/user", "Bearer "+f.secret)
	if rec.Code != 429 || rec.Header().Get("Retry-After") != "30" {
		t.Fatalf("third request: status %d Retry-After %q, want 429 and 30", rec.Code, rec.Header().Get("Retry-After"))
	}
	if rec := f.Do("GET", "/api/user", "Bearer "+f.forever); rec.Code == 429 {
		t.Errorf("another token was limited too")
	}
	f.clock.Advance(30 * time.Second)
	if rec := f.Do("GET", "/api/user", "Bearer "+f.secret); rec.Code != 200 {
		t.Errorf("after waiting: status %d", rec.Code)
	}
}

func TestOriginNamesTheSurface(t *testing.T) {
	f := newFixture(t, Config{})
	for _, tt := range []struct {
		via  string
		want glossia.Surface
	}{{"", glossia.SurfaceAPI}, {"cli", glossia.SurfaceCLI}, {"MCP", glossia.SurfaceMCP}, {"dashboard", glossia.SurfaceAPI}} {
		t.Run("via "+tt.via, func(t *testing.T) {
			r := newRequest("GET", "/api/user", "Bearer "+f.secret)
			r.Header.Set("Glossia-Via", tt.via)
			r.Header.Set("User-Agent", "glossia-cli/1")
			serve(f.handler, r)
			o := f.auth.origins[len(f.auth.origins)-1]
			if o.Via != tt.want || o.IP != "192.0.2.1" || o.UserAgent != "glossia-cli/1" {
				t.Errorf("origin %+v, want via %s from 192.0.2.1", o, tt.want)
			}
		})
	}
}
