package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/glossia/glossia"
)

// userColumns are read by scanUser; the query joins the personal account
// as a.
const userColumns = `u.id, a.handle, u.email, u.name, u.created_at, u.updated_at`

const userFrom = ` FROM users u JOIN accounts a ON a.user_id = u.id `

type scanner interface{ Scan(dest ...any) error }

func scanUser(row scanner) (*glossia.User, error) {
	u := new(glossia.User)
	var created, updated int64
	if err := row.Scan(&u.ID, &u.Handle, &u.Email, &u.Name, &created, &updated); err != nil {
		return nil, err
	}
	u.CreatedAt, u.UpdatedAt = fromMicros(created), fromMicros(updated)
	return u, nil
}

// activeUser reads an active (not disabled) user by id, or returns
// EUNAUTHENTICATED: an actor whose user is gone or disabled is nobody.
func (t *tx) activeUser(ctx context.Context, id string, lock bool) (*glossia.User, error) {
	q := activeUserQuery
	if lock {
		q += t.s.dialect.forUpdate("u")
	}
	return activeUser(ctx, t, q, id)
}

const activeUserQuery = `SELECT ` + userColumns + userFrom + ` WHERE u.id = ? AND u.disabled_at IS NULL`

func activeUser(ctx context.Context, q rowQuerier, query, id string) (*glossia.User, error) {
	u, err := scanUser(q.queryRow(ctx, query, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, glossia.Errorf(glossia.EUNAUTHENTICATED, "your user account no longer exists or is disabled")
	}
	return u, err
}

// CurrentUser returns the caller. Needs user:read. Errors:
// EUNAUTHENTICATED, EFORBIDDEN.
func (sv *service) CurrentUser(ctx context.Context) (*glossia.User, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeUserRead)
	if err != nil {
		return nil, err
	}
	u, err := activeUser(ctx, sv.s, activeUserQuery, actor.UserID)
	return u, dbError(err, "")
}

// UpdateCurrentUser changes the caller's profile (and the name of their
// personal account). Needs user:write. Errors: EUNAUTHENTICATED,
// EFORBIDDEN, EINVALID.
func (sv *service) UpdateCurrentUser(ctx context.Context, upd glossia.UserUpdate) (*glossia.User, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeUserWrite)
	if err != nil {
		return nil, err
	}
	if err := upd.Normalize(); err != nil {
		return nil, err
	}
	now := sv.s.now()
	var u *glossia.User
	err = sv.s.transact(ctx, func(t *tx) error {
		if u, err = t.activeUser(ctx, actor.UserID, true); err != nil {
			return err
		}
		if upd.Name == nil || *upd.Name == u.Name {
			return nil
		}
		if _, err := t.exec(ctx, `UPDATE users SET name = ?, updated_at = ? WHERE id = ?`, *upd.Name, micros(now), u.ID); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE accounts SET name = ?, updated_at = ? WHERE user_id = ?`, *upd.Name, micros(now), u.ID); err != nil {
			return err
		}
		u.Name, u.UpdatedAt = *upd.Name, now
		return t.audit(ctx, actor, now, glossia.AuditUserUpdate, "user", u.ID, u.ID)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
