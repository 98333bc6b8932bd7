package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/glossia/glossia"
)

func (t *tx) insertAccount(ctx context.Context, id, handle string, kind glossia.AccountKind, userID, name, description string,
	vis glossia.Visibility, now time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO accounts (id, handle, kind, user_id, name, description, visibility, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, handle, string(kind), nullString(userID), name, description, string(vis), micros(now), micros(now))
	return dbError(err, "the handle "+handle+" is already taken")
}

func (t *tx) insertMembership(ctx context.Context, accountID, userID string, role glossia.Role, now time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO memberships (account_id, user_id, role, created_at) VALUES (?, ?, ?, ?)`,
		accountID, userID, string(role), micros(now))
	return dbError(err, "already a member")
}

// target is an account a method acts on, with the caller's relation to it.
type target struct {
	id  string // "" when no such account exists
	rel glossia.Relation
}

// relation reads the caller's relation to the account with handle. An
// account that does not exist yields a relation that glossia.Authorize
// reports as not found. With lock, the account row is locked first (on
// PostgreSQL), so that the relation read next, and every check made after
// it, sees the changes of the transactions that held the lock before.
func (t *tx) relation(ctx context.Context, userID, handle string, lock bool) (target, error) {
	tg := target{rel: glossia.Relation{Handle: handle}}
	if glossia.ValidateHandle(handle) != "" {
		return tg, nil
	}
	if lock && t.s.dialect == dialectPostgres {
		var id string
		err := t.queryRow(ctx, `SELECT id FROM accounts WHERE handle = ? FOR UPDATE`, handle).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return tg, nil
		}
		if err != nil {
			return tg, err
		}
	}
	var kind, vis, role string
	err := t.queryRow(ctx, `SELECT a.id, a.kind, a.visibility, COALESCE(m.role, '') FROM accounts a
		LEFT JOIN memberships m ON m.account_id = a.id AND m.user_id = ? WHERE a.handle = ?`, userID, handle).
		Scan(&tg.id, &kind, &vis, &role)
	if errors.Is(err, sql.ErrNoRows) {
		return tg, nil
	}
	if err != nil {
		return tg, err
	}
	tg.rel.Kind, tg.rel.Visibility, tg.rel.Role = glossia.AccountKind(kind), glossia.Visibility(vis), glossia.Role(role)
	return tg, nil
}

// authorize reads the caller's relation to the account with handle and
// applies the policy for p. It returns the account on success.
func (t *tx) authorize(ctx context.Context, actor *glossia.Actor, p glossia.Permission, handle string, lock bool) (target, error) {
	tg, err := t.relation(ctx, actor.UserID, handle, lock)
	if err != nil {
		return tg, err
	}
	return tg, glossia.Authorize(actor, p, tg.rel)
}

// ListAccounts returns the accounts the caller belongs to, by handle. Needs
// account:read. Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID.
func (sv *service) ListAccounts(ctx context.Context, p glossia.PageRequest) (*glossia.AccountPage, error) {
	actor, p, cur, after, err := startList(ctx, glossia.ScopeAccountRead, curAccounts, p)
	if err != nil {
		return nil, err
	}
	q := `SELECT a.id, a.handle, a.kind, a.name, a.visibility, m.role, a.created_at
		FROM accounts a JOIN memberships m ON m.account_id = a.id WHERE m.user_id = ?`
	args := []any{actor.UserID}
	if after {
		q += ` AND a.handle > ?`
		args = append(args, cur.str)
	}
	q += ` ORDER BY a.handle LIMIT ?`
	args = append(args, p.Limit+1)
	var out []*glossia.Account
	err = sv.s.read(ctx, func(t *tx) error {
		out, err = scanAll(ctx, t, scanAccount, q, args...)
		return err
	})
	if err != nil {
		return nil, err
	}
	out, next := page(out, p.Limit, curAccounts, func(a *glossia.Account) cursor { return cursor{str: a.Handle} })
	return &glossia.AccountPage{Accounts: out, NextCursor: next}, nil
}

// scanAccount reads an account row of ListAccounts, with the caller's role.
func scanAccount(row scanner) (*glossia.Account, error) {
	a := new(glossia.Account)
	var kind, vis, role string
	var created int64
	if err := row.Scan(&a.ID, &a.Handle, &kind, &a.Name, &vis, &role, &created); err != nil {
		return nil, err
	}
	a.Kind, a.Visibility, a.Role, a.CreatedAt = glossia.AccountKind(kind), glossia.Visibility(vis), glossia.Role(role), fromMicros(created)
	return a, nil
}
