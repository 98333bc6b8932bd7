package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/glossia/glossia"
)

const tokenColumns = `id, name, description, prefix, scopes, created_at, expires_at, last_used_at, last_used_ip,
	last_used_user_agent, revoked_at, created_via, parent_token_id, rotated_from_id`

// scanToken reads a token row and fills its status at now. Scopes the
// catalogue no longer knows are dropped, never widened.
func scanToken(row scanner, now time.Time) (*glossia.Token, error) {
	t := new(glossia.Token)
	var scopes, via string
	var created int64
	var expires, lastUsed, revoked sql.NullInt64
	var ip, ua, parent, rotatedFrom sql.NullString
	if err := row.Scan(&t.ID, &t.Name, &t.Description, &t.Prefix, &scopes, &created, &expires, &lastUsed, &ip,
		&ua, &revoked, &via, &parent, &rotatedFrom); err != nil {
		return nil, err
	}
	t.Scopes = glossia.KnownScopes(scopes)
	t.CreatedAt = fromMicros(created)
	t.ExpiresAt, t.LastUsedAt, t.RevokedAt = timePtr(expires), timePtr(lastUsed), timePtr(revoked)
	t.LastUsedIP, t.LastUsedUserAgent = strPtr(ip), strPtr(ua)
	t.CreatedVia = glossia.Surface(via)
	t.ParentTokenID, t.RotatedFromID = strPtr(parent), strPtr(rotatedFrom)
	t.Status = t.StatusAt(now)
	return t, nil
}

func tokenNotFound() error { return glossia.Errorf(glossia.ENOTFOUND, "token not found") }

// token reads one of the user's tokens, locking it on PostgreSQL when lock
// is set. Another user's token reads as absent.
func (t *tx) token(ctx context.Context, userID, id string, now time.Time, lock bool) (*glossia.Token, error) {
	if !glossia.ValidID(id) {
		return nil, tokenNotFound()
	}
	q := `SELECT ` + tokenColumns + ` FROM tokens WHERE id = ? AND user_id = ?`
	if lock {
		q += t.s.dialect.forUpdate("")
	}
	tok, err := scanToken(t.queryRow(ctx, q, id, userID), now)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tokenNotFound()
	}
	return tok, err
}

// surface is where a token is being created from; an actor that does not
// say is taken to be the API.
func surface(a *glossia.Actor) glossia.Surface {
	if a.Via.Valid() {
		return a.Via
	}
	return glossia.SurfaceAPI
}

// insertToken stores a new token for the actor's user, with only the hash
// and display prefix of its secret.
func (t *tx) insertToken(ctx context.Context, actor *glossia.Actor, tok *glossia.Token, secret string) error {
	hash := glossia.HashTokenSecret(secret)
	_, err := t.exec(ctx, `INSERT INTO tokens (id, user_id, name, description, prefix, secret_hash, scopes, scopes_version,
		created_at, updated_at, expires_at, created_via, parent_token_id, rotated_from_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		tok.ID, actor.UserID, tok.Name, tok.Description, tok.Prefix, hash[:], glossia.JoinScopes(tok.Scopes), glossia.ScopesVersion,
		micros(tok.CreatedAt), micros(tok.CreatedAt), nullMicros(tok.ExpiresAt), string(tok.CreatedVia),
		nullStringPtr(tok.ParentTokenID), nullStringPtr(tok.RotatedFromID))
	if err != nil {
		return dbError(err, "this token has already been rotated")
	}
	return t.audit(ctx, actor, tok.CreatedAt, glossia.AuditTokenCreate, "token", tok.ID, actor.UserID)
}

func nullStringPtr(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// newToken prepares the metadata of a token the actor creates now.
func newToken(actor *glossia.Actor, name, description string, scopes []glossia.Scope, expires *time.Time, secret string, now time.Time) *glossia.Token {
	tok := &glossia.Token{
		ID: newID(), Name: name, Description: description, Prefix: glossia.DisplayPrefix(secret),
		Scopes: scopes, Status: glossia.TokenActive, CreatedAt: now, ExpiresAt: expires, CreatedVia: surface(actor),
	}
	if actor.IsToken() {
		parent := actor.TokenID
		tok.ParentTokenID = &parent
	}
	return tok
}

// checkLiveLimit refuses a new token when the user already holds the most
// live tokens the server allows, not counting the token except (the one a
// rotation replaces). It locks the user's row first, which serialises
// token creations per user on PostgreSQL (SQLite runs write transactions
// one at a time), so the count cannot be overtaken before commit.
func (t *tx) checkLiveLimit(ctx context.Context, userID, except string, now time.Time) error {
	if _, err := t.activeUser(ctx, userID, true); err != nil {
		return err
	}
	var live int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM tokens WHERE user_id = ? AND id <> ?
		AND (revoked_at IS NULL OR revoked_at > ?) AND (expires_at IS NULL OR expires_at > ?)`,
		userID, except, micros(now), micros(now)).Scan(&live); err != nil {
		return err
	}
	if max := t.s.limits.MaxLiveTokens; live >= max {
		return glossia.Errorf(glossia.ECONFLICT, "you already have %d live tokens, the most this server allows; revoke a token you no longer need, then try again", max)
	}
	return nil
}

// CreateToken creates a token for the caller and returns it with its
// secret, shown once. Needs api_credentials:write. Errors: EUNAUTHENTICATED,
// EFORBIDDEN (scope, attenuation), EINVALID, ECONFLICT (live-token limit).
func (sv *service) CreateToken(ctx context.Context, c glossia.TokenCreate) (*glossia.CreatedToken, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeAPICredentialsWrite)
	if err != nil {
		return nil, err
	}
	now := sv.s.now()
	draft, err := c.Validate(now, sv.s.limits)
	if err != nil {
		return nil, err
	}
	if err := draft.Attenuate(actor); err != nil {
		return nil, err
	}
	secret := glossia.NewTokenSecret()
	tok := newToken(actor, draft.Name, draft.Description, draft.Scopes, draft.ExpiresAt, secret, now)
	err = sv.s.transact(ctx, func(t *tx) error {
		if err := t.checkLiveLimit(ctx, actor.UserID, "", now); err != nil {
			return err
		}
		return t.insertToken(ctx, actor, tok, secret)
	})
	if err != nil {
		return nil, err
	}
	return &glossia.CreatedToken{Token: tok, PlainToken: secret}, nil
}

// FindToken returns one of the caller's tokens. Needs api_credentials:read.
// Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
func (sv *service) FindToken(ctx context.Context, id string) (*glossia.Token, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeAPICredentialsRead)
	if err != nil {
		return nil, err
	}
	if !glossia.ValidID(id) {
		return nil, tokenNotFound()
	}
	now := sv.s.now()
	var tok *glossia.Token
	err = sv.s.read(ctx, func(t *tx) error {
		tok, err = t.token(ctx, actor.UserID, id, now, false)
		return err
	})
	return tok, err
}

// CurrentToken returns the token the caller authenticated with; any valid
// token may ask. Errors: EUNAUTHENTICATED, ENOTFOUND (a session has no
// token).
func (sv *service) CurrentToken(ctx context.Context) (*glossia.Token, error) {
	actor, err := glossia.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if !actor.IsToken() {
		return nil, glossia.Errorf(glossia.ENOTFOUND, "this request was not made with a token")
	}
	now := sv.s.now()
	var tok *glossia.Token
	err = sv.s.read(ctx, func(t *tx) error {
		tok, err = t.token(ctx, actor.UserID, actor.TokenID, now, false)
		return err
	})
	return tok, err
}
