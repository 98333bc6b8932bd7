package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache prepares each distinct query once per connection pool, and
// database/sql keeps it prepared on every connection that runs it. On
// SQLite this saves parsing the SQL on every call, a third of the cost of a
// simple read. PostgreSQL needs none: pgx caches prepared statements per
// connection itself, so its pools have no cache (a nil *stmtCache).
type stmtCache struct {
	db    *sql.DB
	stmts sync.Map // query → *sql.Stmt
}

// get returns the prepared statement of query, or nil when the cache is
// nil or preparing fails (the caller then runs the query unprepared, and
// sees the error there).
func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	if st, ok := c.stmts.Load(query); ok {
		return st.(*sql.Stmt)
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if prev, loaded := c.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sql.Stmt)
	}
	return st
}

// close closes every prepared statement.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.stmts.Range(func(_, st any) bool {
		st.(*sql.Stmt).Close()
		return true
	})
}
