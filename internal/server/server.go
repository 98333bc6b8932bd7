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
	"github.com/glossia/glossia/internal/api"
	"github.com/glossia/glossia/internal/httpx"
	"github.com/prometheus/client_golang/prometheus"
)

// DefaultFailedAuthPerMinute is the number of failed authentications a
// client IP may make per minute when Config leaves it zero.
const DefaultFailedAuthPerMinute = 30

// Config holds the HTTP settings of a server.
type Config struct {
	// BaseURL is the public URL people and clients use, without a trailing
	// slash, e.g. "http://127.0.0.1:8080". Cookies are Secure when it is https.
	BaseURL string
	// TrustedProxies are the peers whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	// FailedAuthPerMinute limits failed authentications per client IP: once
	// a client IP has spent them, its requests get 429 before any token is
	// checked. Zero means DefaultFailedAuthPerMinute; negative disables it.
	FailedAuthPerMinute int
	// TokenRequestsPerMinute limits requests per token (0: no limit).
	TokenRequestsPerMinute int
	// MCPStateless serves /mcp without sessions, so that several instances
	// need no sticky routing; each request is authenticated on its own.
	MCPStateless bool
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
	// Audit feeds the dashboard's security log; nil hides it.
	Audit glossia.AuditService
	// Ready reports whether the instance can serve (the database answers).
	Ready func(ctx context.Context) error
	// Metrics is the registry served at /metrics; the program registers the
	// store's counters on it, the server its HTTP metrics. Nil means a new one.
	Metrics *prometheus.Registry
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Stopping is closed when the server begins a graceful shutdown, so
	// that long-lived streams (MCP sessions) end instead of holding the
	// shutdown until its timeout. Nil means never.
	Stopping <-chan struct{}
}

// server holds what the middleware and the operational handlers share.
type server struct {
	cfg        Config
	logger     *slog.Logger
	tokens     glossia.TokenAuthenticator
	ready      func(ctx context.Context) error
	registry   *prometheus.Registry
	metrics    *httpMetrics
	api        *api.API
	mux        *http.ServeMux
	failedAuth *httpx.Limiter
	tokenRate  *httpx.Limiter
}

// NewServer returns the handler of the whole service: request id and
// client IP, logging, metrics and panic recovery around the routes.
func NewServer(d Deps) http.Handler {
	s := newServer(d)
	addRoutes(s.mux, d, s)
	return s.withRequestContext(s.observe(s.mux))
}

func newServer(d Deps) *server {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Metrics == nil {
		d.Metrics = prometheus.NewRegistry()
	}
	failed := d.Config.FailedAuthPerMinute
	if failed == 0 {
		failed = DefaultFailedAuthPerMinute
	}
	return &server{
		cfg:      d.Config,
		logger:   d.Logger,
		tokens:   d.Tokens,
		ready:    d.Ready,
		registry: d.Metrics,
		metrics:  newHTTPMetrics(d.Metrics),
		api: api.New(api.Options{Services: d.Services, Logger: d.Logger,
			BaseURL: d.Config.BaseURL, Version: d.Config.Version}),
		mux:        http.NewServeMux(),
		failedAuth: httpx.NewLimiter(failed, failed, d.Now),
		tokenRate:  httpx.NewLimiter(d.Config.TokenRequestsPerMinute, d.Config.TokenRequestsPerMinute, d.Now),
	}
}
