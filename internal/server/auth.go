package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/api"
	"github.com/glossia/glossia/internal/httpx"
)

// ViaHeader lets a client name the surface it acts through, "cli" or
// "mcp", for audit events. It grants nothing.
const ViaHeader = "Glossia-Via"

// bearer authenticates the account token of each request before next runs,
// and puts the actor in the request context. The surface is the default
// Origin.Via of the actor (api or mcp).
//
// The order matters: a client IP that has spent its failed
// authentications gets 429 before its token is looked at; then exactly one
// Authorization header with the Bearer scheme (case-insensitive) is
// required — several headers are a 400 invalid_request; then the token
// service authenticates it, checking format and checksum before any
// storage read; then the token's own request rate applies.
// Every failure that presented a credential counts against the client IP.
func (s *server) bearer(surface glossia.Surface, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		ip := httpx.ClientIPFrom(ctx)
		if blocked, wait := s.failedAuth.Blocked(ip); blocked {
			s.api.WriteError(w, r, rateLimited("too many failed authentications from this address", wait))
			return
		}
		values := r.Header.Values("Authorization")
		secret, err := bearerSecret(values)
		var actor *glossia.Actor
		if err == nil {
			actor, err = s.tokens.AuthenticateToken(ctx, secret, origin(r, surface, ip))
		}
		if err != nil {
			if len(values) > 0 && glossia.ErrorCode(err) != glossia.EINTERNAL {
				s.failedAuth.Allow(ip)
			}
			s.api.WriteError(w, r, err)
			return
		}
		if ok, wait := s.tokenRate.Allow(actor.TokenID); !ok {
			s.api.WriteError(w, r, rateLimited("this token is over its request rate", wait))
			return
		}
		if actor.TokenExpiresAt != nil {
			w.Header().Set(api.TokenExpiresHeader, actor.TokenExpiresAt.UTC().Format(time.RFC3339))
		}
		if info := infoFrom(ctx); info != nil {
			info.tokenID = actor.TokenID
		}
		next.ServeHTTP(w, r.WithContext(glossia.NewContext(ctx, actor)))
	})
}

// bearerSecret extracts the account token from the Authorization header
// values, refusing what cannot be one.
func bearerSecret(values []string) (string, error) {
	switch len(values) {
	case 0:
		return "", glossia.Errorf(glossia.EUNAUTHENTICATED, "authentication required: send an account token as Authorization: Bearer glsa_…")
	case 1:
	default:
		return "", glossia.Errorf(glossia.EINVALID, "send exactly one Authorization header")
	}
	scheme, credential, _ := strings.Cut(strings.TrimSpace(values[0]), " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", glossia.Errorf(glossia.EUNAUTHENTICATED, "only the Bearer scheme is supported: send Authorization: Bearer glsa_…")
	}
	secret := strings.TrimSpace(credential)
	switch {
	case secret == "":
		return "", glossia.Errorf(glossia.EUNAUTHENTICATED, "malformed token: the Bearer credential is empty")
	case !strings.HasPrefix(secret, glossia.TokenPrefix):
		return "", glossia.Errorf(glossia.EUNAUTHENTICATED, "OAuth access tokens are not supported yet: use an account token (glsa_…)")
	}
	// The authenticator checks format and checksum before any storage read.
	return secret, nil
}

// origin describes where the request came from, for audit events and the
// token's last use.
func origin(r *http.Request, surface glossia.Surface, ip string) glossia.Origin {
	switch via := glossia.Surface(strings.ToLower(r.Header.Get(ViaHeader))); via {
	case glossia.SurfaceCLI, glossia.SurfaceMCP:
		surface = via
	}
	return glossia.Origin{Via: surface, IP: ip, UserAgent: r.UserAgent()}
}

func rateLimited(msg string, wait time.Duration) error {
	secs := int((wait + time.Second - 1) / time.Second)
	return &glossia.Error{
		Code:       glossia.ERATELIMITED,
		Message:    msg + "; try again in " + plural(max(secs, 1), "second"),
		RetryAfter: wait,
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}
