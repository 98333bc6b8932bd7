// Package web is the dashboard: server-rendered pages to sign up, sign in,
// manage account tokens, organizations, members and projects. Every action
// calls the same glossia services as the REST API, with an actor built from
// the dashboard session.
//
// Protections: sessions live on the server (the cookie holds only the
// session secret, HttpOnly, SameSite=Lax, Secure and __Host- prefixed over
// https); every POST passes the standard library's cross-origin check
// (Sec-Fetch-Site, then Origin against Host) and carries a synchronizer
// token: the session's CSRF token once signed in, and a double-submit
// cookie on the sign-in and sign-up forms, which have no session yet.
// Every response carries a strict Content-Security-Policy with no inline
// script or style.
package web

import (
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/httpx"
)

// Deps are what the dashboard needs from the rest of the program.
type Deps struct {
	Services glossia.Services
	Identity glossia.IdentityService
	Sessions glossia.SessionService
	// Audit shows the security log when set; it may be nil.
	Audit glossia.AuditService
	// BaseURL is the public URL; cookies are Secure and __Host- prefixed
	// when it is https.
	BaseURL string
	// TrustedProxies are the peers whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	// SignInPerMinute limits failed sign-ins per client IP and per email,
	// and sign-up attempts per client IP; zero means 10, negative no limit.
	SignInPerMinute int
	Logger          *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Handler serves the dashboard pages. Its exported methods are the
// handlers that routes.go registers, one per page or action.
type Handler struct {
	d       Deps
	log     *slog.Logger
	now     func() time.Time
	secure  bool
	pages   map[string]*template.Template
	assets  *assets
	limiter *httpx.Limiter
	origins *http.CrossOriginProtection
}

// New returns the dashboard handler. It panics if the embedded templates
// do not parse, which the package tests rule out.
func New(d Deps) *Handler {
	h := &Handler{d: d, log: d.Logger, now: d.Now}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if h.now == nil {
		h.now = time.Now
	}
	perMinute := d.SignInPerMinute
	if perMinute == 0 {
		perMinute = 10
	}
	// A negative limit gives a nil limiter, which allows everything.
	h.limiter = httpx.NewLimiter(perMinute, perMinute, h.now)
	h.origins = http.NewCrossOriginProtection()
	if u, err := url.Parse(d.BaseURL); err == nil && u.Scheme != "" && u.Host != "" {
		h.secure = u.Scheme == "https"
		// Behind a proxy that rewrites Host, the public origin is still ours.
		_ = h.origins.AddTrustedOrigin(u.Scheme + "://" + u.Host)
	}
	h.assets = loadAssets()
	h.pages = parsePages(h.assets)
	return h
}

// securityHeaders sets the headers every dashboard response carries.
func securityHeaders(w http.ResponseWriter) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Cross-Origin-Opener-Policy", "same-origin")
}

// clientOrigin describes where a dashboard request came from.
func (h *Handler) clientOrigin(r *http.Request) glossia.Origin {
	ua := r.UserAgent()
	if len(ua) > 512 {
		ua = strings.ToValidUTF8(ua[:512], "")
	}
	return glossia.Origin{
		Via:       glossia.SurfaceDashboard,
		IP:        httpx.ClientIP(r, h.d.TrustedProxies),
		UserAgent: ua,
	}
}
