package glossia

import (
	"context"
	"net/mail"
	"strings"
	"time"
)

// User is a person who signs in. Every user has a personal account whose
// handle is the user's handle, and is its admin.
type User struct {
	ID        string    `json:"id"`
	Handle    string    `json:"handle"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SignUp is the input of IdentityService.SignUp.
type SignUp struct {
	Handle   string
	Email    string
	Name     string
	Password string
}

// Password length bounds. Long passphrases are welcome; the upper bound
// keeps hashing cost bounded.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 256
)

// Normalize trims the fields that are trimmed before storage and validates
// them all, returning an EINVALID error listing every problem.
func (s *SignUp) Normalize() error {
	var v Violations
	s.Handle = strings.TrimSpace(s.Handle)
	if msg := ValidateHandle(s.Handle); msg != "" {
		v.Add("handle", msg)
	}
	s.Email = strings.TrimSpace(s.Email)
	if msg := ValidateEmail(s.Email); msg != "" {
		v.Add("email", msg)
	}
	s.Name = validName(&v, "name", s.Name)
	switch n := len([]rune(s.Password)); {
	case n < MinPasswordLength:
		v.Add("password", "must be at least 10 characters")
	case len(s.Password) > MaxPasswordLength:
		v.Add("password", "must be at most 256 bytes")
	}
	return v.Err()
}

// ValidateEmail returns a message saying what is wrong with an email
// address, or "" when it is acceptable.
func ValidateEmail(email string) string {
	if email == "" {
		return "is required"
	}
	if len(email) > 254 {
		return "must be at most 254 characters"
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || !strings.Contains(email[strings.LastIndexByte(email, '@')+1:], ".") {
		return "must be an email address like name@example.com"
	}
	return ""
}

// NormalizeEmail returns the form in which emails are compared: emails are
// unique regardless of case.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// UserUpdate changes the caller's profile. Nil fields are left alone.
type UserUpdate struct {
	Name *string `json:"name,omitempty"`
}

// Normalize trims and validates the update.
func (u *UserUpdate) Normalize() error {
	var v Violations
	u.Name = validOptional(&v, "name", u.Name, validName)
	return v.Err()
}

// UserService reads and updates the calling user.
type UserService interface {
	// CurrentUser returns the caller. Needs user:read.
	// Errors: EUNAUTHENTICATED, EFORBIDDEN.
	CurrentUser(ctx context.Context) (*User, error)
	// UpdateCurrentUser changes the caller's profile. Needs user:write.
	// Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID.
	UpdateCurrentUser(ctx context.Context, upd UserUpdate) (*User, error)
}

// IdentityService creates users and checks their passwords. It is used by
// the dashboard and operator commands, never over the API.
type IdentityService interface {
	// SignUp creates a user and their personal account, with an argon2id
	// hash of the password. Errors: EINVALID, ECONFLICT (handle or email
	// taken).
	SignUp(ctx context.Context, s SignUp) (*User, error)
	// CheckPassword returns the user with that email and password. Every
	// failure is the same EUNAUTHENTICATED error and costs the same time,
	// so it does not reveal whether an email exists.
	CheckPassword(ctx context.Context, email, password string) (*User, error)
	// FindUserByHandle returns an active user. Errors: ENOTFOUND.
	FindUserByHandle(ctx context.Context, handle string) (*User, error)
}
