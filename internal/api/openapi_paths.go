package api

import (
	"net/http"

	"github.com/glossia/glossia"
)

var listQuery = []string{"limit", "cursor"}

// Operations returns every operation the document describes, in document
// order. internal/server's tests check that it matches the routes.
func Operations() []Operation {
	return append(append(tokenOperations(), resourceOperations()...), metaOperations()...)
}

func tokenOperations() []Operation {
	return []Operation{
		{Method: "GET", Path: "/api/tokens", ID: "listTokens", Tag: "tokens", Summary: "List your tokens",
			Description: "The caller's tokens, newest first unless sorted otherwise.",
			Scope:       glossia.ScopeAPICredentialsRead, Query: []string{"status", "sort", "limit", "cursor"},
			Status: 200, Result: "TokenPage", Errors: []int{422}},
		{Method: "POST", Path: "/api/tokens", ID: "createToken", Tag: "tokens", Summary: "Create a token",
			Description: "Creates a token and answers its secret, shown this once. A token may grant only scopes it holds itself, and no later expiry than its own (403 otherwise). 409 when the caller already holds the most live tokens allowed.",
			Scope:       glossia.ScopeAPICredentialsWrite, Body: "TokenCreate",
			Status: 201, Result: "CreatedToken", Location: true, Errors: []int{409, 422}},
		{Method: "GET", Path: "/api/tokens/self", ID: "getCurrentToken", Tag: "tokens", Summary: "The calling token",
			Description: "The metadata of the token that authenticated this request.",
			Status:      200, Result: "Token", Errors: []int{404}},
		{Method: "GET", Path: "/api/tokens/{id}", ID: "getToken", Tag: "tokens", Summary: "Get a token",
			Description: "One of the caller's tokens; another user's token answers 404.",
			Scope:       glossia.ScopeAPICredentialsRead, Status: 200, Result: "Token"},
		{Method: "PATCH", Path: "/api/tokens/{id}", ID: "updateToken", Tag: "tokens", Summary: "Rename a token",
			Description: "Changes the name and description only. Scopes and expiry are fixed at creation: a body that tries to change them answers 422. A revoked token answers 409.",
			Scope:       glossia.ScopeAPICredentialsWrite, Body: "TokenUpdate", Status: 200, Result: "Token", Errors: []int{409, 422}},
		{Method: "DELETE", Path: "/api/tokens/{id}", ID: "revokeToken", Tag: "tokens", Summary: "Revoke a token",
			Description: "Revokes the token at once, on every instance: its very next use answers 401. Answers the revoked token; revoking again answers the same.",
			Scope:       glossia.ScopeAPICredentialsWrite, Status: 200, Result: "Token"},
		{Method: "POST", Path: "/api/tokens/{id}/rotate", ID: "rotateToken", Tag: "tokens", Summary: "Rotate a token",
			Description: "Creates a new secret with the same name, description, scopes and expiry, and revokes the old token at once or after grace_seconds. The body is optional. 409 when the token is revoked, expired or already rotated.",
			Scope:       glossia.ScopeAPICredentialsWrite, Body: "TokenRotate", OptionalBody: true,
			Status: 201, Result: "CreatedToken", Location: true, Errors: []int{409, 422}},
	}
}

