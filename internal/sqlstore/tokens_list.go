package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"math"

	"github.com/glossia/glossia"
)

// tokenOrder is one sort of the token list. NULLs sort through sentinels:
// a token never used has last-used -1 (last when newest first), a token
// that never expires has expiry MaxInt64 (last when soonest first). The
// expressions match the indexes of the migrations.
type tokenOrder struct {
	kind cursorKind
	expr string
	desc bool
	key  func(*glossia.Token) cursor
}

var tokenOrders = map[string]tokenOrder{
	glossia.TokenSortCreated: {curTokensCreated, "created_at", true, func(t *glossia.Token) cursor {
		return cursor{num: micros(t.CreatedAt), id: t.ID}
	}},
	glossia.TokenSortLastUsed: {curTokensLastUsed, "COALESCE(last_used_at, -1)", true, func(t *glossia.Token) cursor {
		if t.LastUsedAt == nil {
			return cursor{num: -1, id: t.ID}
		}
		return cursor{num: micros(*t.LastUsedAt), id: t.ID}
	}},
	glossia.TokenSortName: {curTokensName, "name", false, func(t *glossia.Token) cursor {
		return cursor{str: t.Name, id: t.ID}
	}},
	glossia.TokenSortExpires: {curTokensExpires, "COALESCE(expires_at, 9223372036854775807)", false, func(t *glossia.Token) cursor {
		if t.ExpiresAt == nil {
			return cursor{num: math.MaxInt64, id: t.ID}
		}
		return cursor{num: micros(*t.ExpiresAt), id: t.ID}
	}},
}

// ListTokens returns a page of the caller's tokens. Needs
// api_credentials:read. Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID
// (filter or cursor).
func (sv *service) ListTokens(ctx context.Context, f glossia.TokenFilter) (*glossia.TokenPage, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeAPICredentialsRead)
	if err != nil {
		return nil, err
	}
	if f, err = f.Normalize(); err != nil {
		return nil, err
	}
	order := tokenOrders[f.Sort]
	cur, after, err := decodeCursor(order.kind, f.Cursor)
	if err != nil {
		return nil, err
	}
	now := sv.s.now()
	n := micros(now)
	q := `SELECT ` + tokenColumns + ` FROM tokens WHERE user_id = ?`
	args := []any{actor.UserID}
	switch f.Status {
	case glossia.TokenFilterDefault:
		q += ` AND (revoked_at IS NULL OR revoked_at > ?)`
		args = append(args, n)
	case glossia.TokenFilterActive:
		q += ` AND (revoked_at IS NULL OR revoked_at > ?) AND (expires_at IS NULL OR expires_at > ?)`
		args = append(args, n, n)
	case glossia.TokenFilterExpired:
		q += ` AND (revoked_at IS NULL OR revoked_at > ?) AND expires_at <= ?`
		args = append(args, n, n)
	case glossia.TokenFilterRevoked:
		q += ` AND revoked_at <= ?`
		args = append(args, n)
	}
	dir, cmp := "ASC", ">"
	if order.desc {
		dir, cmp = "DESC", "<"
	}
	var out []*glossia.Token
	err = sv.s.read(ctx, func(t *tx) error {
		q, args := q, args
		if after {
			key := any(cur.num)
			if order.kind == curTokensName {
				key = cur.str
				if cur.ref {
					err := t.queryRow(ctx, `SELECT name FROM tokens WHERE id = ? AND user_id = ?`, cur.id, actor.UserID).Scan(&cur.str)
					if errors.Is(err, sql.ErrNoRows) {
						return badCursor()
					} else if err != nil {
						return err
					}
					key = cur.str
				}
			}
			q += ` AND (` + order.expr + `, id) ` + cmp + ` (?, ?)`
			args = append(args, key, cur.id)
		}
		q += ` ORDER BY ` + order.expr + ` ` + dir + `, id ` + dir + ` LIMIT ?`
		out, err = scanAll(ctx, t, func(row scanner) (*glossia.Token, error) { return scanToken(row, now) },
			q, append(args, f.Limit+1)...)
		return err
	})
	if err != nil {
		return nil, err
	}
	out, next := page(out, f.Limit, order.kind, order.key)
	return &glossia.TokenPage{Tokens: out, NextCursor: next}, nil
}
