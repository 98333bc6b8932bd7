package sqlstore

import (
	"database/sql"
	"strings"
	"time"

	"github.com/google/uuid"
)

// newID returns a fresh lowercase UUIDv7.
func newID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// micros is how every timestamp is stored: unix microseconds, UTC.
func micros(t time.Time) int64 { return t.UnixMicro() }

// fromMicros turns a stored timestamp back into a UTC time.
func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

// nullMicros stores an optional time.
func nullMicros(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMicro()
}

// timePtr reads an optional stored time.
func timePtr(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMicros(v.Int64)
	return &t
}

// strPtr reads an optional stored string.
func strPtr(v sql.NullString) *string {
	if !v.Valid {
		return nil
	}
	return &v.String
}

// nullString stores an optional string, "" as NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// cleanHeader makes a client-supplied value such as a user agent safe to
// store on both engines (valid UTF-8, no NUL) and bounded in size.
func cleanHeader(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "")
	if len(s) > max {
		s = strings.ToValidUTF8(s[:max], "")
	}
	return s
}
