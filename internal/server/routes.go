package server

import (
	"net/http"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/api"
	"github.com/glossia/glossia/internal/mcp"
	"github.com/glossia/glossia/internal/web"
)

// addRoutes registers every route of the service. It is the one place that
// lists the URL surface.
func addRoutes(mux *http.ServeMux, d Deps, s *server) {
	// bearer(surface, h) authenticates account tokens for /api and /mcp.
	bearer := s.bearer

	// --- operations ---
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /metrics", s.metricsHandler())
	mux.HandleFunc("GET /.well-known/oauth-protected-resource", s.resourceMetadata("/api"))
	mux.HandleFunc("GET /.well-known/oauth-protected-resource/api", s.resourceMetadata("/api"))
	mux.HandleFunc("GET /.well-known/oauth-protected-resource/mcp", s.resourceMetadata("/mcp"))

	// --- REST API: internal/api ---
	a := s.api
	for _, rt := range apiRoutes(a) {
		mux.Handle(rt.pattern, bearer(glossia.SurfaceAPI, a.Handle(rt.handler)))
	}
	mux.Handle("GET /api/openapi.json", a.Handle(a.OpenAPI))
	// Unknown /api paths and methods answer problem+json 404 and 405.
	for _, method := range fallbackMethods {
		mux.Handle(method+" "+apiFallbackPath, a.Handle(s.apiFallback))
	}

	// --- MCP: internal/mcp ---
	// Streamable HTTP (POST, GET, DELETE) behind the same bearer
	// authentication as /api; tool calls act as each request's actor.
	mux.Handle("/mcp", bearer(glossia.SurfaceMCP, mcp.NewHandler(mcp.Deps{
		Services:  d.Services,
		BaseURL:   d.Config.BaseURL,
		Logger:    d.Logger,
		Version:   d.Config.Version,
		Done:      d.Stopping,
		Stateless: d.Config.MCPStateless,
	})))

	// --- dashboard: internal/web ---
	// Every page sets its own security headers; POSTs are checked for
	// origin and CSRF token by the dashboard itself.
	dash := web.New(web.Deps{
		Services:        d.Services,
		Identity:        d.Identity,
		Sessions:        d.Sessions,
		Audit:           d.Audit,
		BaseURL:         d.Config.BaseURL,
		TrustedProxies:  d.Config.TrustedProxies,
		SignInPerMinute: d.Config.FailedAuthPerMinute,
		Logger:          d.Logger,
		Now:             d.Now,
	})
	mux.HandleFunc("GET /{$}", dash.Home)
	mux.Handle("GET /static/", dash.Static())
	mux.HandleFunc("GET /signin", dash.SignInForm)
	mux.HandleFunc("POST /signin", dash.SignIn)
	mux.HandleFunc("GET /signup", dash.SignUpForm)
	mux.HandleFunc("POST /signup", dash.SignUp)
	mux.HandleFunc("POST /signout", dash.SignOut)
	mux.HandleFunc("GET /settings/api/tokens", dash.TokenList)
	mux.HandleFunc("GET /settings/api/tokens/new", dash.TokenNew)
	mux.HandleFunc("POST /settings/api/tokens", dash.TokenCreate)
	mux.HandleFunc("GET /settings/api/tokens/{id}", dash.TokenEdit)
	mux.HandleFunc("POST /settings/api/tokens/{id}", dash.TokenUpdate)
	mux.HandleFunc("POST /settings/api/tokens/{id}/revoke", dash.TokenRevoke)
	mux.HandleFunc("GET /settings/security-log", dash.SecurityLog)
	mux.HandleFunc("GET /organizations", dash.OrganizationList)
	mux.HandleFunc("GET /organizations/new", dash.OrganizationNew)
	mux.HandleFunc("POST /organizations", dash.OrganizationCreate)
	mux.HandleFunc("GET /organizations/{org}", dash.OrganizationShow)
	mux.HandleFunc("POST /organizations/{org}/members", dash.MemberAdd)
	mux.HandleFunc("POST /organizations/{org}/members/{user}", dash.MemberUpdate)
	mux.HandleFunc("POST /organizations/{org}/members/{user}/remove", dash.MemberRemove)
	mux.HandleFunc("GET /projects", dash.ProjectList)
	mux.HandleFunc("GET /accounts/{handle}/projects", dash.AccountProjects)
	mux.HandleFunc("POST /accounts/{handle}/projects", dash.ProjectCreate)
	// Anything else is the dashboard's 404 page (/api has its own fallback).
	mux.HandleFunc("/", dash.NotFound)
}

// route is one REST endpoint: a Go 1.22 pattern and its handler.
type route struct {
	pattern string
	handler api.HandlerFunc
}

// apiRoutes lists every authenticated REST endpoint (SPEC §6).
func apiRoutes(a *api.API) []route {
	return []route{
		{"GET /api/tokens", a.ListTokens},
		{"POST /api/tokens", a.CreateToken},
		{"GET /api/tokens/self", a.CurrentToken},
		{"GET /api/tokens/{id}", a.GetToken},
		{"PATCH /api/tokens/{id}", a.UpdateToken},
		{"DELETE /api/tokens/{id}", a.RevokeToken},
		{"POST /api/tokens/{id}/rotate", a.RotateToken},

		{"GET /api/user", a.GetUser},
		{"PATCH /api/user", a.UpdateUser},
		{"GET /api/accounts", a.ListAccounts},

		{"GET /api/organizations", a.ListOrganizations},
		{"POST /api/organizations", a.CreateOrganization},
		{"GET /api/organizations/{handle}", a.GetOrganization},
		{"PATCH /api/organizations/{handle}", a.UpdateOrganization},
		{"DELETE /api/organizations/{handle}", a.DeleteOrganization},
		{"GET /api/organizations/{handle}/members", a.ListMembers},
		{"PUT /api/organizations/{handle}/members/{user_handle}", a.SetMember},
		{"DELETE /api/organizations/{handle}/members/{user_handle}", a.RemoveMember},

		{"GET /api/projects", a.ListAllProjects},
		{"GET /api/accounts/{handle}/projects", a.ListProjects},
		{"POST /api/accounts/{handle}/projects", a.CreateProject},
		{"GET /api/accounts/{handle}/projects/{project}", a.GetProject},
		{"PATCH /api/accounts/{handle}/projects/{project}", a.UpdateProject},
		{"DELETE /api/accounts/{handle}/projects/{project}", a.DeleteProject},

		{"GET /api/accounts/{handle}/voice", a.GetVoice},
		{"PUT /api/accounts/{handle}/voice", a.SaveVoice},
		{"GET /api/accounts/{handle}/voice/versions", a.ListVoiceVersions},
	}
}
