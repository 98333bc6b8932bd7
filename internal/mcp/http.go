package mcp

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/httpx"
	"github.com/modelcontextprotocol/go-sdk/auth"
	mcpsdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// Deps are what the Streamable HTTP handler needs.
type Deps struct {
	// Services are the store's services; they act as the actor carried by
	// each request's context.
	Services glossia.Services
	// BaseURL is the public URL of the service, e.g. "https://glossia.example.com".
	// Requests must name its host (Host header) and, when they carry an
	// Origin header, its origin; localhost forms are accepted too when the
	// base URL itself is local. Empty disables the check (tests only).
	BaseURL string
	// Logger receives internal error details. Nil discards them.
	Logger *slog.Logger
	// Version is the build version reported to clients.
	Version string
	// SessionTimeout closes sessions idle for this long; zero means 30
	// minutes.
	SessionTimeout time.Duration
	// Stateless serves every request on its own, without sessions, so that
	// several instances can serve /mcp behind a load balancer without
	// sticky sessions. Each request is then authenticated on its own and
	// there is no session to bind.
	Stateless bool
	// Done, when closed, means the server is shutting down: every MCP
	// session is closed, which ends the event streams clients hold open
	// (a graceful shutdown would otherwise wait for them until its
	// timeout), and new sessions are refused with 503. Nil: never.
	Done <-chan struct{}
}

// DefaultSessionTimeout is how long an idle MCP session lives unless
// configured otherwise.
const DefaultSessionTimeout = 30 * time.Minute

// maxBodyBytes bounds request bodies, as on /api.
const maxBodyBytes = 1 << 20

// NewHandler returns the Streamable HTTP handler to mount at /mcp behind the
// server's bearer middleware, which must put the request's *glossia.Actor
// in its context (glossia.NewContext).
//
// Beyond the SDK, it refuses requests whose Host or Origin is not the base
// URL's (DNS rebinding), binds each session to the token that opened it (the
// same Mcp-Session-Id with another token is refused with 403), runs every
// tool call as the actor of the HTTP request that carries it, and answers
// every error with RFC 9457 problem details like /api.
func NewHandler(d Deps) http.Handler {
	logger := d.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	timeout := d.SessionTimeout
	if timeout == 0 {
		timeout = DefaultSessionTimeout
	}
	server := newServer(d.Services, ServerOptions{Version: d.Version, Logger: logger}, true)
	guard, err := newHostGuard(d.BaseURL)
	if err != nil {
		logger.Error("mcp: invalid base URL; every /mcp request will be refused", "error", err)
	}
	sdk := mcpsdk.NewStreamableHTTPHandler(func(*http.Request) *mcpsdk.Server { return server }, &mcpsdk.StreamableHTTPOptions{
		Stateless:      d.Stateless,
		Logger:         logger,
		SessionTimeout: timeout,
		// The SDK's own rebinding check refuses a non-loopback Host on a
		// loopback connection, which is every request behind a local reverse
		// proxy. hostGuard checks against the configured base URL instead.
		DisableLocalhostProtection: guard != nil,
		MaxRequestBodyBytes:        maxBodyBytes,
	})
	// RequireBearerToken is the SDK's only way to attach a TokenInfo to the
	// request, which the SDK then uses to bind sessions (TokenInfo.UserID)
	// and to hand the request's identity to tool calls (RequestExtra).
	withTokenInfo := auth.RequireBearerToken(tokenInfoFromActor, &auth.RequireBearerTokenOptions{AllowMissingExpiration: true})(sdk)
	if d.Done != nil {
		go func() {
			<-d.Done
			for ss := range server.Sessions() {
				ss.Close()
			}
		}()
	}
	return &handler{guard: guard, guardErr: err, done: d.Done, next: withTokenInfo}
}

type handler struct {
	guard    *hostGuard
	guardErr error
	done     <-chan struct{}
	next     http.Handler
}

// closing reports whether the server is shutting down.
func (h *handler) closing() bool {
	select {
	case <-h.done:
		return true
	default:
		return false
	}
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	rid := httpx.RequestIDFrom(r.Context())
	switch {
	case h.guardErr != nil:
		writeProblem(w, rid, http.StatusForbidden, codeForbidden, "this server's base URL is misconfigured, so /mcp refuses every request")
		return
	case !h.guard.allowHost(r.Host):
		writeProblem(w, rid, http.StatusForbidden, codeForbidden, "the Host header does not name this server; use its public URL")
		return
	case !h.guard.allowOrigin(r.Header.Values("Origin")):
		writeProblem(w, rid, http.StatusForbidden, codeForbidden, "cross-origin requests to /mcp are refused")
		return
	}
	if h.closing() {
		w.Header().Set("Retry-After", "5")
		writeProblem(w, rid, http.StatusServiceUnavailable, codeUnavailable, "the server is shutting down; retry in a few seconds")
		return
	}
	actor := glossia.ActorFromContext(r.Context())
	if actor == nil || actor.UserID == "" {
		// The bearer middleware should have answered already.
		w.Header().Set("WWW-Authenticate", `Bearer realm="glossia"`)
		writeProblem(w, rid, http.StatusUnauthorized, codeUnauthorized, "authentication required: send Authorization: Bearer glsa_…")
		return
	}
	pw := &problemWriter{ResponseWriter: w, session: r.Header.Get("Mcp-Session-Id") != "", requestID: rid}
	h.next.ServeHTTP(pw, r)
	pw.finish()
}

// tokenInfoFromActor is the SDK token verifier: the bearer middleware has
// already verified the token, so it only passes the actor on. UserID is what
// the SDK binds a session to, so it names the token, not just the user.
func tokenInfoFromActor(_ context.Context, _ string, r *http.Request) (*auth.TokenInfo, error) {
	actor := glossia.ActorFromContext(r.Context())
	if actor == nil || actor.UserID == "" {
		return nil, auth.ErrInvalidToken
	}
	scopes := make([]string, len(actor.Scopes))
	for i, s := range actor.Scopes {
		scopes[i] = string(s)
	}
	return &auth.TokenInfo{
		UserID: sessionBinding(actor),
		Scopes: scopes,
		Extra:  map[string]any{actorExtraKey: actor},
	}, nil
}

// sessionBinding is the identity a session is bound to: the token for token
// callers, the user otherwise.
func sessionBinding(a *glossia.Actor) string {
	if a.IsToken() {
		return "token:" + a.TokenID
	}
	return "user:" + a.UserID
}
