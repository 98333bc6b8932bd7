package client

import (
	"context"

	"github.com/glossia/glossia"
)

// CurrentUser returns the user the token acts as (GET /api/user).
func (c *Client) CurrentUser(ctx context.Context) (*glossia.User, error) {
	var out glossia.User
	if err := c.do(ctx, "GET", "/api/user", nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateCurrentUser changes the caller's profile (PATCH /api/user).
func (c *Client) UpdateCurrentUser(ctx context.Context, u glossia.UserUpdate) (*glossia.User, error) {
	var out glossia.User
	if err := c.do(ctx, "PATCH", "/api/user", nil, u, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListAccounts lists the accounts the caller belongs to (GET /api/accounts).
func (c *Client) ListAccounts(ctx context.Context, p glossia.PageRequest) (*glossia.AccountPage, error) {
	var out glossia.AccountPage
	if err := c.do(ctx, "GET", "/api/accounts", pageQuery(p), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
