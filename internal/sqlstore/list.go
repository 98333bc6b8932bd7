package sqlstore

import (
	"context"

	"github.com/glossia/glossia"
)

// startList checks that the caller holds scope, then normalizes p and
// decodes its cursor of kind: the preamble of every paged list. after is
// false on the first page.
func startList(ctx context.Context, scope glossia.Scope, kind cursorKind, p glossia.PageRequest) (*glossia.Actor, glossia.PageRequest, cursor, bool, error) {
	actor, err := glossia.RequireScope(ctx, scope)
	if err != nil {
		return nil, p, cursor{}, false, err
	}
	if p, err = p.Normalize(); err != nil {
		return nil, p, cursor{}, false, err
	}
	cur, after, err := decodeCursor(kind, p.Cursor)
	return actor, p, cur, after, err
}

// scanAll runs query in t and scans every row with scan.
func scanAll[T any](ctx context.Context, t *tx, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// page trims rows fetched with limit+1 to limit and returns the cursor of
// the last row kept when more rows follow. The rows it returns are never
// nil, so that lists encode as [] not null.
func page[T any](rows []T, limit int, kind cursorKind, key func(T) cursor) ([]T, *string) {
	if rows == nil {
		return []T{}, nil
	}
	if len(rows) <= limit {
		return rows, nil
	}
	rows = rows[:limit]
	next := encodeCursor(kind, key(rows[limit-1]))
	return rows, &next
}
