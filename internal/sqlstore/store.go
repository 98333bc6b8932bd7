package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/glossia/glossia"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Options configure a Store.
type Options struct {
	// URL selects the engine: "" means the SQLite file "glossia.db" in the
	// working directory; "postgres://…" or "postgresql://…" means PostgreSQL
	// (pgx through database/sql); "sqlite:PATH", "file:PATH" or a plain PATH
	// means SQLite.
	URL string
	// Now is the clock; nil means time.Now. Each method reads it once.
	Now func() time.Time
	// Limits are the token limits; MaxLiveTokens 0 means
	// glossia.DefaultMaxLiveTokens and MaxLifetime 0 means no maximum.
	Limits glossia.TokenLimits
	// LastUsedInterval is the flush period of coalesced last-used updates,
	// and the age under which a token's use is not recorded again; 0 means
	// one minute.
	LastUsedInterval time.Duration
	// Logger receives operational logs; nil discards them.
	Logger *slog.Logger
	// InsecureFastPasswordHashing makes new password hashes cheap to
	// compute. It exists for tests and must never be set in production.
	InsecureFastPasswordHashing bool
}

// Stats are counters of storage work, safe for concurrent use.
type Stats struct {
	TokenLookups   int64 // indexed reads done by AuthenticateToken
	Writes         int64 // every INSERT/UPDATE/DELETE statement executed, all causes
	LastUsedWrites int64 // statements executed by last-used flushes
}

type counters struct {
	tokenLookups, writes, lastUsedWrites atomic.Int64
}

// Store implements the glossia services on a SQLite or PostgreSQL database.
type Store struct {
	db      *sql.DB // writes; on SQLite a single connection
	rdb     *sql.DB // reads; the same pool as db on PostgreSQL
	dialect dialect
	clock   func() time.Time
	limits  glossia.TokenLimits
	log     *slog.Logger
	argon   argonParams
	dummy   string // a password hash checked when no user matches
	// rstmts caches the prepared statements of rdb (SQLite only). It is
	// used only outside transactions: preparing on a pool while holding one
	// of its connections could wait forever for a free one.
	rstmts *stmtCache
	stats  counters

	lastUsed *lastUsedRecorder
	interval time.Duration
	stop     chan struct{}
	stopped  chan struct{}

	closeOnce sync.Once
	closeErr  error
}

