// Package server wires the REST API, the dashboard and the MCP server into
// one http.Handler. routes.go lists the whole URL surface.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/glossia/glossia"
)

// Config holds the HTTP settings of a server.
type Config struct {
	// BaseURL is the public URL people and clients use, without a trailing
	// slash, e.g. "http://127.0.0.1:8080". Cookies are Secure when it is https.
	BaseURL string
	// TrustedProxies are the peers whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	// FailedAuthPerMinute limits failed authentications per client IP.
	FailedAuthPerMinute int
	// TokenRequestsPerMinute limits requests per token (0: no limit).
	TokenRequestsPerMinute int
	// Version is the build version, shown by /healthz and the OpenAPI document.
	Version string
}

// Deps are what the server needs from the rest of the program.
type Deps struct {
	Config   Config
	Logger   *slog.Logger
	Services glossia.Services
	Identity glossia.IdentityService
	Sessions glossia.SessionService
	Tokens   glossia.TokenAuthenticator
	// Ready reports whether the instance can serve (the database answers).
	Ready func(ctx context.Context) error
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// NewServer returns the handler of the whole service.
func NewServer(d Deps) http.Handler {
	mux := http.NewServeMux()
	addRoutes(mux, d)
	return mux
}
