package glossia

import (
	"context"
	"time"
)

// SessionLifetime is how long a dashboard session lasts after sign-in.
const SessionLifetime = 14 * 24 * time.Hour

// Session is a signed-in dashboard session. Storage keeps only the SHA-256
// of its secret; the secret lives in the session cookie.
type Session struct {
	User *User
	// CSRFToken is the synchronizer token that every state-changing form of
	// the session must carry.
	CSRFToken string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// SessionService stores dashboard sessions, so that any instance can serve
// any request.
type SessionService interface {
	// CreateSession starts a session for a user and returns its secret,
	// which is always new (sign-in never reuses a session id).
	CreateSession(ctx context.Context, userID string) (secret string, s *Session, err error)
	// FindSession returns the live session with that secret. Errors:
	// EUNAUTHENTICATED (unknown, expired, or the user is disabled).
	FindSession(ctx context.Context, secret string) (*Session, error)
	// DeleteSession ends a session; ending an unknown one is not an error.
	DeleteSession(ctx context.Context, secret string) error
}
