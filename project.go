package glossia

import (
	"context"
	"strings"
	"time"
)

// Project belongs to an account; its handle is unique within the account.
type Project struct {
	ID          string    `json:"id"`
	Account     string    `json:"account"`
	Handle      string    `json:"handle"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// ProjectPage is one page of projects.
type ProjectPage struct {
	Projects   []*Project `json:"projects"`
	NextCursor *string    `json:"next_cursor"`
}

// ProjectCreate is the input of CreateProject.
type ProjectCreate struct {
	Handle      string `json:"handle"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// Normalize trims and validates.
func (c *ProjectCreate) Normalize() error {
	var v Violations
	c.Handle = strings.TrimSpace(c.Handle)
	if msg := ValidateProjectHandle(c.Handle); msg != "" {
		v.Add("handle", msg)
	}
	c.Name = validName(&v, "name", c.Name)
	c.Description = validDescription(&v, "description", c.Description)
	return v.Err()
}

// ProjectUpdate changes a project. Nil fields are left alone.
type ProjectUpdate struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
}

// Normalize trims and validates.
func (u *ProjectUpdate) Normalize() error {
	var v Violations
	u.Name = validOptional(&v, "name", u.Name, validName)
	u.Description = validOptional(&v, "description", u.Description, validDescription)
	return v.Err()
}

// ProjectService manages projects. Policy: members read (anyone when the
// account is public), admins create, update and delete (SPEC §5).
type ProjectService interface {
	// ListAllProjects returns the projects of every account the caller
	// belongs to, by account then handle. Needs project:read. Errors:
	// EUNAUTHENTICATED, EFORBIDDEN, EINVALID.
	ListAllProjects(ctx context.Context, page PageRequest) (*ProjectPage, error)
	// ListProjects returns an account's projects, by handle. Needs
	// project:read. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, EINVALID.
	ListProjects(ctx context.Context, account string, page PageRequest) (*ProjectPage, error)
	// FindProject returns one project. Needs project:read. Errors:
	// EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
	FindProject(ctx context.Context, account, handle string) (*Project, error)
	// CreateProject creates a project. Needs project:write and the admin
	// role. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, EINVALID,
	// ECONFLICT (handle taken in the account).
	CreateProject(ctx context.Context, account string, c ProjectCreate) (*Project, error)
	// UpdateProject changes a project. Needs project:write and the admin
	// role. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, EINVALID.
	UpdateProject(ctx context.Context, account, handle string, u ProjectUpdate) (*Project, error)
	// DeleteProject deletes a project. Needs project:delete and the admin
	// role. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
	DeleteProject(ctx context.Context, account, handle string) error
}
