package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"
)

// maxAttempts bounds how many times a transaction runs when PostgreSQL
// reports a serialization failure or deadlock.
const maxAttempts = 5

// tx is one transaction of a service method. Its exec counts every
// statement in Stats.Writes; all SQL uses ? placeholders.
type tx struct {
	tx *sql.Tx
	s  *Store
}

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	t.s.stats.writes.Add(1)
	return t.tx.ExecContext(ctx, t.s.dialect.rebind(query), args...)
}

func (t *tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.s.dialect.rebind(query), args...)
}

func (t *tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.s.dialect.rebind(query), args...)
}

// rowQuerier runs single-row reads: a transaction, or the store's read pool.
type rowQuerier interface {
	queryRow(ctx context.Context, query string, args ...any) *sql.Row
}

// queryRow runs a single-row read outside any transaction, on the read
// pool, with a cached prepared statement on SQLite. The hot reads use it:
// token authentication, the session of a dashboard request, the caller.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	query = s.dialect.rebind(query)
	if st := s.rstmts.get(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.rdb.QueryRowContext(ctx, query, args...)
}

// transact runs fn in a write transaction, again when the engine reports a
// serialization failure or deadlock, after a short random pause. fn must be
// safe to run more than once.
func (s *Store) transact(ctx context.Context, fn func(*tx) error) error {
	return s.retry(ctx, s.db, nil, fn)
}

// read runs fn in a read-only transaction: a consistent snapshot that on
// SQLite does not wait for writers.
func (s *Store) read(ctx context.Context, fn func(*tx) error) error {
	return s.retry(ctx, s.rdb, &sql.TxOptions{ReadOnly: true}, fn)
}

func (s *Store) retry(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(*tx) error) error {
	for attempt := 1; ; attempt++ {
		err := s.runTx(ctx, db, opts, fn)
		if err == nil || attempt == maxAttempts || classify(err) != errRetry {
			return err
		}
		pause := time.Duration(rand.Int64N(int64(5*time.Millisecond) << attempt))
		s.log.DebugContext(ctx, "retrying transaction", "attempt", attempt, "err", err)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(pause):
		}
	}
}

func (s *Store) runTx(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(*tx) error) (err error) {
	sqlTx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			sqlTx.Rollback()
		}
	}()
	if err := fn(&tx{tx: sqlTx, s: s}); err != nil {
		return dbError(err, "")
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: commit: %w", err)
	}
	committed = true
	return nil
}
