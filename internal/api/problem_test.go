package api_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/api"
	"github.com/google/go-cmp/cmp"
)

func TestProblemFor(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		bearer bool
		status int
		code   string
		detail string
	}{
		{"no credentials", glossia.Errorf(glossia.EUNAUTHENTICATED, "authentication required"), false, 401, "unauthorized", "authentication required"},
		{"bad token", glossia.Errorf(glossia.EUNAUTHENTICATED, "token expired at 2030-01-01T00:00:00Z"), true, 401, "invalid_token", "token expired at 2030-01-01T00:00:00Z"},
		{"scope missing", &glossia.Error{Code: glossia.EFORBIDDEN, Message: "lacks project:write", RequiredScope: glossia.ScopeProjectWrite}, true, 403, "insufficient_scope", "lacks project:write"},
		{"policy denies", glossia.Errorf(glossia.EFORBIDDEN, "only admins"), true, 403, "forbidden", "only admins"},
		{"absent", glossia.Errorf(glossia.ENOTFOUND, "token not found"), true, 404, "not_found", "token not found"},
		{"invalid field", glossia.FieldError("name", "is required"), true, 422, "validation_failed", "validation failed: name: is required"},
		{"invalid request", glossia.Errorf(glossia.EINVALID, "malformed JSON"), true, 400, "invalid_request", "malformed JSON"},
		{"conflict", glossia.Errorf(glossia.ECONFLICT, "handle taken"), true, 409, "conflict", "handle taken"},
		{"rate limited", &glossia.Error{Code: glossia.ERATELIMITED, Message: "slow down", RetryAfter: time.Second}, true, 429, "rate_limited", "slow down"},
		{"internal code", glossia.Errorf(glossia.EINTERNAL, "database password is hunter2"), true, 500, "internal_error", ""},
		{"plain Go error", errors.New("disk on fire"), true, 500, "internal_error", ""},
		{"wrapped domain error", wrap(glossia.Errorf(glossia.ENOTFOUND, "gone")), true, 404, "not_found", "gone"},
		{"too large", &api.StatusError{Status: 413, Code: api.CodeTooLarge, Detail: "too big"}, true, 413, "request_too_large", "too big"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := api.ProblemFor(tt.err, tt.bearer)
			if p.Status != tt.status || p.Code != tt.code || p.Detail != tt.detail {
				t.Errorf("got %d %s %q, want %d %s %q", p.Status, p.Code, p.Detail, tt.status, tt.code, tt.detail)
			}
			if p.Type != "about:blank" || p.Title != http.StatusText(tt.status) {
				t.Errorf("type %q title %q", p.Type, p.Title)
			}
		})
	}
}

func wrap(err error) error { return &wrapped{err} }

type wrapped struct{ err error }

func (w *wrapped) Error() string { return "layer: " + w.err.Error() }
func (w *wrapped) Unwrap() error { return w.err }

// MustDecodeProblem checks that rec holds a problem+json body and decodes it.
func MustDecodeProblem(tb testing.TB, rec *httptest.ResponseRecorder) map[string]any {
	tb.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != api.ProblemContentType {
		tb.Fatalf("Content-Type = %q, want %s; body %s", ct, api.ProblemContentType, rec.Body)
	}
	var p map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		tb.Fatalf("problem body: %v: %s", err, rec.Body)
	}
	return p
}

func TestWriteErrorHeaders(t *testing.T) {
	a := api.New(api.Options{BaseURL: "https://glossia.example"})
	tests := []struct {
		name      string
		path      string
		auth      string
		err       error
		wantAuth  string
		wantRetry string
	}{
		{"no credentials on the API", "/api/user", "", glossia.Errorf(glossia.EUNAUTHENTICATED, "authentication required"),
			`Bearer realm="glossia", resource_metadata="https://glossia.example/.well-known/oauth-protected-resource"`, ""},
		{"invalid token on MCP", "/mcp", "Bearer glsa_x", glossia.Errorf(glossia.EUNAUTHENTICATED, `malformed "token"…`),
			`Bearer realm="glossia", error="invalid_token", error_description="malformed 'token'...", resource_metadata="https://glossia.example/.well-known/oauth-protected-resource/mcp"`, ""},
		{"insufficient scope", "/api/projects", "bearer glsa_x", &glossia.Error{Code: glossia.EFORBIDDEN, Message: "no", RequiredScope: glossia.ScopeProjectWrite},
			`Bearer realm="glossia", error="insufficient_scope", scope="project:write", resource_metadata="https://glossia.example/.well-known/oauth-protected-resource"`, ""},
		{"policy refusal has no challenge", "/api/projects", "Bearer glsa_x", glossia.Errorf(glossia.EFORBIDDEN, "only admins"), "", ""},
		{"rate limited rounds up", "/api/user", "Bearer glsa_x", &glossia.Error{Code: glossia.ERATELIMITED, Message: "slow", RetryAfter: 1500 * time.Millisecond}, "", "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tt.path, nil)
			if tt.auth != "" {
				r.Header.Set("Authorization", tt.auth)
			}
			rec := httptest.NewRecorder()
			rec.Header().Set(api.TokenExpiresHeader, "2030-01-01T00:00:00Z")
			a.WriteError(rec, r, tt.err)
			MustDecodeProblem(t, rec)
			if got := rec.Header().Get("WWW-Authenticate"); got != tt.wantAuth {
				t.Errorf("WWW-Authenticate:\n got %s\nwant %s", got, tt.wantAuth)
			}
			if got := rec.Header().Get("Retry-After"); got != tt.wantRetry {
				t.Errorf("Retry-After = %q, want %q", got, tt.wantRetry)
			}
			if rec.Header().Get(api.TokenExpiresHeader) != "" {
				t.Errorf("an error response carries %s", api.TokenExpiresHeader)
			}
			if rec.Header().Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control = %q", rec.Header().Get("Cache-Control"))
			}
		})
	}
}

func TestValidationProblemListsFields(t *testing.T) {
	a := api.New(api.Options{})
	var v glossia.Violations
	v.Add("name", "is required")
	v.Add("scopes", `unknown scope "repo"`)
	rec := httptest.NewRecorder()
	a.WriteError(rec, httptest.NewRequest("POST", "/api/tokens", nil), v.Err())
	p := MustDecodeProblem(t, rec)
	want := map[string]any{"name": []any{"is required"}, "scopes": []any{`unknown scope "repo"`}}
	if diff := cmp.Diff(want, p["errors"]); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if rec.Code != 422 || p["error"] != "validation_failed" {
		t.Errorf("got %d %v", rec.Code, p["error"])
	}
}

func TestInternalErrorsStayInTheLog(t *testing.T) {
	var logs strings.Builder
	a := api.New(api.Options{Logger: newTextLogger(&logs)})
	rec := httptest.NewRecorder()
	a.WriteError(rec, httptest.NewRequest("GET", "/api/user", nil), errors.New("pq: relation users does not exist"))
	if strings.Contains(rec.Body.String(), "relation") {
		t.Errorf("the response leaks the internal error: %s", rec.Body)
	}
	if !strings.Contains(logs.String(), "relation users does not exist") {
		t.Errorf("the log lacks the internal error: %s", logs.String())
	}
}
