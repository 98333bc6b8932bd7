package client

import (
	"context"
	"net/url"

	"github.com/glossia/glossia"
)

// CreateToken creates a token (POST /api/tokens) and returns it with its
// secret, shown once.
func (c *Client) CreateToken(ctx context.Context, in glossia.TokenCreate) (*glossia.CreatedToken, error) {
	var out glossia.CreatedToken
	if err := c.do(ctx, "POST", "/api/tokens", nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListTokens lists the caller's tokens (GET /api/tokens).
func (c *Client) ListTokens(ctx context.Context, f glossia.TokenFilter) (*glossia.TokenPage, error) {
	q := pageQuery(f.PageRequest)
	setIf(q, "status", f.Status)
	setIf(q, "sort", f.Sort)
	var out glossia.TokenPage
	if err := c.do(ctx, "GET", "/api/tokens", q, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// FindToken returns one of the caller's tokens (GET /api/tokens/{id}).
func (c *Client) FindToken(ctx context.Context, id string) (*glossia.Token, error) {
	return c.tokenCall(ctx, "GET", "/api/tokens/"+seg(id), nil)
}

// CurrentToken returns the token the client authenticates with
// (GET /api/tokens/self).
func (c *Client) CurrentToken(ctx context.Context) (*glossia.Token, error) {
	return c.tokenCall(ctx, "GET", "/api/tokens/self", nil)
}

// UpdateToken changes a token's name or description
// (PATCH /api/tokens/{id}).
func (c *Client) UpdateToken(ctx context.Context, id string, u glossia.TokenUpdate) (*glossia.Token, error) {
	return c.tokenCall(ctx, "PATCH", "/api/tokens/"+seg(id), u)
}

// RevokeToken revokes a token (DELETE /api/tokens/{id}) and returns it.
func (c *Client) RevokeToken(ctx context.Context, id string) (*glossia.Token, error) {
	return c.tokenCall(ctx, "DELETE", "/api/tokens/"+seg(id), nil)
}

// RotateToken gives a token a new secret (POST /api/tokens/{id}/rotate).
func (c *Client) RotateToken(ctx context.Context, id string, r glossia.TokenRotate) (*glossia.CreatedToken, error) {
	var out glossia.CreatedToken
	if err := c.do(ctx, "POST", "/api/tokens/"+seg(id)+"/rotate", nil, r, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) tokenCall(ctx context.Context, method, path string, in any) (*glossia.Token, error) {
	var out glossia.Token
	if err := c.do(ctx, method, path, nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func setIf(q url.Values, key, value string) {
	if value != "" {
		q.Set(key, value)
	}
}
