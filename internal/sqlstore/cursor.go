package sqlstore

import (
	"encoding/base64"
	"encoding/binary"

	"github.com/glossia/glossia"
	"github.com/google/uuid"
)

// cursorKind names the list and order a cursor belongs to, so that a cursor
// of one list is refused by another.
type cursorKind byte

const (
	curTokensCreated cursorKind = iota + 1
	curTokensLastUsed
	curTokensName
	curTokensExpires
	curAccounts
	curOrganizations
	curMembers
	curAllProjects
	curProjects
	curVoices
	curAudit
)

const (
	cursorVersion = 1
	flagID        = 1 << 0 // an id follows the header
	flagRef       = 1 << 1 // the string key is not carried: read it from the row with the id
)

// cursor is a keyset position: the sort key of the last row a page showed
// (num or str) and its id as a tie-breaker.
type cursor struct {
	num int64
	str string
	id  string
	ref bool
}

// maxCursorString keeps cursors under the 512 characters PageRequest
// accepts; a longer key travels by reference (see flagRef).
const maxCursorString = 200

// encodeCursor returns the opaque, URL-safe form of c.
func encodeCursor(kind cursorKind, c cursor) string {
	flags := byte(0)
	if c.id != "" {
		flags |= flagID
	}
	if len(c.str) > maxCursorString && c.id != "" {
		flags |= flagRef
		c.str = ""
	}
	buf := []byte{cursorVersion, byte(kind), flags}
	if c.id != "" {
		u := uuid.MustParse(c.id)
		buf = append(buf, u[:]...)
	}
	buf = binary.AppendVarint(buf, c.num)
	buf = append(buf, c.str...)
	return base64.RawURLEncoding.EncodeToString(buf)
}

// decodeCursor parses a cursor of kind; ok is false for an empty one. A
// cursor this server did not issue for this list is EINVALID on "cursor".
func decodeCursor(kind cursorKind, s string) (c cursor, ok bool, err error) {
	if s == "" {
		return cursor{}, false, nil
	}
	bad := glossia.FieldError("cursor", "is not a cursor this server issued for this list")
	buf, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(buf) < 3 || buf[0] != cursorVersion || buf[1] != byte(kind) || buf[2]&^(flagID|flagRef) != 0 {
		return cursor{}, false, bad
	}
	flags, buf := buf[2], buf[3:]
	if flags&flagID != 0 {
		if len(buf) < 16 {
			return cursor{}, false, bad
		}
		u, _ := uuid.FromBytes(buf[:16])
		c.id, buf = u.String(), buf[16:]
	}
	var n int
	if c.num, n = binary.Varint(buf); n <= 0 {
		return cursor{}, false, bad
	}
	c.str = string(buf[n:])
	c.ref = flags&flagRef != 0
	if c.ref && c.id == "" {
		return cursor{}, false, bad
	}
	return c, true, nil
}

// badCursor is the error for a well-formed cursor whose row is gone.
func badCursor() error {
	return glossia.FieldError("cursor", "is not a cursor this server issued for this list")
}
