package server

import "net/http"

// addRoutes registers every route of the service. It is the one place that
// lists the URL surface.
func addRoutes(mux *http.ServeMux, d Deps) {
	// --- operations ---

	// --- REST API: internal/api ---

	// --- MCP: internal/mcp ---

	// --- dashboard: internal/web ---
}
