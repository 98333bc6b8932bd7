package sqlstore

import (
	"errors"
	"fmt"

	"github.com/glossia/glossia"
	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// errClass is what a driver error means to the service layer.
type errClass int

const (
	errOther  errClass = iota
	errUnique          // a unique or primary key violation
	errRetry           // a serialization failure, deadlock or busy database: run the transaction again
)

// classify sorts a driver error by its code, never by its message. It is
// the only place that knows the codes of both drivers.
func classify(err error) errClass {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505": // unique_violation
			return errUnique
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return errRetry
		}
		return errOther
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		switch code := lite.Code(); {
		case code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return errUnique
		case code&0xff == sqlite3.SQLITE_BUSY:
			return errRetry
		}
	}
	return errOther
}

// dbError normalises a driver error. A unique violation becomes an
// ECONFLICT error with the message conflict when the caller gave one, since
// only the caller knows which uniqueness rule its statement can break.
// Errors of the domain pass through; any other error is internal and keeps
// its driver error in the chain, for the log and for retries.
func dbError(err error, conflict string) error {
	if err == nil {
		return nil
	}
	if glossia.AsError(err) != nil {
		return err
	}
	if conflict != "" && classify(err) == errUnique {
		return glossia.Errorf(glossia.ECONFLICT, "%s", conflict)
	}
	return fmt.Errorf("sqlstore: %w", err)
}
