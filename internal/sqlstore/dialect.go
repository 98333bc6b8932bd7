package sqlstore

import (
	"fmt"
	"strconv"
	"strings"
)

// dialect is the SQL engine behind a Store.
type dialect int

const (
	dialectSQLite dialect = iota
	dialectPostgres
)

func (d dialect) String() string {
	if d == dialectPostgres {
		return "postgres"
	}
	return "sqlite"
}

// rebind rewrites the ? placeholders of query for the engine: PostgreSQL
// numbers them $1, $2, … The SQL of this package never puts a question mark
// inside a string literal.
func (d dialect) rebind(query string) string {
	if d != dialectPostgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] != '?' {
			b.WriteByte(query[i])
			continue
		}
		n++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// forUpdate is the row-locking suffix of a SELECT: PostgreSQL locks the rows
// read (of the table aliased of, when given); SQLite needs none, since its
// write transactions begin IMMEDIATE and so run one at a time.
func (d dialect) forUpdate(of string) string {
	switch {
	case d != dialectPostgres:
		return ""
	case of != "":
		return " FOR UPDATE OF " + of
	}
	return " FOR UPDATE"
}

// sqliteParams are the connection settings of every SQLite connection:
// write-ahead logging, enforced foreign keys, a generous busy timeout for
// other processes (such as operator commands) and write transactions that
// take the write lock when they begin, so two of them never deadlock trying
// to upgrade a read lock.
const sqliteParams = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
	"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"

// parseURL selects the engine for a database URL and returns the driver name
// and data source name to open.
func parseURL(raw string) (dialect, string, error) {
	if strings.HasPrefix(raw, "postgres://") || strings.HasPrefix(raw, "postgresql://") {
		return dialectPostgres, raw, nil
	}
	path := raw
	switch {
	case raw == "":
		path = "glossia.db"
	case strings.HasPrefix(raw, "sqlite:"):
		path = strings.TrimPrefix(strings.TrimPrefix(raw, "sqlite:"), "//")
	case strings.HasPrefix(raw, "file:"):
		path = strings.TrimPrefix(raw, "file:")
	}
	path, query, _ := strings.Cut(path, "?")
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file::memory:") {
		return 0, "", fmt.Errorf("sqlstore: database URL %q must name a SQLite file", raw)
	}
	if query != "" {
		query += "&"
	}
	return dialectSQLite, path + "?" + query + sqliteParams, nil
}
