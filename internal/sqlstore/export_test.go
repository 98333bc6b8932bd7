package sqlstore

import (
	"context"
	"database/sql"
)

// ExecForTest runs a statement with ? placeholders on the store's database,
// for tests that set up states no service offers (a disabled user, a
// public personal account, a schema from the future).
func ExecForTest(s *Store, query string, args ...any) error {
	_, err := s.db.ExecContext(context.Background(), s.dialect.rebind(query), args...)
	return err
}

// DBForTest returns the store's database handle.
func DBForTest(s *Store) *sql.DB { return s.db }
