package glossia

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// TokenStatus is a token's state at a moment.
type TokenStatus string

// The token statuses.
const (
	TokenActive  TokenStatus = "active"
	TokenExpired TokenStatus = "expired"
	TokenRevoked TokenStatus = "revoked"
)

// Token is an account token's metadata. The secret is never part of it:
// storage keeps only its SHA-256 and display prefix.
type Token struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// Prefix is the first 12 characters of the secret, e.g. "glsa_1a2b3c4".
	Prefix string  `json:"token_prefix"`
	Scopes []Scope `json:"scopes"`
	// Status is computed when the token is read; see StatusAt.
	Status     TokenStatus `json:"status"`
	CreatedAt  time.Time   `json:"created_at"`
	ExpiresAt  *time.Time  `json:"expires_at"`
	LastUsedAt *time.Time  `json:"last_used_at"`
	LastUsedIP *string     `json:"last_used_ip"`
	// LastUsedUserAgent is the User-Agent of the last recorded use.
	LastUsedUserAgent *string `json:"last_used_user_agent"`
	// RevokedAt is when the token stops working. After a rotation with a
	// grace period it is in the future while the token still works.
	RevokedAt  *time.Time `json:"revoked_at"`
	CreatedVia Surface    `json:"created_via"`
	// ParentTokenID is the token that created this one through the API or
	// MCP, if any.
	ParentTokenID *string `json:"parent_token_id"`
	// RotatedFromID is the token this one replaced by rotation, if any.
	RotatedFromID *string `json:"rotated_from_id"`
}

// StatusAt returns the token's status at now.
func (t *Token) StatusAt(now time.Time) TokenStatus {
	switch {
	case t.RevokedAt != nil && !t.RevokedAt.After(now):
		return TokenRevoked
	case t.ExpiresAt != nil && !t.ExpiresAt.After(now):
		return TokenExpired
	}
	return TokenActive
}

// CreatedToken is a token together with its secret, returned once by
// CreateToken and RotateToken.
type CreatedToken struct {
	Token *Token `json:"token"`
	// PlainToken is the secret. It is never stored and never shown again.
	PlainToken string `json:"plain_token"`
	// Previous is the rotated token, with the time it stops working; only
	// set by RotateToken.
	Previous *Token `json:"previous_token,omitempty"`
}

// String keeps the secret out of anything that formats the value.
func (c CreatedToken) String() string {
	if c.Token == nil {
		return "CreatedToken{}"
	}
	return "CreatedToken{" + c.Token.ID + " " + c.Token.Prefix + "…}"
}

// LogValue keeps the secret out of structured logs.
func (c CreatedToken) LogValue() slog.Value { return slog.StringValue(c.String()) }

// TokenPage is one page of tokens.
type TokenPage struct {
	Tokens     []*Token `json:"tokens"`
	NextCursor *string  `json:"next_cursor"`
}

// TokenLimits are the operator's limits on token creation.
type TokenLimits struct {
	// MaxLifetime is the longest a token may live; zero means no maximum,
	// and tokens may also never expire.
	MaxLifetime time.Duration
	// MaxLiveTokens is the most tokens a user may hold that are neither
	// revoked nor expired.
	MaxLiveTokens int
}

// DefaultMaxLiveTokens is the per-user limit on live tokens unless
// configured otherwise.
const DefaultMaxLiveTokens = 100

// MaxRotationGrace is the longest a rotated token may keep working.
const MaxRotationGrace = 7 * 24 * time.Hour

// TokenCreate is the input of CreateToken. Scopes may be given as a list or
// as one space-separated string (the OAuth form), not both. Neither expiry
// field means the token never expires.
type TokenCreate struct {
	Name          string     `json:"name"`
	Description   string     `json:"description,omitempty"`
	Scopes        []Scope    `json:"scopes,omitempty"`
	Scope         string     `json:"scope,omitempty"`
	ExpiresAt     *time.Time `json:"expires_at,omitempty"`
	ExpiresInDays *int       `json:"expires_in_days,omitempty"`
}

// TokenDraft is a validated TokenCreate: what will be stored.
type TokenDraft struct {
	Name        string
	Description string
	Scopes      []Scope
	ExpiresAt   *time.Time
}