// Open connects to the database of o.URL, applies the migrations it lacks
// and starts the flusher of last-used updates. It refuses a database whose
// schema is newer than this binary knows.
func Open(ctx context.Context, o Options) (*Store, error) {
	d, dsn, err := parseURL(o.URL)
	if err != nil {
		return nil, err
	}
	s := &Store{
		dialect:  d,
		clock:    o.Now,
		limits:   o.Limits,
		log:      o.Logger,
		argon:    defaultArgon,
		lastUsed: newLastUsedRecorder(),
		interval: o.LastUsedInterval,
		stop:     make(chan struct{}),
		stopped:  make(chan struct{}),
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.limits.MaxLiveTokens <= 0 {
		s.limits.MaxLiveTokens = glossia.DefaultMaxLiveTokens
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.interval <= 0 {
		s.interval = time.Minute
	}
	if o.InsecureFastPasswordHashing {
		s.argon = fastArgon
	}
	if err := s.connect(ctx, dsn); err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.closeDBs()
		return nil, err
	}
	if s.dummy, err = hashPassword(s.argon, "a password nobody has, hashed to keep timing flat"); err != nil {
		s.closeDBs()
		return nil, err
	}
	go s.flushLoop()
	return s, nil
}

func (s *Store) connect(ctx context.Context, dsn string) error {
	var err error
	if s.dialect == dialectPostgres {
		if s.db, err = sql.Open("pgx", dsn); err != nil {
			return fmt.Errorf("sqlstore: %w", err)
		}
		s.db.SetMaxOpenConns(max(8, 4*runtime.GOMAXPROCS(0)))
		s.db.SetMaxIdleConns(max(8, 4*runtime.GOMAXPROCS(0)))
		s.db.SetConnMaxIdleTime(5 * time.Minute)
		s.db.SetConnMaxLifetime(time.Hour)
		s.rdb = s.db
	} else {
		// One writer connection: SQLite has one writer at a time anyway,
		// and queuing in Go is cheaper than busy waiting. Readers run in
		// parallel under WAL.
		if s.db, err = sql.Open("sqlite", dsn); err != nil {
			return fmt.Errorf("sqlstore: %w", err)
		}
		s.db.SetMaxOpenConns(1)
		if s.rdb, err = sql.Open("sqlite", dsn); err != nil {
			s.db.Close()
			return fmt.Errorf("sqlstore: %w", err)
		}
		s.rdb.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
		s.rdb.SetMaxIdleConns(max(4, runtime.GOMAXPROCS(0)))
		s.rdb.SetConnMaxIdleTime(5 * time.Minute)
		s.rstmts = &stmtCache{db: s.rdb}
	}
	if err := s.ping(ctx); err != nil {
		s.closeDBs()
		return fmt.Errorf("sqlstore: connect to %s: %w", s.dialect, err)
	}
	return nil
}

// ping opens the first connection. Two processes opening a new SQLite file
// at once may both try to switch it to WAL, and the loser is told the
// database is busy without waiting: it tries again, for up to ten seconds.
func (s *Store) ping(ctx context.Context) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := s.db.PingContext(ctx)
		if err == nil || classify(err) != errRetry || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (s *Store) closeDBs() error {
	s.rstmts.close()
	err := s.db.Close()
	if s.rdb != s.db {
		err = errors.Join(err, s.rdb.Close())
	}
	return err
}

// Close stops the flusher, flushes the pending last-used updates and
// closes the database. Calling it again returns the first result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		close(s.stop)
		<-s.stopped
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		flushErr := s.FlushLastUsed(ctx)
		s.closeErr = errors.Join(flushErr, s.closeDBs())
	})
	return s.closeErr
}

// Ping reports whether the database answers, for readiness checks.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlstore: ping: %w", err)
	}
	if s.rdb != s.db {
		if err := s.rdb.PingContext(ctx); err != nil {
			return fmt.Errorf("sqlstore: ping: %w", err)
		}
	}
	return nil
}

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect.String() }

// Stats returns the current counters.
func (s *Store) Stats() Stats {
	return Stats{
		TokenLookups:   s.stats.tokenLookups.Load(),
		Writes:         s.stats.writes.Load(),
		LastUsedWrites: s.stats.lastUsedWrites.Load(),
	}
}

// now reads the clock once for a method: UTC, at the microsecond precision
// that storage keeps, so what a method returns equals what it stored.
func (s *Store) now() time.Time {
	return s.clock().UTC().Truncate(time.Microsecond)
}

// Services returns the glossia services backed by the store.
func (s *Store) Services() glossia.Services {
	sv := &service{s}
	return glossia.Services{
		Users:         sv,
		Accounts:      sv,
		Organizations: sv,
		Members:       sv,
		Projects:      sv,
		Voices:        sv,
		Tokens:        sv,
	}
}

// Identity returns the service that signs users up and checks passwords.
func (s *Store) Identity() glossia.IdentityService { return &service{s} }

// Sessions returns the dashboard session service.
func (s *Store) Sessions() glossia.SessionService { return &service{s} }

// Authenticator returns the token authenticator.
func (s *Store) Authenticator() glossia.TokenAuthenticator { return &service{s} }

// Audit returns the audit log service.
func (s *Store) Audit() glossia.AuditService { return &service{s} }

// service implements every glossia service interface on a Store. Its
// methods check scopes and policy themselves, so no surface can skip them.
type service struct{ s *Store }
