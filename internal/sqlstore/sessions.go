package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"

	"github.com/glossia/glossia"
)

// sessionSecretLen is the length of a session secret: 32 random bytes in
// lowercase hex.
const sessionSecretLen = 64

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never returns an error; it aborts the program on failure
	return hex.EncodeToString(b)
}

// sessionHash is what storage keeps of a session secret.
func sessionHash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

func validSessionSecret(s string) bool {
	if len(s) != sessionSecretLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// CreateSession starts a session for an active user and returns its new
// secret, of which storage keeps only the SHA-256. The user's expired
// sessions are deleted on the way. Errors: ENOTFOUND (no such active user).
func (sv *service) CreateSession(ctx context.Context, userID string) (string, *glossia.Session, error) {
	if !glossia.ValidID(userID) {
		return "", nil, glossia.Errorf(glossia.ENOTFOUND, "user not found")
	}
	now := sv.s.now()
	secret := randomHex(sessionSecretLen / 2)
	sess := &glossia.Session{CSRFToken: randomHex(32), CreatedAt: now, ExpiresAt: now.Add(glossia.SessionLifetime)}
	err := sv.s.transact(ctx, func(t *tx) error {
		u, err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+userFrom+`WHERE u.id = ? AND u.disabled_at IS NULL`, userID))
		if errors.Is(err, sql.ErrNoRows) {
			return glossia.Errorf(glossia.ENOTFOUND, "user not found")
		}
		if err != nil {
			return err
		}
		sess.User = u
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?`, userID, micros(now)); err != nil {
			return err
		}
		_, err = t.exec(ctx, `INSERT INTO sessions (secret_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			sessionHash(secret), userID, sess.CSRFToken, micros(now), micros(sess.ExpiresAt))
		return err
	})
	if err != nil {
		return "", nil, err
	}
	return secret, sess, nil
}

// FindSession returns the live session with that secret, with its user.
// Errors: EUNAUTHENTICATED (unknown, expired, or the user is disabled).
func (sv *service) FindSession(ctx context.Context, secret string) (*glossia.Session, error) {
	denied := glossia.Errorf(glossia.EUNAUTHENTICATED, "your session has ended; sign in again")
	if !validSessionSecret(secret) {
		return nil, denied
	}
	now := sv.s.now()
	sess := &glossia.Session{User: new(glossia.User)}
	u := sess.User
	var created, updated, sCreated, sExpires int64
	err := sv.s.queryRow(ctx, `SELECT `+userColumns+`, s.csrf_token, s.created_at, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id JOIN accounts a ON a.user_id = u.id
		WHERE s.secret_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`, sessionHash(secret), micros(now)).
		Scan(&u.ID, &u.Handle, &u.Email, &u.Name, &created, &updated, &sess.CSRFToken, &sCreated, &sExpires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, denied
	}
	if err != nil {
		return nil, dbError(err, "")
	}
	u.CreatedAt, u.UpdatedAt = fromMicros(created), fromMicros(updated)
	sess.CreatedAt, sess.ExpiresAt = fromMicros(sCreated), fromMicros(sExpires)
	return sess, nil
}

// DeleteSession ends a session; ending an unknown one is not an error.
func (sv *service) DeleteSession(ctx context.Context, secret string) error {
	if !validSessionSecret(secret) {
		return nil
	}
	return sv.s.transact(ctx, func(t *tx) error {
		_, err := t.exec(ctx, `DELETE FROM sessions WHERE secret_hash = ?`, sessionHash(secret))
		return err
	})
}