// Validate checks every rule of token creation except attenuation and the
// live-token limit, and returns the draft to store. All problems are
// reported at once in one EINVALID error.
func (c TokenCreate) Validate(now time.Time, limits TokenLimits) (TokenDraft, error) {
	var v Violations
	d := TokenDraft{Name: validName(&v, "name", c.Name), Description: validDescription(&v, "description", c.Description)}

	names := make([]string, 0, len(c.Scopes))
	for _, s := range c.Scopes {
		names = append(names, string(s))
	}
	switch {
	case len(c.Scopes) > 0 && c.Scope != "":
		v.Add("scopes", `give either "scopes" or "scope", not both`)
	default:
		if c.Scope != "" {
			names = strings.Fields(c.Scope)
		}
		scopes, err := ParseScopes(names)
		if e := AsError(err); e != nil {
			for _, msg := range e.Fields["scopes"] {
				v.Add("scopes", msg)
			}
		}
		d.Scopes = scopes
	}

	switch {
	case c.ExpiresAt != nil && c.ExpiresInDays != nil:
		v.Add("expires_at", `give either "expires_at" or "expires_in_days", not both`)
	case c.ExpiresInDays != nil:
		days := *c.ExpiresInDays
		if days < 1 || days > 36500 {
			v.Add("expires_in_days", "must be a whole number of days from 1 to 36500")
			break
		}
		at := now.Add(time.Duration(days) * 24 * time.Hour).UTC().Truncate(time.Second)
		d.ExpiresAt = &at
		if limits.MaxLifetime > 0 && at.Sub(now) > limits.MaxLifetime {
			v.Add("expires_in_days", "must be at most "+formatDays(limits.MaxLifetime)+", the longest lifetime this server allows")
		}
	case c.ExpiresAt != nil:
		at := c.ExpiresAt.UTC().Truncate(time.Second)
		d.ExpiresAt = &at
		switch {
		case !at.After(now):
			v.Add("expires_at", "must be in the future")
		case limits.MaxLifetime > 0 && at.Sub(now) > limits.MaxLifetime:
			v.Add("expires_at", "must be within "+formatDays(limits.MaxLifetime)+" from now, the longest lifetime this server allows")
		case at.Year() > 9999:
			v.Add("expires_at", "must be a date before the year 10000")
		}
	case limits.MaxLifetime > 0:
		v.Add("expires_at", "is required: this server does not allow tokens that never expire (at most "+formatDays(limits.MaxLifetime)+")")
	}
	return d, v.Err()
}

// Attenuate checks that parent, the token creating d (or rotating into
// it), may grant it: only scopes the parent holds, and no later expiry than
// the parent's. A session parent may grant anything. It returns EFORBIDDEN.
func (d TokenDraft) Attenuate(parent *Actor) error {
	if !parent.IsToken() {
		return nil
	}
	for _, s := range d.Scopes {
		if !HasScope(parent.Scopes, s) {
			return Errorf(EFORBIDDEN, "a token can only grant scopes it holds itself, and this token lacks %s", s)
		}
	}
	if pe := parent.TokenExpiresAt; pe != nil {
		if d.ExpiresAt == nil {
			return Errorf(EFORBIDDEN, "a token cannot create a token that outlives it: this token expires at %s, so give an expiry no later than that", pe.UTC().Format(time.RFC3339))
		}
		if d.ExpiresAt.After(*pe) {
			return Errorf(EFORBIDDEN, "a token cannot create a token that outlives it: this token expires at %s", pe.UTC().Format(time.RFC3339))
		}
	}
	return nil
}

// Present records that a JSON field was present, whatever its value. It
// lets TokenUpdate refuse fixed fields even when they are sent as null.
type Present bool

// UnmarshalJSON records presence.
func (p *Present) UnmarshalJSON([]byte) error { *p = true; return nil }

// TokenUpdate changes a token's name or description; nil fields are left
// alone. Scopes and expiry are fixed at creation: the fields that name them
// exist only so an attempt to change them is refused with a message.
type TokenUpdate struct {
	Name          *string `json:"name,omitempty"`
	Description   *string `json:"description,omitempty"`
	Scopes        Present `json:"scopes,omitempty"`
	Scope         Present `json:"scope,omitempty"`
	ExpiresAt     Present `json:"expires_at,omitempty"`
	ExpiresInDays Present `json:"expires_in_days,omitempty"`
}

// Normalize trims and validates the update, refusing fixed fields.
func (u *TokenUpdate) Normalize() error {
	var v Violations
	u.Name = validOptional(&v, "name", u.Name, validName)
	u.Description = validOptional(&v, "description", u.Description, validDescription)
	const scopesFixed = "cannot be changed: scopes are fixed when a token is created; create a new token with the scopes you need, then revoke this one"
	const expiryFixed = "cannot be changed: the expiration is fixed when a token is created; create a new token with the expiration you need, then revoke this one"
	if u.Scopes {
		v.Add("scopes", scopesFixed)
	}
	if u.Scope {
		v.Add("scope", scopesFixed)
	}
	if u.ExpiresAt {
		v.Add("expires_at", expiryFixed)
	}
	if u.ExpiresInDays {
		v.Add("expires_in_days", expiryFixed)
	}
	return v.Err()
}

// TokenRotate is the input of RotateToken.
type TokenRotate struct {
	// GraceSeconds keeps the old secret working for this long (at most 7
	// days); zero revokes it at once.
	GraceSeconds int `json:"grace_seconds,omitempty"`
}

// Validate checks the grace period.
func (r TokenRotate) Validate() error {
	if r.GraceSeconds < 0 || time.Duration(r.GraceSeconds)*time.Second > MaxRotationGrace {
		return FieldError("grace_seconds", "must be between 0 and 604800 (7 days)")
	}
	return nil
}

