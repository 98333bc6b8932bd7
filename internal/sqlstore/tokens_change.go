package sqlstore

import (
	"context"
	"time"

	"github.com/glossia/glossia"
)

// UpdateToken changes a token's name or description. Needs
// api_credentials:write. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND,
// EINVALID (including any attempt to change scopes or expiry), ECONFLICT
// (the token is revoked).
func (sv *service) UpdateToken(ctx context.Context, id string, u glossia.TokenUpdate) (*glossia.Token, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeAPICredentialsWrite)
	if err != nil {
		return nil, err
	}
	if err := u.Normalize(); err != nil {
		return nil, err
	}
	if !glossia.ValidID(id) {
		return nil, tokenNotFound()
	}
	now := sv.s.now()
	var tok *glossia.Token
	err = sv.s.transact(ctx, func(t *tx) error {
		if tok, err = t.token(ctx, actor.UserID, id, now, true); err != nil {
			return err
		}
		if tok.Status == glossia.TokenRevoked {
			return glossia.Errorf(glossia.ECONFLICT, "this token is revoked and can no longer be changed")
		}
		if (u.Name == nil || *u.Name == tok.Name) && (u.Description == nil || *u.Description == tok.Description) {
			return nil
		}
		if u.Name != nil {
			tok.Name = *u.Name
		}
		if u.Description != nil {
			tok.Description = *u.Description
		}
		if _, err := t.exec(ctx, `UPDATE tokens SET name = ?, description = ?, updated_at = ? WHERE id = ?`,
			tok.Name, tok.Description, micros(now), tok.ID); err != nil {
			return err
		}
		return t.audit(ctx, actor, now, glossia.AuditTokenUpdate, "token", tok.ID, actor.UserID)
	})
	if err != nil {
		return nil, err
	}
	return tok, nil
}

// RevokeToken revokes a token at once. Revoking a revoked token returns it
// unchanged; a token still inside a rotation grace period is revoked now.
// Needs api_credentials:write. Errors: EUNAUTHENTICATED, EFORBIDDEN,
// ENOTFOUND.
func (sv *service) RevokeToken(ctx context.Context, id string) (*glossia.Token, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeAPICredentialsWrite)
	if err != nil {
		return nil, err
	}
	if !glossia.ValidID(id) {
		return nil, tokenNotFound()
	}
	now := sv.s.now()
	var tok *glossia.Token
	err = sv.s.transact(ctx, func(t *tx) error {
		if tok, err = t.token(ctx, actor.UserID, id, now, true); err != nil {
			return err
		}
		if tok.Status == glossia.TokenRevoked {
			return nil
		}
		if _, err := t.exec(ctx, `UPDATE tokens SET revoked_at = ?, updated_at = ? WHERE id = ?`, micros(now), micros(now), tok.ID); err != nil {
			return err
		}
		tok.RevokedAt, tok.Status = &now, glossia.TokenRevoked
		return t.audit(ctx, actor, now, glossia.AuditTokenRevoke, "token", tok.ID, actor.UserID)
	})
	if err != nil {
		return nil, err
	}
	return tok, nil
}

// RotateToken replaces a token by a new secret with the same name,
// description, scopes and expiry, and revokes the old token at once or
// after the grace period. The caller must be able to create such a token,
// so a token cannot obtain a broader token's secret by rotating it. The
// live-token limit applies without counting the token replaced, so a user
// at the limit may rotate and holds one token more only during a grace.
// Needs api_credentials:write. Errors: EUNAUTHENTICATED, EFORBIDDEN,
// ENOTFOUND, EINVALID (grace), ECONFLICT (revoked, expired or already
// rotated; live-token limit).
func (sv *service) RotateToken(ctx context.Context, id string, r glossia.TokenRotate) (*glossia.CreatedToken, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeAPICredentialsWrite)
	if err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if !glossia.ValidID(id) {
		return nil, tokenNotFound()
	}
	now := sv.s.now()
	secret := glossia.NewTokenSecret()
	var out *glossia.CreatedToken
	err = sv.s.transact(ctx, func(t *tx) error {
		old, err := t.token(ctx, actor.UserID, id, now, true)
		if err != nil {
			return err
		}
		if err := (glossia.TokenDraft{Scopes: old.Scopes, ExpiresAt: old.ExpiresAt}).Attenuate(actor); err != nil {
			return err
		}
		switch {
		case old.Status == glossia.TokenRevoked:
			return glossia.Errorf(glossia.ECONFLICT, "this token is revoked; create a new token instead")
		case old.Status == glossia.TokenExpired:
			return glossia.Errorf(glossia.ECONFLICT, "this token has expired; create a new token instead")
		case old.RevokedAt != nil:
			return glossia.Errorf(glossia.ECONFLICT, "this token has already been rotated")
		}
		if err := t.checkLiveLimit(ctx, actor.UserID, old.ID, now); err != nil {
			return err
		}
		tok := newToken(actor, old.Name, old.Description, old.Scopes, old.ExpiresAt, secret, now)
		tok.RotatedFromID = &old.ID
		if err := t.insertToken(ctx, actor, tok, secret); err != nil {
			return err
		}
		end := now.Add(time.Duration(r.GraceSeconds) * time.Second)
		if _, err := t.exec(ctx, `UPDATE tokens SET revoked_at = ?, updated_at = ? WHERE id = ?`, micros(end), micros(now), old.ID); err != nil {
			return err
		}
		old.RevokedAt = &end
		old.Status = old.StatusAt(now)
		out = &glossia.CreatedToken{Token: tok, PlainToken: secret, Previous: old}
		return t.audit(ctx, actor, now, glossia.AuditTokenRotate, "token", old.ID, actor.UserID)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
