package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/glossia/glossia"
)

// SignUp creates a user, their personal account (with them as its admin)
// and an argon2id hash of the password. Errors: EINVALID, ECONFLICT (handle
// or email taken).
func (sv *service) SignUp(ctx context.Context, in glossia.SignUp) (*glossia.User, error) {
	if err := in.Normalize(); err != nil {
		return nil, err
	}
	hash, err := hashPassword(sv.s.argon, in.Password)
	if err != nil {
		return nil, err
	}
	now := sv.s.now()
	u := &glossia.User{ID: newID(), Handle: in.Handle, Email: in.Email, Name: in.Name, CreatedAt: now, UpdatedAt: now}
	err = sv.s.transact(ctx, func(t *tx) error {
		_, err := t.exec(ctx, `INSERT INTO users (id, email, email_normalized, name, password_hash, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, u.ID, u.Email, glossia.NormalizeEmail(u.Email), u.Name, hash, micros(now), micros(now))
		if err != nil {
			return dbError(err, "a user with this email already exists")
		}
		accountID := newID()
		if err := t.insertAccount(ctx, accountID, u.Handle, glossia.KindUser, u.ID, u.Name, "", glossia.VisibilityPrivate, now); err != nil {
			return err
		}
		if err := t.insertMembership(ctx, accountID, u.ID, glossia.RoleAdmin, now); err != nil {
			return err
		}
		return t.audit(ctx, &glossia.Actor{UserID: u.ID, Origin: originOf(ctx)}, now, glossia.AuditUserSignUp, "user", u.ID, u.ID)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// CheckPassword returns the active user with that email and password. Every
// failure is the same EUNAUTHENTICATED error, and an unknown email costs a
// hash like a known one, so the answer does not reveal whether an email is
// registered.
func (sv *service) CheckPassword(ctx context.Context, email, password string) (*glossia.User, error) {
	denied := glossia.Errorf(glossia.EUNAUTHENTICATED, "wrong email or password")
	if len(password) > glossia.MaxPasswordLength {
		checkPassword(sv.s.dummy, password[:glossia.MaxPasswordLength])
		return nil, denied
	}
	var encoded string
	row := sv.s.queryRow(ctx, `SELECT `+userColumns+`, u.password_hash`+userFrom+
		`WHERE u.email_normalized = ? AND u.disabled_at IS NULL`, glossia.NormalizeEmail(email))
	u := new(glossia.User)
	var created, updated int64
	err := row.Scan(&u.ID, &u.Handle, &u.Email, &u.Name, &created, &updated, &encoded)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		checkPassword(sv.s.dummy, password)
		return nil, denied
	case err != nil:
		return nil, dbError(err, "")
	}
	ok, err := checkPassword(encoded, password)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, denied
	}
	u.CreatedAt, u.UpdatedAt = fromMicros(created), fromMicros(updated)
	return u, nil
}

// FindUserByHandle returns the active user with that handle. Errors:
// ENOTFOUND.
func (sv *service) FindUserByHandle(ctx context.Context, handle string) (*glossia.User, error) {
	notFound := glossia.Errorf(glossia.ENOTFOUND, "user %q not found", handle)
	if glossia.ValidateHandle(handle) != "" {
		return nil, notFound
	}
	row := sv.s.queryRow(ctx, `SELECT `+userColumns+userFrom+
		`WHERE a.handle = ? AND u.disabled_at IS NULL`, handle)
	u, err := scanUser(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound
	}
	return u, dbError(err, "")
}

// originOf returns the origin carried by ctx, if any: sign-up and operator
// commands run without an authenticated actor but may still say where they
// come from.
func originOf(ctx context.Context) glossia.Origin {
	if a := glossia.ActorFromContext(ctx); a != nil {
		return a.Origin
	}
	return glossia.Origin{}
}
