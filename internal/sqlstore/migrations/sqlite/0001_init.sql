-- Users sign in with an email (unique regardless of case) and a password.
-- Their handle and name live on their personal account.
CREATE TABLE users (
	id               TEXT PRIMARY KEY,
	email            TEXT NOT NULL,
	email_normalized TEXT NOT NULL UNIQUE,
	name             TEXT NOT NULL,
	password_hash    TEXT NOT NULL,
	disabled_at      INTEGER,
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL
);

-- Accounts are the handle namespace: personal accounts (user_id set) and
-- organizations.
CREATE TABLE accounts (
	id          TEXT PRIMARY KEY,
	handle      TEXT NOT NULL UNIQUE,
	kind        TEXT NOT NULL CHECK (kind IN ('user', 'organization')),
	user_id     TEXT UNIQUE REFERENCES users (id) ON DELETE CASCADE,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	visibility  TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	CHECK ((kind = 'user') = (user_id IS NOT NULL))
);

-- A personal account has its owner as admin, so every policy query is the
-- same for both kinds.
CREATE TABLE memberships (
	account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	role       TEXT NOT NULL CHECK (role IN ('admin', 'member')),
	created_at INTEGER NOT NULL,
	PRIMARY KEY (account_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id, account_id);

CREATE TABLE projects (
	id          TEXT PRIMARY KEY,
	account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	handle      TEXT NOT NULL,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	UNIQUE (account_id, handle)
);

CREATE TABLE voice_versions (
	account_id      TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	version         INTEGER NOT NULL,
	tone            TEXT NOT NULL,
	formality       TEXT NOT NULL,
	target_audience TEXT NOT NULL,
	guidelines      TEXT NOT NULL,
	created_by      TEXT NOT NULL REFERENCES users (id),
	created_at      INTEGER NOT NULL,
	PRIMARY KEY (account_id, version)
);

-- Account tokens keep only the SHA-256 of their secret.
CREATE TABLE tokens (
	id                   TEXT PRIMARY KEY,
	user_id              TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name                 TEXT NOT NULL,
	description          TEXT NOT NULL DEFAULT '',
	prefix               TEXT NOT NULL,
	secret_hash          BLOB NOT NULL UNIQUE,
	scopes               TEXT NOT NULL,
	scopes_version       INTEGER NOT NULL,
	created_at           INTEGER NOT NULL,
	updated_at           INTEGER NOT NULL,
	expires_at           INTEGER,
	revoked_at           INTEGER,
	last_used_at         INTEGER,
	last_used_ip         TEXT,
	last_used_user_agent TEXT,
	created_via          TEXT NOT NULL,
	parent_token_id      TEXT REFERENCES tokens (id),
	rotated_from_id      TEXT UNIQUE REFERENCES tokens (id)
);
CREATE INDEX tokens_user_created ON tokens (user_id, created_at, id);
CREATE INDEX tokens_user_name ON tokens (user_id, name, id);
CREATE INDEX tokens_user_last_used ON tokens (user_id, COALESCE(last_used_at, -1), id);
CREATE INDEX tokens_user_expires ON tokens (user_id, COALESCE(expires_at, 9223372036854775807), id);

-- Audit events outlive what they name, so they hold no foreign keys.
-- owner_user_id is the user whose resource was targeted (a token's owner).
CREATE TABLE audit_events (
	id             TEXT PRIMARY KEY,
	actor_user_id  TEXT,
	actor_token_id TEXT,
	owner_user_id  TEXT,
	action         TEXT NOT NULL,
	target_type    TEXT NOT NULL,
	target_id      TEXT NOT NULL,
	via            TEXT NOT NULL,
	ip             TEXT NOT NULL,
	user_agent     TEXT NOT NULL,
	created_at     INTEGER NOT NULL
);
CREATE INDEX audit_events_actor ON audit_events (actor_user_id, created_at, id);
CREATE INDEX audit_events_owner ON audit_events (owner_user_id, created_at, id);

-- Dashboard sessions keep only the SHA-256 of their secret.
CREATE TABLE sessions (
	secret_hash BLOB PRIMARY KEY,
	user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	csrf_token  TEXT NOT NULL,
	created_at  INTEGER NOT NULL,
	expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id, expires_at);
