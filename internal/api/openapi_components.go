package api

import "net/http"

func pathParam(desc string, schema obj) obj {
	return obj{"in": "path", "required": true, "description": desc, "schema": schema}
}

func queryParam(desc string, schema obj) obj {
	return obj{"in": "query", "required": false, "description": desc, "schema": schema}
}

// parameters returns components/parameters; each is named like the
// parameter it describes.
func parameters() obj {
	withName := func(name string, p obj) obj { p["name"] = name; return p }
	return obj{
		"id":          withName("id", pathParam("A token id. Ids that are not UUIDs answer 404.", obj{"type": "string"})),
		"handle":      withName("handle", pathParam("An account or organization handle. Unknown and invisible accounts answer 404 alike.", obj{"type": "string"})),
		"project":     withName("project", pathParam("A project handle within the account.", obj{"type": "string"})),
		"user_handle": withName("user_handle", pathParam("The handle of a user.", obj{"type": "string"})),
		"limit": withName("limit", queryParam("Items per page, 1 to 100 (default 20). A value that is not a number answers 400, one out of range 422.",
			obj{"type": "integer", "minimum": 1, "maximum": 100, "default": 20})),
		"cursor": withName("cursor", queryParam("The next_cursor of the previous page. A cursor this server did not issue is refused.", obj{"type": "string"})),
		"status": withName("status", queryParam("Which tokens: active and expired by default; active, expired, revoked or all.",
			obj{"type": "string", "enum": []any{"active", "expired", "revoked", "all"}})),
		"sort": withName("sort", queryParam("Order: created_at (newest first, the default), last_used_at (most recent first, never used last), name (A to Z), expires_at (soonest first, never-expiring last).",
			obj{"type": "string", "enum": []any{"created_at", "last_used_at", "name", "expires_at"}, "default": "created_at"})),
	}
}

// headers returns components/headers.
func headers() obj {
	return obj{
		"X-Request-Id": obj{"description": "The id of this request, also in problem bodies and the server's logs.",
			"schema": obj{"type": "string"}},
		TokenExpiresHeader: obj{"description": "When the token that authenticated the request expires; absent for tokens that never expire.",
			"schema": obj{"type": "string", "format": "date-time"}},
		"Location": obj{"description": "The path of the created resource.", "required": true,
			"schema": obj{"type": "string"}},
		"WWW-Authenticate": obj{"description": `The RFC 6750 Bearer challenge, with resource_metadata naming the RFC 9728 metadata, and error="invalid_token" or error="insufficient_scope" with scope when they apply.`,
			"schema": obj{"type": "string", "pattern": "^Bearer "}},
		"Retry-After": obj{"description": "Seconds to wait before trying again.", "required": true,
			"schema": obj{"type": "integer", "minimum": 1}},
	}
}

// errorStatuses lists every error status with the problem codes it
// carries.
var errorStatuses = []struct {
	status int
	name   string
	codes  []any
	desc   string
}{
	{400, "BadRequest", []any{CodeInvalidRequest}, "Malformed JSON, a wrong JSON type, an unknown field, a bad query parameter, or several Authorization headers."},
	{401, "Unauthorized", []any{CodeUnauthorized, CodeInvalidToken}, "No credentials (unauthorized), or a malformed, unknown, revoked or expired token (invalid_token; the detail says which)."},
	{403, "Forbidden", []any{CodeInsufficientScope, CodeForbidden}, "The token lacks the scope (insufficient_scope, naming required_scope), or the owner's role does not allow it (forbidden)."},
	{404, "NotFound", []any{CodeNotFound}, "The resource does not exist, or the caller may not see it."},
	{405, "MethodNotAllowed", []any{CodeMethodNotAllowed}, "The path exists but not with this method; the Allow header lists those that do."},
	{409, "Conflict", []any{CodeConflict}, "The request conflicts with the current state: a taken handle, the last admin, a revoked token, the live-token limit."},
	{413, "TooLarge", []any{CodeTooLarge}, "The body is larger than 1 MiB."},
	{415, "UnsupportedType", []any{CodeUnsupportedType}, "The body is not sent as application/json."},
	{422, "ValidationFailed", []any{CodeValidationFailed}, "A field is invalid; errors lists the messages per field."},
	{429, "RateLimited", []any{CodeRateLimited}, "Too many failed authentications from this address, or too many requests with this token."},
	{500, "Internal", []any{CodeInternal}, "A fault on the server; the request id helps find it in the logs."},
}

func errorResponseName(status int) string {
	for _, e := range errorStatuses {
		if e.status == status {
			return e.name
		}
	}
	panic("api: no error response for status " + http.StatusText(status))
}

// errorResponses returns components/responses: one per error status, its
// body a Problem restricted to the codes of that status.
func errorResponses() obj {
	out := obj{}
	for _, e := range errorStatuses {
		h := obj{"X-Request-Id": obj{"$ref": "#/components/headers/X-Request-Id"}}
		switch e.status {
		case 401:
			h["WWW-Authenticate"] = obj{"description": "The Bearer challenge, always present on a 401.", "required": true,
				"schema": obj{"type": "string", "pattern": "^Bearer "}}
		case 403:
			h["WWW-Authenticate"] = obj{"$ref": "#/components/headers/WWW-Authenticate"}
		case 405:
			h["Allow"] = obj{"description": "The methods the path supports.", "required": true, "schema": obj{"type": "string"}}
		case 429:
			h["Retry-After"] = obj{"$ref": "#/components/headers/Retry-After"}
		}
		schema := obj{"allOf": []obj{ref("Problem"), {
			"properties": obj{"status": obj{"const": e.status}, "error": obj{"enum": e.codes}},
		}}}
		out[e.name] = obj{
			"description": e.desc,
			"headers":     h,
			"content":     obj{ProblemContentType: obj{"schema": schema}},
		}
	}
	return out
}
