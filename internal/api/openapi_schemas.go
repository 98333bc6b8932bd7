package api

import (
	"slices"

	"github.com/glossia/glossia"
)

// obj is a JSON object of the OpenAPI document under construction.
type obj = map[string]any

func ref(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }

func typed(t, desc string) obj { return obj{"type": t, "description": desc} }

// nullable returns a schema of type t that may also be null.
func nullable(t, desc string) obj { return obj{"type": []string{t, "null"}, "description": desc} }

func timestamp(desc string) obj {
	return obj{"type": "string", "format": "date-time", "description": desc}
}

func nullableTimestamp(desc string) obj {
	return obj{"type": []string{"string", "null"}, "format": "date-time", "description": desc}
}

func uuid(desc string) obj { return obj{"type": "string", "format": "uuid", "description": desc} }

func text(desc string, min, max int) obj {
	return obj{"type": "string", "minLength": min, "maxLength": max, "description": desc}
}

func enum(desc string, values ...any) obj {
	return obj{"type": "string", "enum": values, "description": desc}
}

func array(items obj, desc string) obj {
	return obj{"type": "array", "items": items, "description": desc}
}

// object returns a closed object schema: properties not listed are refused
// in requests and absent from responses, so the document cannot drift from
// the code unnoticed.
func object(desc string, required []string, props obj) obj {
	o := obj{"type": "object", "description": desc, "additionalProperties": false, "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// all lists every property name of props: response objects always carry
// every field.
func all(props obj) []string {
	names := make([]string, 0, len(props))
	for name := range props {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// closed is object with every property required: the shape of responses.
func closed(desc string, props obj) obj { return object(desc, all(props), props) }

// page returns the schema of one page of items.
func page(desc, items, item string) obj {
	return closed(desc, obj{
		items:         array(ref(item), "The items of this page."),
		"next_cursor": nullable("string", "Pass as the cursor query parameter to get the next page; null on the last page."),
	})
}

const handlePattern = "^[a-z][a-z0-9-]{0,37}[a-z0-9]$"

func handle(desc string) obj {
	return obj{"type": "string", "pattern": handlePattern, "description": desc}
}

func scopeNames() []any {
	var out []any
	for _, s := range glossia.AllScopes() {
		out = append(out, string(s))
	}
	return out
}

func problemCodes() []any {
	return []any{CodeUnauthorized, CodeInvalidToken, CodeInsufficientScope, CodeForbidden, CodeNotFound,
		CodeMethodNotAllowed, CodeInvalidRequest, CodeValidationFailed, CodeConflict, CodeRateLimited,
		CodeTooLarge, CodeUnsupportedType, CodeInternal}
}

// schemas returns the components/schemas of the document.
func schemas() obj {
	s := obj{
		"Scope":       enum("A permission a token may hold (object:action). No scope implies another.", scopeNames()...),
		"Surface":     enum("Where a request came from.", "dashboard", "api", "mcp", "cli"),
		"Role":        enum("A role in an account.", "admin", "member"),
		"Visibility":  enum("Who may see an account's projects and voice.", "private", "public"),
		"Formality":   enum("How formal a voice is.", "formal", "neutral", "informal"),
		"TokenStatus": enum("A token's state when it was read.", "active", "expired", "revoked"),
		"Problem": object("RFC 9457 problem details, the body of every error.", []string{"type", "title", "status", "error"}, obj{
			"type":           enum("Always about:blank: the status and error code say it all.", "about:blank"),
			"title":          typed("string", "The HTTP status text."),
			"status":         obj{"type": "integer", "description": "The HTTP status code."},
			"detail":         typed("string", "What went wrong, for people. Absent for internal errors."),
			"error":          enum("Stable machine-readable code.", problemCodes()...),
			"required_scope": obj{"$ref": "#/components/schemas/Scope", "description": "The scope the token lacks (insufficient_scope)."},
			"errors": obj{"type": "object", "description": "Messages per invalid field (validation_failed).",
				"additionalProperties": array(typed("string", "A message."), "The field's messages.")},
			"request_id": typed("string", "The request id, also in the X-Request-Id header, to quote when reporting a problem."),
		}),
		"Token": closed("An account token's metadata. The secret is never part of it.", obj{
			"id":                   uuid("The token id (UUIDv7)."),
			"name":                 text("What the token is for.", 1, 100),
			"description":          text("Longer notes.", 0, 500),
			"token_prefix":         obj{"type": "string", "pattern": "^glsa_[0-9a-f]{7}$", "description": "The first 12 characters of the secret, to recognise it."},
			"scopes":               array(ref("Scope"), "What the token may do, at most."),
			"status":               ref("TokenStatus"),
			"created_at":           timestamp("When the token was created."),
			"expires_at":           nullableTimestamp("When the token stops working; null: never."),
			"last_used_at":         nullableTimestamp("When the token was last used, to the minute; null: never."),
			"last_used_ip":         nullable("string", "The client IP of the last recorded use."),
			"last_used_user_agent": nullable("string", "The User-Agent of the last recorded use."),
			"revoked_at":           nullableTimestamp("When the token was revoked, or stops working after a rotation's grace period."),
			"created_via":          ref("Surface"),
			"parent_token_id":      obj{"type": []string{"string", "null"}, "format": "uuid", "description": "The token that created this one through the API or MCP."},
			"rotated_from_id":      obj{"type": []string{"string", "null"}, "format": "uuid", "description": "The token this one replaced by rotation."},
		}),
		"CreatedToken": object("A new token with its secret, shown this once.", []string{"token", "plain_token"}, obj{
			"token":          ref("Token"),
			"plain_token":    obj{"type": "string", "pattern": "^glsa_[0-9a-f]{48}$", "description": "The secret: send it as Authorization: Bearer <plain_token>. It is never shown again."},
			"previous_token": obj{"$ref": "#/components/schemas/Token", "description": "After a rotation: the old token, with the time it stops working."},
		}),
		"TokenPage": page("One page of tokens, newest first unless sorted otherwise.", "tokens", "Token"),
		"TokenCreate": object("A new token. Give scopes as a list or as one space-separated string, not both. Give expires_at or expires_in_days, or neither for a token that never expires (when the server allows it).", []string{"name"}, obj{
			"name":            text("What the token is for.", 1, 100),
			"description":     text("Longer notes.", 0, 500),
			"scopes":          obj{"type": "array", "items": ref("Scope"), "minItems": 1, "description": "The scopes to grant; a token may only grant scopes it holds itself."},
			"scope":           typed("string", "The scopes as one space-separated string (the OAuth form)."),
			"expires_at":      timestamp("When the token stops working: in the future, within the server's maximum lifetime, and no later than the creating token's own expiry."),
			"expires_in_days": obj{"type": "integer", "minimum": 1, "maximum": 36500, "description": "Days from now until the token stops working."},
		}),
		"TokenUpdate": object("Changes to a token: only its name and description. Sending scopes, scope, expires_at or expires_in_days is refused with 422, as they are fixed at creation.", nil, obj{
			"name":        text("What the token is for.", 1, 100),
			"description": text("Longer notes.", 0, 500),
		}),
		"TokenRotate": object("How to rotate a token.", nil, obj{
			"grace_seconds": obj{"type": "integer", "minimum": 0, "maximum": 604800, "description": "Keep the old secret working this long (at most 7 days); 0 or absent revokes it at once."},
		}),
		"User": closed("A person who signs in.", obj{
			"id":         uuid("The user id."),
			"handle":     handle("The handle of the user's personal account."),
			"email":      typed("string", "The email address."),
			"name":       typed("string", "The display name."),
			"created_at": timestamp("When the user signed up."),
			"updated_at": timestamp("When the profile last changed."),
		}),
		"UserUpdate": object("Changes to the caller's profile.", nil, obj{
			"name": text("The display name.", 1, 100),
		}),
		"Account": closed("A handle namespace: a personal account or an organization.", obj{
			"id":         uuid("The account id."),
			"handle":     handle("The account handle."),
			"kind":       enum("Personal account or organization.", "user", "organization"),
			"name":       typed("string", "The display name."),
			"visibility": ref("Visibility"),
			"role":       enum("The caller's role in the account.", "admin", "member"),
			"created_at": timestamp("When the account was created."),
		}),
		"AccountPage": page("One page of accounts, by handle.", "accounts", "Account"),
	}
	for name, schema := range resourceSchemas() {
		s[name] = schema
	}
	return s
}
