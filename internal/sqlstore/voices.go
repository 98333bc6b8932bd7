package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/glossia/glossia"
)

const voiceColumns = `a.handle, v.version, v.tone, v.formality, v.target_audience, v.guidelines, ca.handle, v.created_at`

const voiceFrom = ` FROM voice_versions v JOIN accounts a ON a.id = v.account_id JOIN accounts ca ON ca.user_id = v.created_by `

func scanVoice(row scanner) (*glossia.Voice, error) {
	v := new(glossia.Voice)
	var formality string
	var created int64
	if err := row.Scan(&v.Account, &v.Version, &v.Tone, &formality, &v.TargetAudience, &v.Guidelines, &v.CreatedBy, &created); err != nil {
		return nil, err
	}
	v.Formality, v.CreatedAt = glossia.Formality(formality), fromMicros(created)
	return v, nil
}

// FindVoice returns the latest version of an account's voice. Needs
// voice:read; members read, anyone when the account is public. Errors:
// EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND (account, or no voice saved).
func (sv *service) FindVoice(ctx context.Context, account string) (*glossia.Voice, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeVoiceRead)
	if err != nil {
		return nil, err
	}
	var v *glossia.Voice
	err = sv.s.read(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermReadVoice, account, false)
		if err != nil {
			return err
		}
		v, err = scanVoice(t.queryRow(ctx, `SELECT `+voiceColumns+voiceFrom+
			`WHERE v.account_id = ? ORDER BY v.version DESC LIMIT 1`, tg.id))
		if errors.Is(err, sql.ErrNoRows) {
			return glossia.Errorf(glossia.ENOTFOUND, "%s has no voice saved yet", account)
		}
		return err
	})
	return v, err
}

// SaveVoice saves a new version of an account's voice. Needs voice:write and
// the admin role. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, EINVALID.
func (sv *service) SaveVoice(ctx context.Context, account string, in glossia.VoiceSave) (*glossia.Voice, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeVoiceWrite)
	if err != nil {
		return nil, err
	}
	if err := in.Normalize(); err != nil {
		return nil, err
	}
	now := sv.s.now()
	v := &glossia.Voice{Account: account, Tone: in.Tone, Formality: in.Formality, TargetAudience: in.TargetAudience,
		Guidelines: in.Guidelines, CreatedAt: now}
	err = sv.s.transact(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermWriteVoice, account, true)
		if err != nil {
			return err
		}
		if err := t.queryRow(ctx, `SELECT handle FROM accounts WHERE user_id = ?`, actor.UserID).Scan(&v.CreatedBy); err != nil {
			return err
		}
		if err := t.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM voice_versions WHERE account_id = ?`, tg.id).Scan(&v.Version); err != nil {
			return err
		}
		_, err = t.exec(ctx, `INSERT INTO voice_versions (account_id, version, tone, formality, target_audience, guidelines, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, tg.id, v.Version, v.Tone, string(v.Formality), v.TargetAudience, v.Guidelines, actor.UserID, micros(now))
		if err != nil {
			return dbError(err, "the voice of "+account+" was saved by someone else at the same moment; try again")
		}
		return t.audit(ctx, actor, now, glossia.AuditVoiceSave, "voice", tg.id, "")
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// ListVoiceVersions returns every version of an account's voice, newest
// first. Needs voice:read. Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND,
// EINVALID.
func (sv *service) ListVoiceVersions(ctx context.Context, account string, p glossia.PageRequest) (*glossia.VoicePage, error) {
	actor, p, cur, after, err := startList(ctx, glossia.ScopeVoiceRead, curVoices, p)
	if err != nil {
		return nil, err
	}
	var out []*glossia.Voice
	err = sv.s.read(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermReadVoice, account, false)
		if err != nil {
			return err
		}
		q := `SELECT ` + voiceColumns + voiceFrom + `WHERE v.account_id = ?`
		args := []any{tg.id}
		if after {
			q += ` AND v.version < ?`
			args = append(args, cur.num)
		}
		out, err = scanAll(ctx, t, scanVoice, q+` ORDER BY v.version DESC LIMIT ?`, append(args, p.Limit+1)...)
		return err
	})
	if err != nil {
		return nil, err
	}
	out, next := page(out, p.Limit, curVoices, func(v *glossia.Voice) cursor { return cursor{num: int64(v.Version)} })
	return &glossia.VoicePage{Versions: out, NextCursor: next}, nil
}
