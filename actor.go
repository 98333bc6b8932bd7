package glossia

import (
	"context"
	"time"
)

// Surface names where a request came from, for audit events and the
// created_via of tokens.
type Surface string

// The surfaces.
const (
	SurfaceDashboard Surface = "dashboard"
	SurfaceAPI       Surface = "api"
	SurfaceMCP       Surface = "mcp"
	SurfaceCLI       Surface = "cli"
)

// Valid reports whether s is one of the known surfaces.
func (s Surface) Valid() bool {
	switch s {
	case SurfaceDashboard, SurfaceAPI, SurfaceMCP, SurfaceCLI:
		return true
	}
	return false
}

// Origin describes where a request came from.
type Origin struct {
	Via       Surface
	IP        string
	UserAgent string
}

// Actor is the authenticated caller of a service method: a user acting
// through a dashboard session, or through an account token capped by its
// scopes.
type Actor struct {
	UserID string
	// Handle is the handle of the user's personal account.
	Handle string
	// TokenID is the id of the token the request presented; empty for a
	// dashboard session.
	TokenID string
	// Scopes are the token's scopes. Sessions skip the scope layer.
	Scopes []Scope
	// TokenExpiresAt is the token's expiry; nil for sessions and for tokens
	// that never expire.
	TokenExpiresAt *time.Time
	Origin
}

// IsToken reports whether the actor authenticated with an account token.
func (a *Actor) IsToken() bool { return a.TokenID != "" }

// Require returns nil when the actor may use scope s: a session always may,
// a token only when it holds s exactly. Otherwise it returns an EFORBIDDEN
// error naming the scope.
func (a *Actor) Require(s Scope) error {
	if !a.IsToken() || HasScope(a.Scopes, s) {
		return nil
	}
	return &Error{
		Code:          EFORBIDDEN,
		Message:       "this token lacks the " + string(s) + " scope",
		RequiredScope: s,
	}
}

type actorKey struct{}

// NewContext returns a copy of ctx carrying actor.
func NewContext(ctx context.Context, actor *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFromContext returns the actor carried by ctx, or nil.
func ActorFromContext(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// RequireActor returns the actor carried by ctx, or an EUNAUTHENTICATED
// error when there is none.
func RequireActor(ctx context.Context) (*Actor, error) {
	if a := ActorFromContext(ctx); a != nil && a.UserID != "" {
		return a, nil
	}
	return nil, Errorf(EUNAUTHENTICATED, "authentication required")
}

// RequireScope returns the actor carried by ctx when it may use scope s.
// It returns EUNAUTHENTICATED without an actor and EFORBIDDEN without the
// scope.
func RequireScope(ctx context.Context, s Scope) (*Actor, error) {
	a, err := RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.Require(s); err != nil {
		return nil, err
	}
	return a, nil
}
