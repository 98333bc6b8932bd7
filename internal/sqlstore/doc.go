// Package sqlstore implements the glossia services on database/sql, with
// hand-written SQL for SQLite (modernc.org/sqlite, pure Go) and PostgreSQL
// (pgx through its database/sql driver).
//
// Every service method runs in one transaction with one clock reading. The
// scope a method needs is checked before storage is touched; the caller's
// relation to the target account is read in the same transaction and handed
// to glossia.Authorize. Timestamps are stored as unix microseconds (UTC) and
// ids as lowercase UUIDv7 text, identically on both engines.
//
// Token secrets are never stored: only their SHA-256 and display prefix.
// Authentication reads one indexed row and never writes; uses are coalesced
// in memory and flushed in batches (see Options.LastUsedInterval).
package sqlstore
