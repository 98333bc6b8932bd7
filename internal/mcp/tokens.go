package mcp

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/glossia/glossia"
	mcpsdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// scopeList is the catalogue as a sentence, for tool descriptions.
var scopeList = func() string {
	var b strings.Builder
	for i, s := range glossia.AllScopes() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(s))
	}
	return b.String()
}()

type listTokensInput struct {
	Status string `json:"status,omitempty" jsonschema:"Which tokens to list: \"active\", \"expired\", \"revoked\" or \"all\". Omit for active and expired tokens."`
	Sort   string `json:"sort,omitempty" jsonschema:"Order: \"created_at\" (newest first, the default), \"last_used_at\" (most recently used first), \"name\" (A to Z) or \"expires_at\" (soonest first)."`
	Limit  int    `json:"limit,omitempty" jsonschema:"Tokens per page, 1 to 100. Omit for 20."`
	Cursor string `json:"cursor,omitempty" jsonschema:"The next_cursor of the previous page, to get the page after it. Omit for the first page."`
}

type createTokenInput struct {
	Name          string   `json:"name" jsonschema:"A name that says what the token is for, 1 to 100 characters, e.g. \"CI deploy\"."`
	Description   string   `json:"description,omitempty" jsonschema:"Optional longer description, at most 500 characters."`
	Scopes        []string `json:"scopes" jsonschema:"The scopes to grant, at least one; grant the fewest that do the job. A token can only grant scopes it holds itself. Known scopes: user:read, user:write, account:read, organization:read, organization:write, organization:delete, members:read, members:write, project:read, project:write, project:delete, voice:read, voice:write, api_credentials:read, api_credentials:write."`
	ExpiresAt     string   `json:"expires_at,omitempty" jsonschema:"When the token stops working: an RFC 3339 timestamp in the future, e.g. 2030-12-31T23:59:59Z. Give this or expires_in_days, not both. Give neither for a token that never expires, if the server and your own token allow it."`
	ExpiresInDays *int     `json:"expires_in_days,omitempty" jsonschema:"Days from now until the token stops working, 1 to 36500. Give this or expires_at, not both."`
}

type tokenIDInput struct {
	ID string `json:"id" jsonschema:"The token's id (a UUID, as listed by list_tokens), not its secret."`
}

type updateTokenInput struct {
	ID            string  `json:"id" jsonschema:"The id of the token to change (a UUID, as listed by list_tokens)."`
	Name          *string `json:"name,omitempty" jsonschema:"The new name, 1 to 100 characters. Omit to keep the current name."`
	Description   *string `json:"description,omitempty" jsonschema:"The new description, at most 500 characters; an empty string clears it. Omit to keep the current one."`
	Scopes        any     `json:"scopes,omitempty" jsonschema:"Cannot be changed: scopes are fixed when a token is created. Sending this is refused with an explanation; create a new token instead."`
	ExpiresAt     any     `json:"expires_at,omitempty" jsonschema:"Cannot be changed: the expiration is fixed when a token is created. Sending this is refused with an explanation; create a new token instead."`
	ExpiresInDays any     `json:"expires_in_days,omitempty" jsonschema:"Cannot be changed, like expires_at. Sending this is refused with an explanation."`
}

type rotateTokenInput struct {
	ID           string `json:"id" jsonschema:"The id of the token to rotate (a UUID, as listed by list_tokens)."`
	GraceSeconds int    `json:"grace_seconds,omitempty" jsonschema:"How long the old secret keeps working, in seconds, 0 to 604800 (7 days). Omit or 0 to revoke it at once."`
}

func (t *tools) addTokenTools(s *mcpsdk.Server) {
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name:        "list_tokens",
		Description: "List your account tokens, newest first, one page at a time. Shows name, scopes, status, expiry and last use; never a secret. Needs the api_credentials:read scope.",
		Annotations: annotated(readOnly, "List account tokens"),
	}, t.listTokens)
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name: "create_token",
		Description: "Create an account token and return its secret (glsa_…), which is shown only this once: the user must store it now. " +
			"The token acts as you, capped by its scopes (" + scopeList + "). " +
			"It can hold only scopes your token holds and cannot outlive your token. Needs the api_credentials:write scope.",
		Annotations: annotated(additive, "Create an account token"),
	}, t.createToken)
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name:        "get_token",
		Description: "Show one of your account tokens by id: name, scopes, status, expiry and last use; never the secret. Needs the api_credentials:read scope.",
		Annotations: annotated(readOnly, "Show an account token"),
	}, t.getToken)
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name:        "update_token",
		Description: "Rename an account token or change its description. Scopes and expiration are fixed at creation and cannot be changed. Needs the api_credentials:write scope.",
		Annotations: annotated(editing, "Edit an account token"),
	}, t.updateToken)
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name:        "revoke_token",
		Description: "Revoke an account token: it stops working immediately and for good. Revoking a revoked token changes nothing. Needs the api_credentials:write scope.",
		Annotations: annotated(revoking, "Revoke an account token"),
	}, t.revokeToken)
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name: "rotate_token",
		Description: "Replace an account token's secret: a new token with the same name, scopes and expiry, whose secret is shown only this once. " +
			"The old secret stops working at once, or after grace_seconds. Needs the api_credentials:write scope.",
		Annotations: annotated(rotating, "Rotate an account token"),
	}, t.rotateToken)
}

