package client

import (
	"context"

	"github.com/glossia/glossia"
)

// ListOrganizations lists the caller's organizations
// (GET /api/organizations).
func (c *Client) ListOrganizations(ctx context.Context, p glossia.PageRequest) (*glossia.OrganizationPage, error) {
	var out glossia.OrganizationPage
	if err := c.do(ctx, "GET", "/api/organizations", pageQuery(p), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// FindOrganization returns one organization
// (GET /api/organizations/{handle}).
func (c *Client) FindOrganization(ctx context.Context, handle string) (*glossia.Organization, error) {
	return c.organization(ctx, "GET", "/api/organizations/"+seg(handle), nil)
}

// CreateOrganization creates an organization (POST /api/organizations).
func (c *Client) CreateOrganization(ctx context.Context, in glossia.OrganizationCreate) (*glossia.Organization, error) {
	return c.organization(ctx, "POST", "/api/organizations", in)
}

// UpdateOrganization changes an organization
// (PATCH /api/organizations/{handle}).
func (c *Client) UpdateOrganization(ctx context.Context, handle string, u glossia.OrganizationUpdate) (*glossia.Organization, error) {
	return c.organization(ctx, "PATCH", "/api/organizations/"+seg(handle), u)
}

// DeleteOrganization deletes an organization
// (DELETE /api/organizations/{handle}).
func (c *Client) DeleteOrganization(ctx context.Context, handle string) error {
	return c.do(ctx, "DELETE", "/api/organizations/"+seg(handle), nil, nil, nil)
}

func (c *Client) organization(ctx context.Context, method, path string, in any) (*glossia.Organization, error) {
	var out glossia.Organization
	if err := c.do(ctx, method, path, nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListMembers lists an organization's members
// (GET /api/organizations/{handle}/members).
func (c *Client) ListMembers(ctx context.Context, org string, p glossia.PageRequest) (*glossia.MemberPage, error) {
	var out glossia.MemberPage
	if err := c.do(ctx, "GET", "/api/organizations/"+seg(org)+"/members", pageQuery(p), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SetMember adds a member or changes their role
// (PUT /api/organizations/{handle}/members/{user_handle}).
func (c *Client) SetMember(ctx context.Context, org, user string, role glossia.Role) (*glossia.Member, error) {
	var out glossia.Member
	in := struct {
		Role glossia.Role `json:"role"`
	}{role}
	if err := c.do(ctx, "PUT", "/api/organizations/"+seg(org)+"/members/"+seg(user), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// RemoveMember removes a member
// (DELETE /api/organizations/{handle}/members/{user_handle}).
func (c *Client) RemoveMember(ctx context.Context, org, user string) error {
	return c.do(ctx, "DELETE", "/api/organizations/"+seg(org)+"/members/"+seg(user), nil, nil, nil)
}
