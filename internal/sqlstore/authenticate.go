package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/glossia/glossia"
)

// authQuery is the one indexed read of authentication: the token by the
// hash of its secret, joined to its owner and the owner's handle.
const authQuery = `SELECT t.id, t.user_id, a.handle, t.scopes, t.expires_at, t.revoked_at, t.last_used_at, u.disabled_at
	FROM tokens t JOIN users u ON u.id = t.user_id JOIN accounts a ON a.user_id = t.user_id
	WHERE t.secret_hash = ?`

// AuthenticateToken checks a presented secret and returns the actor it
// stands for, with origin attached. A malformed secret or bad checksum is
// refused without touching storage. The use is recorded for the coalesced
// last-used update; nothing is written here. Errors: EUNAUTHENTICATED
// saying why (malformed, unknown, revoked, expired at a given time, owner
// disabled).
func (sv *service) AuthenticateToken(ctx context.Context, secret string, origin glossia.Origin) (*glossia.Actor, error) {
	if err := glossia.CheckTokenSecret(secret); err != nil {
		return nil, err
	}
	s := sv.s
	hash := glossia.HashTokenSecret(secret)
	now := s.now()
	s.stats.tokenLookups.Add(1)
	a := &glossia.Actor{Origin: origin}
	var scopes string
	var expires, revoked, lastUsed, disabled sql.NullInt64
	err := s.queryRow(ctx, authQuery, hash[:]).Scan(&a.TokenID, &a.UserID, &a.Handle, &scopes,
		&expires, &revoked, &lastUsed, &disabled)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, glossia.Errorf(glossia.EUNAUTHENTICATED, "unknown token: it does not exist or was deleted")
	case err != nil:
		return nil, dbError(err, "")
	case revoked.Valid && revoked.Int64 <= micros(now):
		return nil, glossia.Errorf(glossia.EUNAUTHENTICATED, "token revoked at %s", fromMicros(revoked.Int64).Format(time.RFC3339))
	case expires.Valid && expires.Int64 <= micros(now):
		return nil, glossia.Errorf(glossia.EUNAUTHENTICATED, "token expired at %s", fromMicros(expires.Int64).Format(time.RFC3339))
	case disabled.Valid:
		return nil, glossia.Errorf(glossia.EUNAUTHENTICATED, "the owner of this token is disabled")
	}
	a.Scopes = glossia.KnownScopes(scopes)
	a.TokenExpiresAt = timePtr(expires)
	if !lastUsed.Valid || now.Sub(fromMicros(lastUsed.Int64)) >= s.interval {
		s.lastUsed.record(a.TokenID, micros(now), origin)
	}
	return a, nil
}
