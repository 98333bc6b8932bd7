package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/glossia/glossia"
)

// permLeave lets any member of an organization remove themselves.
var permLeave = glossia.Permission{Name: "leave this organization", Scope: glossia.ScopeMembersWrite,
	MinRole: glossia.RoleMember, OrganizationOnly: true}

const memberFrom = ` FROM memberships m JOIN users u ON u.id = m.user_id JOIN accounts ua ON ua.user_id = u.id `

func scanMember(row scanner) (*glossia.Member, string, error) {
	m := new(glossia.Member)
	var userID, role string
	var created int64
	if err := row.Scan(&userID, &m.Handle, &m.Name, &role, &created); err != nil {
		return nil, "", err
	}
	m.Role, m.CreatedAt = glossia.Role(role), fromMicros(created)
	return m, userID, nil
}

// member reads the membership of the user with handle in an account.
func (t *tx) member(ctx context.Context, accountID, handle string) (*glossia.Member, string, error) {
	return scanMember(t.queryRow(ctx, `SELECT u.id, ua.handle, u.name, m.role, m.created_at`+memberFrom+
		`WHERE m.account_id = ? AND ua.handle = ?`, accountID, handle))
}

// lastAdmin reports whether the account has at most one admin. Callers
// hold the account's lock (see relation), so the answer stays true until
// they commit.
func (t *tx) lastAdmin(ctx context.Context, accountID string) (bool, error) {
	var n int
	err := t.queryRow(ctx, `SELECT COUNT(*) FROM memberships WHERE account_id = ? AND role = 'admin'`, accountID).Scan(&n)
	return n <= 1, err
}

// ListMembers returns an organization's members, by handle. Needs
// members:read and membership. Errors: EUNAUTHENTICATED, EFORBIDDEN,
// ENOTFOUND, EINVALID.
func (sv *service) ListMembers(ctx context.Context, org string, p glossia.PageRequest) (*glossia.MemberPage, error) {
	actor, p, cur, after, err := startList(ctx, glossia.ScopeMembersRead, curMembers, p)
	if err != nil {
		return nil, err
	}
	var out []*glossia.Member
	err = sv.s.read(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermReadMembers, org, false)
		if err != nil {
			return err
		}
		q := `SELECT u.id, ua.handle, u.name, m.role, m.created_at` + memberFrom + `WHERE m.account_id = ?`
		args := []any{tg.id}
		if after {
			q += ` AND ua.handle > ?`
			args = append(args, cur.str)
		}
		q += ` ORDER BY ua.handle LIMIT ?`
		out, err = scanAll(ctx, t, func(row scanner) (*glossia.Member, error) {
			m, _, err := scanMember(row)
			return m, err
		}, q, append(args, p.Limit+1)...)
		return err
	})
	if err != nil {
		return nil, err
	}
	out, next := page(out, p.Limit, curMembers, func(m *glossia.Member) cursor { return cursor{str: m.Handle} })
	return &glossia.MemberPage{Members: out, NextCursor: next}, nil
}

// SetMember adds a user to an organization or changes their role. Needs
// members:write and the admin role. Errors: EUNAUTHENTICATED, EFORBIDDEN,
// ENOTFOUND (organization or user), EINVALID (role), ECONFLICT (demoting
// the last admin).
func (sv *service) SetMember(ctx context.Context, org, user string, role glossia.Role) (*glossia.Member, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeMembersWrite)
	if err != nil {
		return nil, err
	}
	if !role.Valid() {
		return nil, glossia.FieldError("role", `must be "admin" or "member"`)
	}
	now := sv.s.now()
	var m *glossia.Member
	err = sv.s.transact(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermManageMembers, org, true)
		if err != nil {
			return err
		}
		var userID string
		m, userID, err = t.member(ctx, tg.id, user)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			u, err := sv.userByHandle(ctx, t, user)
			if err != nil {
				return err
			}
			if err := t.insertMembership(ctx, tg.id, u.ID, role, now); err != nil {
				return err
			}
			m = &glossia.Member{Handle: u.Handle, Name: u.Name, Role: role, CreatedAt: now}
			return t.audit(ctx, actor, now, glossia.AuditMemberSet, "membership", tg.id, u.ID)
		case err != nil:
			return err
		case m.Role == role:
			return nil
		case m.Role == glossia.RoleAdmin:
			last, err := t.lastAdmin(ctx, tg.id)
			if err != nil {
				return err
			}
			if last {
				return glossia.Errorf(glossia.ECONFLICT, "%s is the last admin of %s; make another member an admin first", m.Handle, org)
			}
		}
		if _, err := t.exec(ctx, `UPDATE memberships SET role = ? WHERE account_id = ? AND user_id = ?`, string(role), tg.id, userID); err != nil {
			return err
		}
		m.Role = role
		return t.audit(ctx, actor, now, glossia.AuditMemberSet, "membership", tg.id, userID)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// RemoveMember removes a member. Needs members:write and the admin role,
// except that members may remove themselves. Errors: EUNAUTHENTICATED,
// EFORBIDDEN, ENOTFOUND, ECONFLICT (the last admin).
func (sv *service) RemoveMember(ctx context.Context, org, user string) error {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeMembersWrite)
	if err != nil {
		return err
	}
	perm := glossia.PermManageMembers
	if user == actor.Handle {
		perm = permLeave
	}
	now := sv.s.now()
	return sv.s.transact(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, perm, org, true)
		if err != nil {
			return err
		}
		m, userID, err := t.member(ctx, tg.id, user)
		if errors.Is(err, sql.ErrNoRows) {
			return glossia.Errorf(glossia.ENOTFOUND, "%q is not a member of %s", user, org)
		}
		if err != nil {
			return err
		}
		if m.Role == glossia.RoleAdmin {
			last, err := t.lastAdmin(ctx, tg.id)
			if err != nil {
				return err
			}
			if last {
				return glossia.Errorf(glossia.ECONFLICT, "%s is the last admin of %s; make another member an admin first", m.Handle, org)
			}
		}
		if _, err := t.exec(ctx, `DELETE FROM memberships WHERE account_id = ? AND user_id = ?`, tg.id, userID); err != nil {
			return err
		}
		return t.audit(ctx, actor, now, glossia.AuditMemberRemove, "membership", tg.id, userID)
	})
}

// userByHandle reads an active user by handle within t.
func (sv *service) userByHandle(ctx context.Context, t *tx, handle string) (*glossia.User, error) {
	notFound := glossia.Errorf(glossia.ENOTFOUND, "user %q not found", handle)
	if glossia.ValidateHandle(handle) != "" {
		return nil, notFound
	}
	u, err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+userFrom+`WHERE a.handle = ? AND u.disabled_at IS NULL`, handle))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound
	}
	return u, err
}
