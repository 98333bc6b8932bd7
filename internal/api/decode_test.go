package api_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/api"
)

func newTextLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// recordingTokens is a TokenService that records what the handlers pass.
type recordingTokens struct {
	glossia.TokenService
	created *glossia.TokenCreate
	rotated *glossia.TokenRotate
}

func (s *recordingTokens) CreateToken(ctx context.Context, c glossia.TokenCreate) (*glossia.CreatedToken, error) {
	s.created = &c
	return &glossia.CreatedToken{Token: &glossia.Token{ID: "0197a1b2-0000-7000-8000-000000000001"}, PlainToken: glossia.NewTokenSecret()}, nil
}

func (s *recordingTokens) RotateToken(ctx context.Context, id string, r glossia.TokenRotate) (*glossia.CreatedToken, error) {
	s.rotated = &r
	return &glossia.CreatedToken{Token: &glossia.Token{ID: "0197a1b2-0000-7000-8000-000000000002"}, PlainToken: glossia.NewTokenSecret()}, nil
}

func TestDecodingBodies(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		detail      string
	}{
		{"valid", "application/json", `{"name":"CI","scopes":["user:read"]}`, 201, ""},
		{"charset parameter", "application/json; charset=utf-8", `{"name":"CI"}`, 201, ""},
		{"vendor json type", "application/merge-patch+json", `{"name":"CI"}`, 201, ""},
		{"invalid JSON", "application/json", `{"name":`, 400, "malformed JSON: the body ends too early"},
		{"syntax error", "application/json", `{"name" "x"}`, 400, "malformed JSON at byte 9"},
		{"wrong type", "application/json", `{"name":42}`, 400, `field "name" must be a string, not number`},
		{"wrong array type", "application/json", `{"name":"x","scopes":"user:read"}`, 400, `field "scopes" must be an array, not string`},
		{"bad timestamp", "application/json", `{"name":"x","expires_at":"tomorrow"}`, 400, "timestamps must be RFC 3339, such as 2030-01-02T15:04:05Z"},
		{"unknown field", "application/json", `{"name":"x","admin":true}`, 400, `unknown field "admin"`},
		{"two values", "application/json", `{"name":"x"} {"name":"y"}`, 400, "the request body must hold exactly one JSON value"},
		{"not an object", "application/json", `["x"]`, 400, "the request body must be a JSON object"},
		{"null", "application/json", `null`, 400, "the request body must be a JSON object"},
		{"empty", "application/json", ``, 400, "a JSON request body is required"},
		{"form content type", "application/x-www-form-urlencoded", `name=x`, 415, "the request body must be sent as Content-Type: application/json"},
		{"no content type", "", `{"name":"x"}`, 415, "the request body must be sent as Content-Type: application/json"},
		{"oversized", "application/json", `{"name":"` + strings.Repeat("x", api.MaxBodyBytes) + `"}`, 413, "the request body must be at most 1 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tokens := &recordingTokens{}
			a := api.New(api.Options{Services: glossia.Services{Tokens: tokens}})
			r := httptest.NewRequest("POST", "/api/tokens", strings.NewReader(tt.body))
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			a.Handle(a.CreateToken).ServeHTTP(rec, r)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status == 201 {
				return
			}
			if tokens.created != nil {
				t.Errorf("the service was called despite a bad body")
			}
			if p := MustDecodeProblem(t, rec); p["detail"] != tt.detail {
				t.Errorf("detail %q, want %q", p["detail"], tt.detail)
			}
		})
	}
}

func TestRotateBodyIsOptional(t *testing.T) {
	for _, tt := range []struct {
		name, contentType, body string
		grace                   int
	}{
		{"no body", "", "", 0},
		{"empty JSON body", "application/json", "", 0},
		{"grace period", "application/json", `{"grace_seconds":60}`, 60},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tokens := &recordingTokens{}
			a := api.New(api.Options{Services: glossia.Services{Tokens: tokens}})
			var body io.Reader = http.NoBody
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			r := httptest.NewRequest("POST", "/api/tokens/x/rotate", body)
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			a.Handle(a.RotateToken).ServeHTTP(rec, r)
			if rec.Code != 201 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if tokens.rotated == nil || tokens.rotated.GraceSeconds != tt.grace {
				t.Errorf("rotate got %+v, want grace %d", tokens.rotated, tt.grace)
			}
			if rec.Header().Get("Cache-Control") != "no-store" {
				t.Errorf("a response carrying a secret lacks Cache-Control: no-store")
			}
		})
	}
}

// listingTokens answers ListTokens with a nil slice and records the filter.
type listingTokens struct {
	glossia.TokenService
	filter glossia.TokenFilter
}

func (s *listingTokens) ListTokens(ctx context.Context, f glossia.TokenFilter) (*glossia.TokenPage, error) {
	s.filter = f
	return &glossia.TokenPage{Tokens: []*glossia.Token{}}, nil // services return empty lists, never nil
}

func TestListQueryParameters(t *testing.T) {
	tests := []struct {
		query  string
		status int
		want   glossia.TokenFilter
	}{
		{"", 200, glossia.TokenFilter{}},
		{"?status=all&sort=name&limit=5&cursor=abc", 200, glossia.TokenFilter{Status: "all", Sort: "name", PageRequest: glossia.PageRequest{Limit: 5, Cursor: "abc"}}},
		{"?limit=ten", 400, glossia.TokenFilter{}},
	}
	for _, tt := range tests {
		t.Run("query "+tt.query, func(t *testing.T) {
			tokens := &listingTokens{}
			a := api.New(api.Options{Services: glossia.Services{Tokens: tokens}})
			rec := httptest.NewRecorder()
			a.Handle(a.ListTokens).ServeHTTP(rec, httptest.NewRequest("GET", "/api/tokens"+tt.query, nil))
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status != 200 {
				return
			}
			if tokens.filter != tt.want {
				t.Errorf("filter %+v, want %+v", tokens.filter, tt.want)
			}
			if got := strings.TrimSpace(rec.Body.String()); got != `{"tokens":[],"next_cursor":null}` {
				t.Errorf("body %s, want an empty list, not null", got)
			}
		})
	}
}
