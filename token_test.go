package glossia

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

func TestTokenCreateValidate(t *testing.T) {
	ok := func(c TokenCreate) TokenCreate {
		if c.Name == "" {
			c.Name = "CI deploy"
		}
		if c.Scopes == nil && c.Scope == "" {
			c.Scopes = []Scope{ScopeProjectRead}
		}
		return c
	}
	ninety := 90 * 24 * time.Hour
	tests := []struct {
		name    string
		create  TokenCreate
		limits  TokenLimits
		field   string
		message string
	}{
		{"empty name", TokenCreate{Name: " ", Scopes: []Scope{ScopeProjectRead}}, TokenLimits{}, "name", "is required"},
		{"101-character name", ok(TokenCreate{Name: strings.Repeat("x", 101)}), TokenLimits{}, "name", "at most 100 characters"},
		{"control character in name", ok(TokenCreate{Name: "a\x00b"}), TokenLimits{}, "name", "control characters"},
		{"501-character description", ok(TokenCreate{Description: strings.Repeat("é", 501)}), TokenLimits{}, "description", "at most 500 characters"},
		{"no scope", TokenCreate{Name: "x", Scopes: []Scope{}}, TokenLimits{}, "scopes", "at least one scope"},
		{"unknown scope", ok(TokenCreate{Scopes: []Scope{"project:admin"}}), TokenLimits{}, "scopes", `unknown scope "project:admin"`},
		{"scopes and scope", ok(TokenCreate{Scopes: []Scope{ScopeProjectRead}, Scope: "voice:read"}), TokenLimits{}, "scopes", "not both"},
		{"past expiry", ok(TokenCreate{ExpiresAt: ptr(now.Add(-time.Second))}), TokenLimits{}, "expires_at", "must be in the future"},
		{"expiry now", ok(TokenCreate{ExpiresAt: ptr(now)}), TokenLimits{}, "expires_at", "must be in the future"},
		{"both expiry fields", ok(TokenCreate{ExpiresAt: ptr(now.Add(time.Hour)), ExpiresInDays: ptr(1)}), TokenLimits{}, "expires_at", "not both"},
		{"zero days", ok(TokenCreate{ExpiresInDays: ptr(0)}), TokenLimits{}, "expires_in_days", "from 1 to 36500"},
		{"negative days", ok(TokenCreate{ExpiresInDays: ptr(-3)}), TokenLimits{}, "expires_in_days", "from 1 to 36500"},
		{"beyond max lifetime (date)", ok(TokenCreate{ExpiresAt: ptr(now.Add(ninety + time.Hour))}), TokenLimits{MaxLifetime: ninety}, "expires_at", "within 90 days"},
		{"beyond max lifetime (days)", ok(TokenCreate{ExpiresInDays: ptr(91)}), TokenLimits{MaxLifetime: ninety}, "expires_in_days", "at most 90 days"},
		{"never expiring under a max lifetime", ok(TokenCreate{}), TokenLimits{MaxLifetime: ninety}, "expires_at", "does not allow tokens that never expire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.create.Validate(now, tt.limits)
			e := AsError(err)
			if e == nil || e.Code != EINVALID {
				t.Fatalf("Validate = %v, want EINVALID", err)
			}
			msgs := strings.Join(e.Fields[tt.field], "; ")
			if !strings.Contains(msgs, tt.message) {
				t.Errorf("field %s says %q, want it to say %q (all: %v)", tt.field, msgs, tt.message, e.Fields)
			}
		})
	}
}

func TestTokenCreateValidateAccepts(t *testing.T) {
	d, err := TokenCreate{Name: "  CI deploy ", Scope: "voice:read project:read voice:read", ExpiresInDays: ptr(30)}.Validate(now, TokenLimits{MaxLifetime: 30 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "CI deploy" || JoinScopes(d.Scopes) != "project:read voice:read" || !d.ExpiresAt.Equal(now.Add(30*24*time.Hour)) {
		t.Errorf("draft = %+v", d)
	}
	d, err = TokenCreate{Name: "forever", Scopes: []Scope{ScopeUserRead}}.Validate(now, TokenLimits{})
	if err != nil || d.ExpiresAt != nil {
		t.Errorf("no expiry field and no maximum: draft %+v, err %v; want a never-expiring token", d, err)
	}
}

func TestAttenuate(t *testing.T) {
	parentExpiry := now.Add(24 * time.Hour)
	parent := &Actor{UserID: "u", TokenID: "t", Scopes: []Scope{ScopeAPICredentialsWrite, ScopeProjectRead}, TokenExpiresAt: &parentExpiry}
	tests := []struct {
		name  string
		draft TokenDraft
		want  string // substring of the EFORBIDDEN message, "" for allowed
	}{
		{"subset, earlier expiry", TokenDraft{Scopes: []Scope{ScopeProjectRead}, ExpiresAt: ptr(now.Add(time.Hour))}, ""},
		{"same expiry", TokenDraft{Scopes: []Scope{ScopeProjectRead}, ExpiresAt: &parentExpiry}, ""},
		{"scope the parent lacks", TokenDraft{Scopes: []Scope{ScopeProjectRead, ScopeProjectWrite}, ExpiresAt: ptr(now.Add(time.Hour))}, "lacks project:write"},
		{"later expiry", TokenDraft{Scopes: []Scope{ScopeProjectRead}, ExpiresAt: ptr(parentExpiry.Add(time.Second))}, "outlives it"},
		{"no expiry from an expiring parent", TokenDraft{Scopes: []Scope{ScopeProjectRead}}, "outlives it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.draft.Attenuate(parent)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Attenuate = %v, want allowed", err)
				}
				return
			}
			if ErrorCode(err) != EFORBIDDEN || !strings.Contains(ErrorMessage(err), tt.want) {
				t.Fatalf("Attenuate = %v, want EFORBIDDEN saying %q", err, tt.want)
			}
		})
	}
	session := &Actor{UserID: "u"}
	if err := (TokenDraft{Scopes: AllScopes()}).Attenuate(session); err != nil {
		t.Errorf("a session may grant any scope, got %v", err)
	}
}

