package glossia

// Page sizes of every list (SPEC §6).
const (
	DefaultPageLimit = 20
	MaxPageLimit     = 100
)

// PageRequest asks for one page of a list. Cursors are opaque: a caller
// passes back the NextCursor of the previous page.
type PageRequest struct {
	Limit  int    `json:"limit,omitempty"`
	Cursor string `json:"cursor,omitempty"`
}

// Normalize returns the request with the default limit applied, or an
// EINVALID error when the limit is out of range. The cursor is checked by
// the store that issued it.
func (p PageRequest) Normalize() (PageRequest, error) {
	var v Violations
	switch {
	case p.Limit == 0:
		p.Limit = DefaultPageLimit
	case p.Limit < 1 || p.Limit > MaxPageLimit:
		v.Add("limit", "must be between 1 and 100")
	}
	if len(p.Cursor) > 512 {
		v.Add("cursor", "is not a cursor this server issued")
	}
	return p, v.Err()
}
