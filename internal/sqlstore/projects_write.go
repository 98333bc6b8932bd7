package sqlstore

import (
	"context"

	"github.com/glossia/glossia"
)

// CreateProject creates a project. Needs project:write and the admin role.
// Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, EINVALID, ECONFLICT
// (handle taken in the account).
func (sv *service) CreateProject(ctx context.Context, account string, c glossia.ProjectCreate) (*glossia.Project, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeProjectWrite)
	if err != nil {
		return nil, err
	}
	if err := c.Normalize(); err != nil {
		return nil, err
	}
	now := sv.s.now()
	p := &glossia.Project{ID: newID(), Account: account, Handle: c.Handle, Name: c.Name, Description: c.Description,
		CreatedAt: now, UpdatedAt: now}
	err = sv.s.transact(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermWriteProjects, account, true)
		if err != nil {
			return err
		}
		_, err = t.exec(ctx, `INSERT INTO projects (id, account_id, handle, name, description, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ID, tg.id, p.Handle, p.Name, p.Description, micros(now), micros(now))
		if err != nil {
			return dbError(err, "the project handle "+p.Handle+" is already taken in "+account)
		}
		return t.audit(ctx, actor, now, glossia.AuditProjectCreate, "project", p.ID, "")
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// UpdateProject changes a project. Needs project:write and the admin role.
// Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, EINVALID.
func (sv *service) UpdateProject(ctx context.Context, account, handle string, u glossia.ProjectUpdate) (*glossia.Project, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeProjectWrite)
	if err != nil {
		return nil, err
	}
	if err := u.Normalize(); err != nil {
		return nil, err
	}
	now := sv.s.now()
	var p *glossia.Project
	err = sv.s.transact(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermWriteProjects, account, true)
		if err != nil {
			return err
		}
		if p, err = t.project(ctx, tg.id, account, handle); err != nil {
			return err
		}
		if u.Name != nil {
			p.Name = *u.Name
		}
		if u.Description != nil {
			p.Description = *u.Description
		}
		p.UpdatedAt = now
		if _, err := t.exec(ctx, `UPDATE projects SET name = ?, description = ?, updated_at = ? WHERE id = ?`,
			p.Name, p.Description, micros(now), p.ID); err != nil {
			return err
		}
		return t.audit(ctx, actor, now, glossia.AuditProjectUpdate, "project", p.ID, "")
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// DeleteProject deletes a project. Needs project:delete and the admin role.
// Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
func (sv *service) DeleteProject(ctx context.Context, account, handle string) error {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeProjectDelete)
	if err != nil {
		return err
	}
	now := sv.s.now()
	return sv.s.transact(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermDeleteProjects, account, true)
		if err != nil {
			return err
		}
		p, err := t.project(ctx, tg.id, account, handle)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `DELETE FROM projects WHERE id = ?`, p.ID); err != nil {
			return err
		}
		return t.audit(ctx, actor, now, glossia.AuditProjectDelete, "project", p.ID, "")
	})
}