func (t *tools) listTokens(ctx context.Context, req *mcpsdk.CallToolRequest, in listTokensInput) (*mcpsdk.CallToolResult, *glossia.TokenPage, error) {
	ctx = t.actorContext(ctx, req)
	f := glossia.TokenFilter{Status: in.Status, Sort: in.Sort, PageRequest: glossia.PageRequest{Limit: in.Limit, Cursor: in.Cursor}}
	page, err := t.services.Tokens.ListTokens(ctx, f)
	if err != nil {
		return nil, nil, t.toolError(ctx, "list_tokens", err, "")
	}
	return nil, page, nil
}

func (t *tools) createToken(ctx context.Context, req *mcpsdk.CallToolRequest, in createTokenInput) (*mcpsdk.CallToolResult, *glossia.CreatedToken, error) {
	ctx = t.actorContext(ctx, req)
	c := glossia.TokenCreate{Name: in.Name, Description: in.Description, ExpiresInDays: in.ExpiresInDays}
	for _, s := range in.Scopes {
		c.Scopes = append(c.Scopes, glossia.Scope(s))
	}
	if in.ExpiresAt != "" {
		at, err := time.Parse(time.RFC3339, in.ExpiresAt)
		if err != nil {
			return nil, nil, t.toolError(ctx, "create_token", glossia.FieldError("expires_at", "must be an RFC 3339 timestamp such as 2030-12-31T23:59:59Z"), "")
		}
		c.ExpiresAt = &at
	}
	created, err := t.services.Tokens.CreateToken(ctx, c)
	if err != nil {
		return nil, nil, t.toolError(ctx, "create_token", err, "")
	}
	return secretResult("Created", created), created, nil
}

func (t *tools) getToken(ctx context.Context, req *mcpsdk.CallToolRequest, in tokenIDInput) (*mcpsdk.CallToolResult, *glossia.Token, error) {
	ctx = t.actorContext(ctx, req)
	tok, err := t.services.Tokens.FindToken(ctx, in.ID)
	if err != nil {
		return nil, nil, t.toolError(ctx, "get_token", err, tokenNotFoundHint)
	}
	return nil, tok, nil
}

func (t *tools) updateToken(ctx context.Context, req *mcpsdk.CallToolRequest, in updateTokenInput) (*mcpsdk.CallToolResult, *glossia.Token, error) {
	ctx = t.actorContext(ctx, req)
	// Decode the raw arguments into the domain type, which records the
	// presence of fixed fields even when they are null, exactly as the REST
	// API does.
	var u glossia.TokenUpdate
	if raw := req.Params.Arguments; len(raw) > 0 {
		if err := json.Unmarshal(raw, &u); err != nil {
			return nil, nil, t.toolError(ctx, "update_token", glossia.Errorf(glossia.EINVALID, "the arguments are not a valid object: %v", err), "")
		}
	}
	u.Name, u.Description = in.Name, in.Description
	tok, err := t.services.Tokens.UpdateToken(ctx, in.ID, u)
	if err != nil {
		return nil, nil, t.toolError(ctx, "update_token", err, tokenNotFoundHint)
	}
	return nil, tok, nil
}

func (t *tools) revokeToken(ctx context.Context, req *mcpsdk.CallToolRequest, in tokenIDInput) (*mcpsdk.CallToolResult, *glossia.Token, error) {
	ctx = t.actorContext(ctx, req)
	tok, err := t.services.Tokens.RevokeToken(ctx, in.ID)
	if err != nil {
		return nil, nil, t.toolError(ctx, "revoke_token", err, tokenNotFoundHint)
	}
	return nil, tok, nil
}

func (t *tools) rotateToken(ctx context.Context, req *mcpsdk.CallToolRequest, in rotateTokenInput) (*mcpsdk.CallToolResult, *glossia.CreatedToken, error) {
	ctx = t.actorContext(ctx, req)
	created, err := t.services.Tokens.RotateToken(ctx, in.ID, glossia.TokenRotate{GraceSeconds: in.GraceSeconds})
	if err != nil {
		return nil, nil, t.toolError(ctx, "rotate_token", err, tokenNotFoundHint)
	}
	return secretResult("Rotated into", created), created, nil
}

// secretResult is the content of a result that carries a new secret: a note
// telling the user to store it now, then the whole result as JSON for
// clients that do not read structured content.
func secretResult(verb string, c *glossia.CreatedToken) *mcpsdk.CallToolResult {
	note := verb + " token " + quoted(c.Token.Name) + " (id " + c.Token.ID + "). " +
		"Store its secret (plain_token, " + c.PlainToken + ") now, somewhere safe such as a secret manager: it is shown only this once and cannot be retrieved again."
	body, _ := json.Marshal(c)
	return &mcpsdk.CallToolResult{Content: []mcpsdk.Content{
		&mcpsdk.TextContent{Text: note},
		&mcpsdk.TextContent{Text: string(body)},
	}}
}

func quoted(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
