package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/api"
	"github.com/glossia/glossia/internal/httpx"
)

// healthz answers 200 whenever the process serves, with the version.
func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.cfg.Version})
}

// readyz answers 200 when the instance can serve requests (the database
// answers) and 503 otherwise; the reason goes to the log.
func (s *server) readyz(w http.ResponseWriter, r *http.Request) {
	if s.ready != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.ready(ctx); err != nil {
			s.logger.WarnContext(ctx, "not ready", "request_id", httpx.RequestIDFrom(ctx), "err", err)
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// resourceMetadata answers the RFC 9728 protected resource metadata of the
// resource at path (/api or /mcp).
func (s *server) resourceMetadata(path string) http.HandlerFunc {
	name := "Glossia REST API"
	if path == "/mcp" {
		name = "Glossia MCP server"
	}
	doc := map[string]any{
		"resource":                 s.cfg.BaseURL + path,
		"resource_name":            name,
		"resource_documentation":   s.cfg.BaseURL + "/api/openapi.json",
		"scopes_supported":         glossia.AllScopes(),
		"bearer_methods_supported": []string{"header"},
	}
	return func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, doc)
	}
}

// fallbackMethods are the methods for which unknown /api paths answer
// problem+json; apiFallbackPath is the pattern path that catches them.
var fallbackMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

const apiFallbackPath = "/api/"

// apiFallback answers a request no /api route matched: 405 with Allow when
// the path exists with other methods, 404 otherwise.
func (s *server) apiFallback(w http.ResponseWriter, r *http.Request) error {
	var allow []string
	for _, m := range []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && !strings.HasSuffix(pattern, " "+apiFallbackPath) {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		return &api.StatusError{Status: http.StatusNotFound, Code: api.CodeNotFound,
			Detail: "no such endpoint; GET /api/openapi.json lists them all"}
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	return &api.StatusError{Status: http.StatusMethodNotAllowed, Code: api.CodeMethodNotAllowed,
		Detail: r.Method + " is not allowed here; use " + strings.Join(allow, ", ")}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}
