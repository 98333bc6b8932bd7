package glossia

import (
	"context"
	"strings"
	"time"
)

// Formality is how formal a voice is.
type Formality string

// The formalities.
const (
	FormalityFormal   Formality = "formal"
	FormalityNeutral  Formality = "neutral"
	FormalityInformal Formality = "informal"
)

// Voice is one saved version of an account's voice. Each save is a new
// version, numbered from 1.
type Voice struct {
	Account        string    `json:"account"`
	Version        int       `json:"version"`
	Tone           string    `json:"tone"`
	Formality      Formality `json:"formality"`
	TargetAudience string    `json:"target_audience"`
	Guidelines     string    `json:"guidelines"`
	// CreatedBy is the handle of the user who saved this version.
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// VoicePage is one page of voice versions, newest first.
type VoicePage struct {
	Versions   []*Voice `json:"versions"`
	NextCursor *string  `json:"next_cursor"`
}

// VoiceSave is the input of SaveVoice: the whole voice, saved as a new
// version.
type VoiceSave struct {
	Tone           string    `json:"tone"`
	Formality      Formality `json:"formality"`
	TargetAudience string    `json:"target_audience"`
	Guidelines     string    `json:"guidelines"`
}

// Normalize trims and validates.
func (s *VoiceSave) Normalize() error {
	s.Tone = cleanText(s.Tone)
	s.TargetAudience = cleanText(s.TargetAudience)
	s.Guidelines = strings.TrimSpace(s.Guidelines)
	if s.Formality == "" {
		s.Formality = FormalityNeutral
	}
	var v Violations
	if msg := checkText(s.Tone, 0, 200, false); msg != "" {
		v.Add("tone", msg)
	}
	switch s.Formality {
	case FormalityFormal, FormalityNeutral, FormalityInformal:
	default:
		v.Add("formality", `must be "formal", "neutral" or "informal"`)
	}
	if msg := checkText(s.TargetAudience, 0, 200, false); msg != "" {
		v.Add("target_audience", msg)
	}
	if msg := checkText(s.Guidelines, 0, 10000, true); msg != "" {
		v.Add("guidelines", msg)
	}
	return v.Err()
}

// VoiceService reads and saves voices. Policy: members read (anyone when
// the account is public), admins save (SPEC §5).
type VoiceService interface {
	// FindVoice returns the latest version. Needs voice:read. Errors:
	// EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND (account, or no voice saved).
	FindVoice(ctx context.Context, account string) (*Voice, error)
	// SaveVoice saves a new version. Needs voice:write and the admin role.
	// Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, EINVALID.
	SaveVoice(ctx context.Context, account string, s VoiceSave) (*Voice, error)
	// ListVoiceVersions returns every version, newest first. Needs
	// voice:read. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, EINVALID.
	ListVoiceVersions(ctx context.Context, account string, page PageRequest) (*VoicePage, error)
}
