package client

import (
	"context"

	"github.com/glossia/glossia"
)

// ListAllProjects lists every project the caller can read
// (GET /api/projects).
func (c *Client) ListAllProjects(ctx context.Context, p glossia.PageRequest) (*glossia.ProjectPage, error) {
	return c.projects(ctx, "/api/projects", p)
}

// ListProjects lists an account's projects
// (GET /api/accounts/{handle}/projects).
func (c *Client) ListProjects(ctx context.Context, account string, p glossia.PageRequest) (*glossia.ProjectPage, error) {
	return c.projects(ctx, "/api/accounts/"+seg(account)+"/projects", p)
}

// FindProject returns one project
// (GET /api/accounts/{handle}/projects/{project}).
func (c *Client) FindProject(ctx context.Context, account, handle string) (*glossia.Project, error) {
	return c.project(ctx, "GET", projectPath(account, handle), nil)
}

// CreateProject creates a project (POST /api/accounts/{handle}/projects).
func (c *Client) CreateProject(ctx context.Context, account string, in glossia.ProjectCreate) (*glossia.Project, error) {
	return c.project(ctx, "POST", "/api/accounts/"+seg(account)+"/projects", in)
}

// UpdateProject changes a project
// (PATCH /api/accounts/{handle}/projects/{project}).
func (c *Client) UpdateProject(ctx context.Context, account, handle string, u glossia.ProjectUpdate) (*glossia.Project, error) {
	return c.project(ctx, "PATCH", projectPath(account, handle), u)
}

// DeleteProject deletes a project
// (DELETE /api/accounts/{handle}/projects/{project}).
func (c *Client) DeleteProject(ctx context.Context, account, handle string) error {
	return c.do(ctx, "DELETE", projectPath(account, handle), nil, nil, nil)
}

func projectPath(account, handle string) string {
	return "/api/accounts/" + seg(account) + "/projects/" + seg(handle)
}

func (c *Client) projects(ctx context.Context, path string, p glossia.PageRequest) (*glossia.ProjectPage, error) {
	var out glossia.ProjectPage
	if err := c.do(ctx, "GET", path, pageQuery(p), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) project(ctx context.Context, method, path string, in any) (*glossia.Project, error) {
	var out glossia.Project
	if err := c.do(ctx, method, path, nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