func resourceOperations() []Operation {
	return []Operation{
		{Method: "GET", Path: "/api/user", ID: "getUser", Tag: "user", Summary: "The calling user",
			Scope: glossia.ScopeUserRead, Status: 200, Result: "User"},
		{Method: "PATCH", Path: "/api/user", ID: "updateUser", Tag: "user", Summary: "Update your profile",
			Scope: glossia.ScopeUserWrite, Body: "UserUpdate", Status: 200, Result: "User", Errors: []int{422}},
		{Method: "GET", Path: "/api/accounts", ID: "listAccounts", Tag: "user", Summary: "List your accounts",
			Description: "Your personal account and the organizations you belong to, by handle.",
			Scope:       glossia.ScopeAccountRead, Query: listQuery, Status: 200, Result: "AccountPage", Errors: []int{422}},

		{Method: "GET", Path: "/api/organizations", ID: "listOrganizations", Tag: "organizations", Summary: "List your organizations",
			Scope: glossia.ScopeOrganizationRead, Query: listQuery, Status: 200, Result: "OrganizationPage", Errors: []int{422}},
		{Method: "POST", Path: "/api/organizations", ID: "createOrganization", Tag: "organizations", Summary: "Create an organization",
			Description: "The caller becomes its admin. 409 when the handle is taken.",
			Scope:       glossia.ScopeOrganizationWrite, Body: "OrganizationCreate", Status: 201, Result: "Organization", Location: true, Errors: []int{409, 422}},
		{Method: "GET", Path: "/api/organizations/{handle}", ID: "getOrganization", Tag: "organizations", Summary: "Get an organization",
			Description: "Members only; others get 404 as if it did not exist.",
			Scope:       glossia.ScopeOrganizationRead, Status: 200, Result: "Organization"},
		{Method: "PATCH", Path: "/api/organizations/{handle}", ID: "updateOrganization", Tag: "organizations", Summary: "Update an organization",
			Description: "Admins only.", Scope: glossia.ScopeOrganizationWrite, Body: "OrganizationUpdate", Status: 200, Result: "Organization", Errors: []int{422}},
		{Method: "DELETE", Path: "/api/organizations/{handle}", ID: "deleteOrganization", Tag: "organizations", Summary: "Delete an organization",
			Description: "Admins only. Deletes its projects, voice and memberships.", Scope: glossia.ScopeOrganizationDelete, Status: 204},

		{Method: "GET", Path: "/api/organizations/{handle}/members", ID: "listMembers", Tag: "organizations", Summary: "List members",
			Scope: glossia.ScopeMembersRead, Query: listQuery, Status: 200, Result: "MemberPage", Errors: []int{422}},
		{Method: "PUT", Path: "/api/organizations/{handle}/members/{user_handle}", ID: "setMember", Tag: "organizations", Summary: "Add a member or change a role",
			Description: "Admins only. 409 when it would demote the last admin.",
			Scope:       glossia.ScopeMembersWrite, Body: "MemberSet", Status: 200, Result: "Member", Errors: []int{409, 422}},
		{Method: "DELETE", Path: "/api/organizations/{handle}/members/{user_handle}", ID: "removeMember", Tag: "organizations", Summary: "Remove a member",
			Description: "Admins only, except that members may remove themselves. 409 for the last admin.",
			Scope:       glossia.ScopeMembersWrite, Status: 204, Errors: []int{409}},

		{Method: "GET", Path: "/api/projects", ID: "listAllProjects", Tag: "projects", Summary: "List every project you can read",
			Description: "The projects of every account you belong to, by account then handle.",
			Scope:       glossia.ScopeProjectRead, Query: listQuery, Status: 200, Result: "ProjectPage", Errors: []int{422}},
		{Method: "GET", Path: "/api/accounts/{handle}/projects", ID: "listProjects", Tag: "projects", Summary: "List an account's projects",
			Description: "Members, or anyone when the account is public.",
			Scope:       glossia.ScopeProjectRead, Query: listQuery, Status: 200, Result: "ProjectPage", Errors: []int{422}},
		{Method: "POST", Path: "/api/accounts/{handle}/projects", ID: "createProject", Tag: "projects", Summary: "Create a project",
			Description: "Account admins only. 409 when the handle is taken in the account.",
			Scope:       glossia.ScopeProjectWrite, Body: "ProjectCreate", Status: 201, Result: "Project", Location: true, Errors: []int{409, 422}},
		{Method: "GET", Path: "/api/accounts/{handle}/projects/{project}", ID: "getProject", Tag: "projects", Summary: "Get a project",
			Scope: glossia.ScopeProjectRead, Status: 200, Result: "Project"},
		{Method: "PATCH", Path: "/api/accounts/{handle}/projects/{project}", ID: "updateProject", Tag: "projects", Summary: "Update a project",
			Description: "Account admins only.", Scope: glossia.ScopeProjectWrite, Body: "ProjectUpdate", Status: 200, Result: "Project", Errors: []int{422}},
		{Method: "DELETE", Path: "/api/accounts/{handle}/projects/{project}", ID: "deleteProject", Tag: "projects", Summary: "Delete a project",
			Description: "Account admins only.", Scope: glossia.ScopeProjectDelete, Status: 204},

		{Method: "GET", Path: "/api/accounts/{handle}/voice", ID: "getVoice", Tag: "voice", Summary: "Get the latest voice",
			Description: "Members, or anyone when the account is public. 404 when no voice was saved yet.",
			Scope:       glossia.ScopeVoiceRead, Status: 200, Result: "Voice"},
		{Method: "PUT", Path: "/api/accounts/{handle}/voice", ID: "saveVoice", Tag: "voice", Summary: "Save a new voice version",
			Description: "Account admins only. Every save is a new version: 201 for the first one (the voice is created), 200 for later ones.",
			Scope:       glossia.ScopeVoiceWrite, Body: "VoiceSave", Status: 201, AltStatus: 200, Result: "Voice", Location: true, Errors: []int{422}},
		{Method: "GET", Path: "/api/accounts/{handle}/voice/versions", ID: "listVoiceVersions", Tag: "voice", Summary: "List voice versions",
			Description: "Newest first.", Scope: glossia.ScopeVoiceRead, Query: listQuery, Status: 200, Result: "VoicePage", Errors: []int{422}},
	}
}

