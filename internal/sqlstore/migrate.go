package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

//go:embed migrations
var migrationFiles embed.FS

// migrationLockKey is the PostgreSQL advisory lock held while migrating, so
// that instances starting together on one database migrate exactly once.
const migrationLockKey = 7_303_815_146_235_001

// migration is one embedded SQL file, numbered by the digits its name
// starts with.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations of a dialect, in order.
func migrations(d dialect) ([]migration, error) {
	dir := path.Join("migrations", d.String())
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		digits, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(digits)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: name must be NNNN_what.sql", e.Name())
		}
		body, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	return out, nil
}

// migrate applies the migrations the database lacks, each in its own
// transaction and recorded in schema_migrations. It refuses a database whose
// schema is newer than this binary knows.
func (s *Store) migrate(ctx context.Context) error {
	all, err := migrations(s.dialect)
	if err != nil {
		return fmt.Errorf("sqlstore: migrations: %w", err)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	defer conn.Close()
	if s.dialect == dialectPostgres {
		// A session lock on this one connection: the others wait here.
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockKey); err != nil {
			return fmt.Errorf("sqlstore: migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockKey)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	known := all[len(all)-1].version
	for _, m := range all {
		if err := s.apply(ctx, conn, m, known); err != nil {
			return err
		}
	}
	return nil
}

// apply runs one migration unless it is already recorded. The check runs
// inside the migration's transaction, which on SQLite holds the write lock,
// so two processes opening one file cannot both apply it.
func (s *Store) apply(ctx context.Context, conn *sql.Conn, m migration, known int) error {
	t, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	defer t.Rollback()
	var current int
	if err := t.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	if current > known {
		return fmt.Errorf("sqlstore: the database schema is at version %d, newer than version %d that this glossia binary knows; upgrade glossia", current, known)
	}
	var done bool
	q := s.dialect.rebind("SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?)")
	if err := t.QueryRowContext(ctx, q, m.version).Scan(&done); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	if done {
		return nil
	}
	if _, err := t.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("sqlstore: migration %s: %w", m.name, err)
	}
	s.stats.writes.Add(1) // the INSERT below
	q = s.dialect.rebind("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)")
	if _, err := t.ExecContext(ctx, q, m.version, micros(s.now())); err != nil {
		return fmt.Errorf("sqlstore: migration %s: %w", m.name, err)
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("sqlstore: migration %s: %w", m.name, err)
	}
	s.log.InfoContext(ctx, "applied migration", "name", m.name, "dialect", s.dialect.String())
	return nil
}

// SchemaVersion returns the latest migration applied to the database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.rdb.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: schema version: %w", err)
	}
	return v, nil
}
