package sqlstore

import (
	"context"

	"github.com/glossia/glossia"
)

const orgColumns = `a.id, a.handle, a.name, a.description, a.visibility, COALESCE(m.role, ''), a.created_at, a.updated_at`

func scanOrganization(row scanner) (*glossia.Organization, error) {
	o := new(glossia.Organization)
	var vis, role string
	var created, updated int64
	if err := row.Scan(&o.ID, &o.Handle, &o.Name, &o.Description, &vis, &role, &created, &updated); err != nil {
		return nil, err
	}
	o.Visibility, o.Role = glossia.Visibility(vis), glossia.Role(role)
	o.CreatedAt, o.UpdatedAt = fromMicros(created), fromMicros(updated)
	return o, nil
}

func (t *tx) organization(ctx context.Context, userID, accountID string) (*glossia.Organization, error) {
	return scanOrganization(t.queryRow(ctx, `SELECT `+orgColumns+` FROM accounts a
		LEFT JOIN memberships m ON m.account_id = a.id AND m.user_id = ? WHERE a.id = ?`, userID, accountID))
}

// ListOrganizations returns the organizations the caller belongs to, by
// handle. Needs organization:read. Errors: EUNAUTHENTICATED, EFORBIDDEN,
// EINVALID.
func (sv *service) ListOrganizations(ctx context.Context, p glossia.PageRequest) (*glossia.OrganizationPage, error) {
	actor, p, cur, after, err := startList(ctx, glossia.ScopeOrganizationRead, curOrganizations, p)
	if err != nil {
		return nil, err
	}
	q := `SELECT ` + orgColumns + ` FROM accounts a JOIN memberships m ON m.account_id = a.id
		WHERE m.user_id = ? AND a.kind = 'organization'`
	args := []any{actor.UserID}
	if after {
		q += ` AND a.handle > ?`
		args = append(args, cur.str)
	}
	q += ` ORDER BY a.handle LIMIT ?`
	args = append(args, p.Limit+1)
	var out []*glossia.Organization
	err = sv.s.read(ctx, func(t *tx) error {
		out, err = scanAll(ctx, t, scanOrganization, q, args...)
		return err
	})
	if err != nil {
		return nil, err
	}
	out, next := page(out, p.Limit, curOrganizations, func(o *glossia.Organization) cursor { return cursor{str: o.Handle} })
	return &glossia.OrganizationPage{Organizations: out, NextCursor: next}, nil
}

// FindOrganization returns one organization. Needs organization:read and
// membership. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
func (sv *service) FindOrganization(ctx context.Context, handle string) (*glossia.Organization, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeOrganizationRead)
	if err != nil {
		return nil, err
	}
	var o *glossia.Organization
	err = sv.s.read(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermReadOrganization, handle, false)
		if err != nil {
			return err
		}
		o, err = t.organization(ctx, actor.UserID, tg.id)
		return err
	})
	return o, err
}

// CreateOrganization creates an organization with the caller as its admin.
// Needs organization:write. Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID,
// ECONFLICT (handle taken).
func (sv *service) CreateOrganization(ctx context.Context, c glossia.OrganizationCreate) (*glossia.Organization, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeOrganizationWrite)
	if err != nil {
		return nil, err
	}
	if err := c.Normalize(); err != nil {
		return nil, err
	}
	now := sv.s.now()
	o := &glossia.Organization{ID: newID(), Handle: c.Handle, Name: c.Name, Description: c.Description,
		Visibility: c.Visibility, Role: glossia.RoleAdmin, CreatedAt: now, UpdatedAt: now}
	err = sv.s.transact(ctx, func(t *tx) error {
		if _, err := t.activeUser(ctx, actor.UserID, false); err != nil {
			return err
		}
		if err := t.insertAccount(ctx, o.ID, o.Handle, glossia.KindOrganization, "", o.Name, o.Description, o.Visibility, now); err != nil {
			return err
		}
		if err := t.insertMembership(ctx, o.ID, actor.UserID, glossia.RoleAdmin, now); err != nil {
			return err
		}
		return t.audit(ctx, actor, now, glossia.AuditOrganizationCreate, "organization", o.ID, "")
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// UpdateOrganization changes an organization. Needs organization:write and
// the admin role. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, EINVALID.
func (sv *service) UpdateOrganization(ctx context.Context, handle string, u glossia.OrganizationUpdate) (*glossia.Organization, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeOrganizationWrite)
	if err != nil {
		return nil, err
	}
	if err := u.Normalize(); err != nil {
		return nil, err
	}
	now := sv.s.now()
	var o *glossia.Organization
	err = sv.s.transact(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermUpdateOrganization, handle, true)
		if err != nil {
			return err
		}
		if o, err = t.organization(ctx, actor.UserID, tg.id); err != nil {
			return err
		}
		if u.Name != nil {
			o.Name = *u.Name
		}
		if u.Description != nil {
			o.Description = *u.Description
		}
		if u.Visibility != nil {
			o.Visibility = *u.Visibility
		}
		o.UpdatedAt = now
		if _, err := t.exec(ctx, `UPDATE accounts SET name = ?, description = ?, visibility = ?, updated_at = ? WHERE id = ?`,
			o.Name, o.Description, string(o.Visibility), micros(now), o.ID); err != nil {
			return err
		}
		return t.audit(ctx, actor, now, glossia.AuditOrganizationUpdate, "organization", o.ID, "")
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// DeleteOrganization deletes an organization with its projects, voice and
// memberships. Needs organization:delete and the admin role. Errors:
// EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
func (sv *service) DeleteOrganization(ctx context.Context, handle string) error {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeOrganizationDelete)
	if err != nil {
		return err
	}
	now := sv.s.now()
	return sv.s.transact(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermDeleteOrganization, handle, true)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `DELETE FROM accounts WHERE id = ?`, tg.id); err != nil {
			return err
		}
		return t.audit(ctx, actor, now, glossia.AuditOrganizationDelete, "organization", tg.id, "")
	})
}
