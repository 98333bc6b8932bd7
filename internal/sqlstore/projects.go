package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/glossia/glossia"
)

const projectColumns = `p.id, a.handle, p.handle, p.name, p.description, p.created_at, p.updated_at`

func scanProject(row scanner) (*glossia.Project, error) {
	p := new(glossia.Project)
	var created, updated int64
	if err := row.Scan(&p.ID, &p.Account, &p.Handle, &p.Name, &p.Description, &created, &updated); err != nil {
		return nil, err
	}
	p.CreatedAt, p.UpdatedAt = fromMicros(created), fromMicros(updated)
	return p, nil
}

func projectNotFound(account, handle string) error {
	return glossia.Errorf(glossia.ENOTFOUND, "project %q not found in %s", handle, account)
}

// project reads one project of an account.
func (t *tx) project(ctx context.Context, accountID, account, handle string) (*glossia.Project, error) {
	if glossia.ValidateProjectHandle(handle) != "" {
		return nil, projectNotFound(account, handle)
	}
	p, err := scanProject(t.queryRow(ctx, `SELECT `+projectColumns+` FROM projects p JOIN accounts a ON a.id = p.account_id
		WHERE p.account_id = ? AND p.handle = ?`, accountID, handle))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, projectNotFound(account, handle)
	}
	return p, err
}

// ListAllProjects returns the projects of every account the caller belongs
// to, by account then handle. Needs project:read. Errors: EUNAUTHENTICATED,
// EFORBIDDEN, EINVALID.
func (sv *service) ListAllProjects(ctx context.Context, p glossia.PageRequest) (*glossia.ProjectPage, error) {
	actor, p, cur, after, err := startList(ctx, glossia.ScopeProjectRead, curAllProjects, p)
	if err != nil {
		return nil, err
	}
	q := `SELECT ` + projectColumns + ` FROM projects p JOIN accounts a ON a.id = p.account_id
		JOIN memberships m ON m.account_id = p.account_id WHERE m.user_id = ?`
	args := []any{actor.UserID}
	if after {
		// The id carries nothing here: the string is "account/project".
		acct, proj, ok := cutPair(cur.str)
		if !ok {
			return nil, badCursor()
		}
		q += ` AND (a.handle, p.handle) > (?, ?)`
		args = append(args, acct, proj)
	}
	q += ` ORDER BY a.handle, p.handle LIMIT ?`
	var out []*glossia.Project
	err = sv.s.read(ctx, func(t *tx) error {
		out, err = scanAll(ctx, t, scanProject, q, append(args, p.Limit+1)...)
		return err
	})
	if err != nil {
		return nil, err
	}
	out, next := page(out, p.Limit, curAllProjects, func(p *glossia.Project) cursor { return cursor{str: p.Account + "/" + p.Handle} })
	return &glossia.ProjectPage{Projects: out, NextCursor: next}, nil
}

// ListProjects returns an account's projects, by handle. Needs
// project:read; members read, anyone when the account is public. Errors:
// EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, EINVALID.
func (sv *service) ListProjects(ctx context.Context, account string, p glossia.PageRequest) (*glossia.ProjectPage, error) {
	actor, p, cur, after, err := startList(ctx, glossia.ScopeProjectRead, curProjects, p)
	if err != nil {
		return nil, err
	}
	var out []*glossia.Project
	err = sv.s.read(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermReadProjects, account, false)
		if err != nil {
			return err
		}
		q := `SELECT ` + projectColumns + ` FROM projects p JOIN accounts a ON a.id = p.account_id WHERE p.account_id = ?`
		args := []any{tg.id}
		if after {
			q += ` AND p.handle > ?`
			args = append(args, cur.str)
		}
		q += ` ORDER BY p.handle LIMIT ?`
		out, err = scanAll(ctx, t, scanProject, q, append(args, p.Limit+1)...)
		return err
	})
	if err != nil {
		return nil, err
	}
	out, next := page(out, p.Limit, curProjects, func(p *glossia.Project) cursor { return cursor{str: p.Handle} })
	return &glossia.ProjectPage{Projects: out, NextCursor: next}, nil
}

// FindProject returns one project. Needs project:read. Errors:
// EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
func (sv *service) FindProject(ctx context.Context, account, handle string) (*glossia.Project, error) {
	actor, err := glossia.RequireScope(ctx, glossia.ScopeProjectRead)
	if err != nil {
		return nil, err
	}
	var p *glossia.Project
	err = sv.s.read(ctx, func(t *tx) error {
		tg, err := t.authorize(ctx, actor, glossia.PermReadProjects, account, false)
		if err != nil {
			return err
		}
		p, err = t.project(ctx, tg.id, account, handle)
		return err
	})
	return p, err
}

// cutPair splits "a/b" into its two non-empty halves.
func cutPair(s string) (string, string, bool) {
	a, b, ok := strings.Cut(s, "/")
	return a, b, ok && a != "" && b != ""
}