// Token list filters and sort orders.
const (
	TokenFilterDefault = ""        // active and expired
	TokenFilterActive  = "active"  // neither revoked nor expired
	TokenFilterExpired = "expired" // expired, not revoked
	TokenFilterRevoked = "revoked" // revoked
	TokenFilterAll     = "all"     // every token

	TokenSortCreated  = "created_at"   // newest first (the default)
	TokenSortLastUsed = "last_used_at" // most recently used first, never used last
	TokenSortName     = "name"         // A to Z
	TokenSortExpires  = "expires_at"   // soonest first, never-expiring last
)

// TokenFilter selects and orders the caller's tokens.
type TokenFilter struct {
	Status string `json:"status,omitempty"`
	Sort   string `json:"sort,omitempty"`
	PageRequest
}

// Normalize applies defaults and validates.
func (f TokenFilter) Normalize() (TokenFilter, error) {
	var v Violations
	switch f.Status {
	case TokenFilterDefault, TokenFilterActive, TokenFilterExpired, TokenFilterRevoked, TokenFilterAll:
	default:
		v.Add("status", `must be "active", "expired", "revoked" or "all"`)
	}
	switch f.Sort {
	case "":
		f.Sort = TokenSortCreated
	case TokenSortCreated, TokenSortLastUsed, TokenSortName, TokenSortExpires:
	default:
		v.Add("sort", `must be "created_at", "last_used_at", "name" or "expires_at"`)
	}
	page, err := f.PageRequest.Normalize()
	if e := AsError(err); e != nil {
		for field, msgs := range e.Fields {
			for _, msg := range msgs {
				v.Add(field, msg)
			}
		}
	}
	f.PageRequest = page
	return f, v.Err()
}

// TokenService manages the caller's account tokens. Every method acts on
// the caller's own tokens only: another user's token is ENOTFOUND.
type TokenService interface {
	// CreateToken creates a token and returns it with its secret, shown
	// once. Needs api_credentials:write. A token may grant only scopes it
	// holds and no later expiry than its own. Errors: EUNAUTHENTICATED,
	// EFORBIDDEN (scope, attenuation), EINVALID, ECONFLICT (live-token
	// limit reached).
	CreateToken(ctx context.Context, c TokenCreate) (*CreatedToken, error)
	// ListTokens returns the caller's tokens. Needs api_credentials:read.
	// Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID (filter or cursor).
	ListTokens(ctx context.Context, f TokenFilter) (*TokenPage, error)
	// FindToken returns one of the caller's tokens. Needs
	// api_credentials:read. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
	FindToken(ctx context.Context, id string) (*Token, error)
	// CurrentToken returns the token the caller authenticated with; any
	// valid token may ask. Errors: EUNAUTHENTICATED, ENOTFOUND (a session
	// has no token).
	CurrentToken(ctx context.Context) (*Token, error)
	// UpdateToken changes a token's name or description. Needs
	// api_credentials:write. Errors: EUNAUTHENTICATED, EFORBIDDEN,
	// ENOTFOUND, EINVALID (including any attempt to change scopes or
	// expiry), ECONFLICT (the token is revoked).
	UpdateToken(ctx context.Context, id string, u TokenUpdate) (*Token, error)
	// RevokeToken revokes a token at once, on every instance. Revoking a
	// revoked token returns it unchanged. Needs api_credentials:write.
	// Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
	RevokeToken(ctx context.Context, id string) (*Token, error)
	// RotateToken creates a new secret with the same name, description,
	// scopes and expiry, and revokes the old token at once or after the
	// grace period. A token may rotate only tokens it could have created.
	// Needs api_credentials:write. Errors: EUNAUTHENTICATED, EFORBIDDEN,
	// ENOTFOUND, EINVALID (grace), ECONFLICT (revoked, expired or already
	// rotated).
	RotateToken(ctx context.Context, id string, r TokenRotate) (*CreatedToken, error)
}

// TokenAuthenticator verifies presented secrets: the hot path of every
// token-authenticated request.
type TokenAuthenticator interface {
	// AuthenticateToken checks a secret (format and checksum first, without
	// storage; then one indexed read) and returns the actor it stands for,
	// with origin attached. It records the use for the coalesced last-used
	// update, never writing on the request path. Errors: EUNAUTHENTICATED
	// with a message saying why (malformed, unknown, revoked, expired at a
	// given time, owner disabled).
	AuthenticateToken(ctx context.Context, secret string, origin Origin) (*Actor, error)
}

func formatDays(d time.Duration) string {
	days := int(d / (24 * time.Hour))
	if days == 1 {
		return "1 day"
	}
	return strconv.Itoa(days) + " days"
}

// ValidID reports whether id has the form of the UUIDs this system issues
// (lowercase, hyphenated). Services answer ENOTFOUND for any other id
// without reading storage.
func ValidID(id string) bool {
	if len(id) != 36 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
				return false
			}
		}
	}
	return true
}
