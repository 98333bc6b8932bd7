package server

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/glossia/glossia/internal/api"
)

func newRequest(method, path, auth string) *http.Request {
	r := httptest.NewRequest(method, path, nil)
	r.RemoteAddr = "192.0.2.1:4321"
	if auth != "" {
		r.Header.Set("Authorization", auth)
	}
	return r
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

// TestRoutesMatchTheDocument keeps routes.go and the OpenAPI document in
// step: every authenticated route is documented, and every documented /api
// operation is routed.
func TestRoutesMatchTheDocument(t *testing.T) {
	var routed, documented []string
	for _, rt := range apiRoutes(api.New(api.Options{})) {
		routed = append(routed, rt.pattern)
	}
	for _, op := range api.Operations() {
		if strings.HasPrefix(op.Path, "/api/") && !op.Public {
			documented = append(documented, op.Method+" "+op.Path)
		}
	}
	slices.Sort(routed)
	slices.Sort(documented)
	if !slices.Equal(routed, documented) {
		t.Errorf("routes and document differ:\nrouted     %v\ndocumented %v", routed, documented)
	}
}

func TestUnknownAPIRoutes(t *testing.T) {
	f := newFixture(t, Config{})
	tests := []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{"GET", "/api/nothing", 404, "not_found", ""},
		{"GET", "/api/tokens/x/y/z", 404, "not_found", ""},
		{"PUT", "/api/tokens", 405, "method_not_allowed", "GET, HEAD, POST"},
		{"POST", "/api/tokens/0197a1b2-0000-7000-8000-000000000001", 405, "method_not_allowed", "GET, HEAD, PATCH, DELETE"},
		{"OPTIONS", "/api/user", 405, "method_not_allowed", "GET, HEAD, PATCH"},
		{"DELETE", "/api/openapi.json", 405, "method_not_allowed", "GET, HEAD"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := f.Do(tt.method, tt.path, "Bearer "+f.secret)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if p := MustProblem(t, rec); p["error"] != tt.code {
				t.Errorf("error %v, want %s", p["error"], tt.code)
			}
			if got := rec.Header().Get("Allow"); got != tt.allow {
				t.Errorf("Allow %q, want %q", got, tt.allow)
			}
		})
	}
}

func TestOperationalEndpoints(t *testing.T) {
	f := newFixture(t, Config{Version: "1.2.3"})
	tests := []struct {
		path, want string
	}{
		{"/healthz", `{"status":"ok","version":"1.2.3"}`},
		{"/readyz", `{"status":"ready"}`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := f.Do("GET", tt.path)
			if rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != tt.want {
				t.Errorf("got %d %s, want 200 %s", rec.Code, rec.Body, tt.want)
			}
			if rec.Header().Get("X-Request-Id") == "" {
				t.Errorf("no X-Request-Id")
			}
		})
	}
	f.Do("GET", "/api/user", "Bearer "+f.secret)
	rec := f.Do("GET", "/metrics")
	if !strings.Contains(rec.Body.String(), `glossia_http_requests_total{code="200",method="GET",route="/api/user"} 1`) {
		t.Errorf("metrics lack the request count:\n%s", rec.Body)
	}
}

func TestResourceMetadata(t *testing.T) {
	f := newFixture(t, Config{BaseURL: "https://glossia.example"})
	for path, resource := range map[string]string{
		"/.well-known/oauth-protected-resource":     "https://glossia.example/api",
		"/.well-known/oauth-protected-resource/api": "https://glossia.example/api",
		"/.well-known/oauth-protected-resource/mcp": "https://glossia.example/mcp",
	} {
		t.Run(path, func(t *testing.T) {
			rec := f.Do("GET", path)
			body := rec.Body.String()
			if rec.Code != 200 || !strings.Contains(body, `"resource":"`+resource+`"`) ||
				!strings.Contains(body, `"bearer_methods_supported":["header"]`) || !strings.Contains(body, `"api_credentials:write"`) {
				t.Errorf("got %d %s", rec.Code, body)
			}
		})
	}
}

func TestRequestLogs(t *testing.T) {
	f := newFixture(t, Config{})
	f.Do("GET", "/api/user", "Bearer "+f.secret)
	f.Do("GET", "/api/tokens/"+f.forever, "Bearer "+f.forever)
	logs := f.logs.String()
	for _, want := range []string{`"route":"/api/user"`, `"token_id":"t1"`, `"status":200`, `"method":"GET"`, `"request_id":"`, `"duration_ms":`} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %s:\n%s", want, logs)
		}
	}
	if strings.Contains(logs, "glsa_") {
		t.Errorf("logs contain a token secret:\n%s", logs)
	}
}

func TestPanicsBecomeProblems(t *testing.T) {
	f := newFixture(t, Config{})
	s := newServer(Deps{Logger: f.handlerLogger()})
	h := s.withRequestContext(s.observe(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })))
	rec := serve(h, newRequest("GET", "/api/user", ""))
	if rec.Code != 500 {
		t.Fatalf("status %d", rec.Code)
	}
	p := MustProblem(t, rec)
	if p["error"] != "internal_error" || p["detail"] != nil || p["request_id"] != rec.Header().Get("X-Request-Id") {
		t.Errorf("problem %v", p)
	}
	if !strings.Contains(f.logs.String(), "boom") {
		t.Errorf("the panic is not logged")
	}
}