func metaOperations() []Operation {
	return []Operation{
		{Method: "GET", Path: "/api/openapi.json", ID: "getOpenAPI", Tag: "meta", Summary: "This document",
			Public: true, Status: http.StatusOK, ResultType: "application/json"},
		{Method: "GET", Path: "/.well-known/oauth-protected-resource", ID: "getResourceMetadata", Tag: "meta", Summary: "Protected resource metadata of the REST API",
			Description: "RFC 9728 metadata naming <base>/api as the resource, the supported scopes and how to send a token.",
			Public:      true, Status: 200, Result: "ProtectedResourceMetadata"},
		{Method: "GET", Path: "/.well-known/oauth-protected-resource/api", ID: "getAPIResourceMetadata", Tag: "meta", Summary: "Protected resource metadata of the REST API (path form)",
			Description: "The same document at the path RFC 9728 derives from the resource <base>/api.",
			Public:      true, Status: 200, Result: "ProtectedResourceMetadata"},
		{Method: "GET", Path: "/.well-known/oauth-protected-resource/mcp", ID: "getMCPResourceMetadata", Tag: "meta", Summary: "Protected resource metadata of the MCP server",
			Description: "RFC 9728 metadata naming <base>/mcp as the resource.",
			Public:      true, Status: 200, Result: "ProtectedResourceMetadata"},
		{Method: "GET", Path: "/healthz", ID: "getHealth", Tag: "meta", Summary: "Liveness",
			Description: "200 whenever the process serves.", Public: true, Status: 200, Result: "Health"},
		{Method: "GET", Path: "/readyz", ID: "getReadiness", Tag: "meta", Summary: "Readiness",
			Description: "200 when the database answers, 503 otherwise.", Public: true, Status: 200, AltStatus: 503, Result: "Readiness"},
		{Method: "GET", Path: "/metrics", ID: "getMetrics", Tag: "meta", Summary: "Prometheus metrics",
			Description: "HTTP request counts and latencies by route, and the store's counters (token lookups, database writes).",
			Public:      true, Status: 200, ResultType: "text/plain"},
	}
}