func TestTokenUpdateRefusesFixedFields(t *testing.T) {
	for _, body := range []string{`{"scopes":["user:read"]}`, `{"scopes":null}`, `{"scope":"user:read"}`, `{"expires_at":null}`, `{"expires_in_days":3}`} {
		t.Run(body, func(t *testing.T) {
			var u TokenUpdate
			if err := json.Unmarshal([]byte(body), &u); err != nil {
				t.Fatal(err)
			}
			err := u.Normalize()
			if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "fixed when a token is created") {
				t.Errorf("Normalize = %v, want EINVALID explaining the field is fixed", err)
			}
		})
	}
	u := TokenUpdate{Name: ptr("  renamed  ")}
	if err := u.Normalize(); err != nil || *u.Name != "renamed" {
		t.Errorf("Normalize = %v, name %q", err, *u.Name)
	}
}

func TestTokenStatusAt(t *testing.T) {
	past, future := now.Add(-time.Minute), now.Add(time.Minute)
	tests := []struct {
		tok  Token
		want TokenStatus
	}{
		{Token{}, TokenActive},
		{Token{ExpiresAt: &future}, TokenActive},
		{Token{ExpiresAt: &past}, TokenExpired},
		{Token{ExpiresAt: &now}, TokenExpired},
		{Token{RevokedAt: &future}, TokenActive}, // rotated, still in its grace period
		{Token{RevokedAt: &past}, TokenRevoked},
		{Token{RevokedAt: &past, ExpiresAt: &past}, TokenRevoked},
	}
	for i, tt := range tests {
		if got := tt.tok.StatusAt(now); got != tt.want {
			t.Errorf("case %d: StatusAt = %s, want %s", i, got, tt.want)
		}
	}
}

func TestTokenFilterNormalize(t *testing.T) {
	f, err := TokenFilter{}.Normalize()
	if err != nil || f.Sort != TokenSortCreated || f.Limit != DefaultPageLimit {
		t.Errorf("defaults: %+v, %v", f, err)
	}
	for _, bad := range []TokenFilter{{Status: "gone"}, {Sort: "id"}, {PageRequest: PageRequest{Limit: 101}}, {PageRequest: PageRequest{Limit: -1}}} {
		if _, err := bad.Normalize(); ErrorCode(err) != EINVALID {
			t.Errorf("Normalize(%+v) = %v, want EINVALID", bad, err)
		}
	}
}

func TestTokenRotateValidate(t *testing.T) {
	for grace, valid := range map[int]bool{0: true, 3600: true, 604800: true, 604801: false, -1: false} {
		if err := (TokenRotate{GraceSeconds: grace}).Validate(); (err == nil) != valid {
			t.Errorf("grace %d: %v", grace, err)
		}
	}
}

// A created token printed or logged by mistake must not reveal its secret.
func TestCreatedTokenHidesSecret(t *testing.T) {
	secret := NewTokenSecret()
	c := CreatedToken{Token: &Token{ID: "id", Prefix: DisplayPrefix(secret)}, PlainToken: secret}
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("created", "token", c)
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%v %s", c, c), logged.String()} {
		if strings.Contains(s, secret) {
			t.Errorf("secret leaked: %s", s)
		}
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"0192d2a4-8f3e-7c1a-9b2d-3e4f5a6b7c8d": true,
		"0192D2A4-8F3E-7C1A-9B2D-3E4F5A6B7C8D": false,
		"0192d2a48f3e7c1a9b2d3e4f5a6b7c8d":     false,
		"../etc/passwd":                        false,
		"":                                     false,
	} {
		if ValidID(id) != want {
			t.Errorf("ValidID(%q) = %v", id, !want)
		}
	}
}
