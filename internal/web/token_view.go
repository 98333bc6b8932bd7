package web

import (
	"time"

	"github.com/glossia/glossia"
)

// tokenView is a token as the token pages show it.
type tokenView struct {
	*glossia.Token
	// State is the status at render time: active, expired or revoked.
	State     glossia.TokenStatus
	Created   when
	LastUsed  *when
	Expires   *when
	ExpiresIn string
	Revoked   *when
}

// newTokenView prepares t for display at now.
func newTokenView(t *glossia.Token, now time.Time) tokenView {
	v := tokenView{Token: t, State: t.StatusAt(now), Created: newWhen(t.CreatedAt, dateText(t.CreatedAt))}
	if t.LastUsedAt != nil {
		w := newWhen(*t.LastUsedAt, ago(now, *t.LastUsedAt))
		v.LastUsed = &w
	}
	if t.ExpiresAt != nil {
		w := newWhen(*t.ExpiresAt, dateText(*t.ExpiresAt))
		v.Expires = &w
		v.ExpiresIn = until(now, *t.ExpiresAt)
	}
	if t.RevokedAt != nil {
		w := newWhen(*t.RevokedAt, dateText(*t.RevokedAt))
		v.Revoked = &w
	}
	return v
}

// Active reports whether the token still works.
func (v tokenView) Active() bool { return v.State == glossia.TokenActive }

// notices are the fixed messages a redirect may ask a page to show; a
// notice is named in the URL, never written there.
var notices = map[string]string{
	"token-updated":   "Token updated.",
	"token-revoked":   "Token revoked. It stopped working immediately.",
	"org-created":     "Organization created. You are its admin.",
	"member-added":    "Member saved.",
	"member-updated":  "Role updated.",
	"member-removed":  "Member removed.",
	"left":            "You left the organization.",
	"project-created": "Project created.",
	"welcome":         "Welcome to Glossia. Create an account token to use the API.",
}
