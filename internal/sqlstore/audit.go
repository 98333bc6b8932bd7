package sqlstore

import (
	"context"
	"time"

	"github.com/glossia/glossia"
)

// audit records an event in the transaction of the change it describes.
// actor may be nil (sign-up, operator commands); owner is the user whose
// resource is the target, so that they can read the event.
func (t *tx) audit(ctx context.Context, actor *glossia.Actor, now time.Time, action, targetType, targetID, owner string) error {
	var a glossia.Actor
	if actor != nil {
		a = *actor
	} else if from := glossia.ActorFromContext(ctx); from != nil {
		a.Origin = from.Origin
	}
	_, err := t.exec(ctx, `INSERT INTO audit_events (id, actor_user_id, actor_token_id, owner_user_id,
		action, target_type, target_id, via, ip, user_agent, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		newID(), nullString(a.UserID), nullString(a.TokenID), nullString(owner),
		action, targetType, targetID, string(a.Via), cleanHeader(a.IP, 64), cleanHeader(a.UserAgent, 512), micros(now))
	return err
}

// ListAuditEvents returns the events the caller caused or that target the
// caller's own resources, newest first. Needs api_credentials:read.
// Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID.
func (sv *service) ListAuditEvents(ctx context.Context, p glossia.PageRequest) (*glossia.AuditPage, error) {
	actor, p, cur, after, err := startList(ctx, glossia.ScopeAPICredentialsRead, curAudit, p)
	if err != nil {
		return nil, err
	}
	q := `SELECT id, COALESCE(actor_user_id, ''), COALESCE(actor_token_id, ''), action, target_type,
		target_id, via, ip, user_agent, created_at FROM audit_events
		WHERE (actor_user_id = ? OR owner_user_id = ?)`
	args := []any{actor.UserID, actor.UserID}
	if after {
		q += ` AND (created_at, id) < (?, ?)`
		args = append(args, cur.num, cur.id)
	}
	q += ` ORDER BY created_at DESC, id DESC LIMIT ?`
	args = append(args, p.Limit+1)
	var events []*glossia.AuditEvent
	err = sv.s.read(ctx, func(t *tx) error {
		events, err = scanAll(ctx, t, scanAuditEvent, q, args...)
		return err
	})
	if err != nil {
		return nil, err
	}
	events, next := page(events, p.Limit, curAudit, func(e *glossia.AuditEvent) cursor {
		return cursor{num: micros(e.CreatedAt), id: e.ID}
	})
	return &glossia.AuditPage{Events: events, NextCursor: next}, nil
}

// scanAuditEvent reads an audit event row of ListAuditEvents.
func scanAuditEvent(row scanner) (*glossia.AuditEvent, error) {
	e := new(glossia.AuditEvent)
	var at int64
	var via string
	if err := row.Scan(&e.ID, &e.ActorUserID, &e.ActorTokenID, &e.Action, &e.TargetType,
		&e.TargetID, &via, &e.IP, &e.UserAgent, &at); err != nil {
		return nil, err
	}
	e.Via, e.CreatedAt = glossia.Surface(via), fromMicros(at)
	return e, nil
}
