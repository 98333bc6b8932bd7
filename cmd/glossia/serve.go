package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/server"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// runServe runs the server until ctx is cancelled (SIGINT or SIGTERM), then
// shuts down gracefully: in-flight requests finish, pending last-used
// updates are flushed, the database is closed.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseServerConfig("serve", args, getenv, stdout)
	if err != nil {
		return err
	}
	logger := newLogger(cfg.LogFormat, cfg.LogLevel, stderr)

	store, err := sqlstore.Open(ctx, storeOptions(cfg, logger))
	if err != nil {
		return fmt.Errorf("opening the database: %w", err)
	}
	defer func() {
		if err := store.Close(); err != nil {
			logger.Error("closing the database", "err", err)
		}
	}()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", cfg.Addr, err)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://" + browsableAddr(ln.Addr().(*net.TCPAddr))
	}

	stopping := make(chan struct{})
	srv := &http.Server{
		Handler:           server.NewServer(serverDeps(cfg, store, logger, stopping)),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(func() { close(stopping) })
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Info("Glossia is running: open "+cfg.BaseURL+" in your browser",
		"url", cfg.BaseURL, "addr", ln.Addr().String(), "database", store.Dialect(), "version", version())

	select {
	case err := <-served:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

func storeOptions(cfg *serverConfig, logger *slog.Logger) sqlstore.Options {
	return sqlstore.Options{
		URL:              cfg.DatabaseURL,
		Logger:           logger,
		LastUsedInterval: cfg.LastUsedInterval,
		Limits: glossia.TokenLimits{
			MaxLifetime:   cfg.MaxTokenLifetime,
			MaxLiveTokens: cfg.MaxLiveTokens,
		},
	}
}

func serverDeps(cfg *serverConfig, store *sqlstore.Store, logger *slog.Logger, stopping <-chan struct{}) server.Deps {
	failedAuth := cfg.FailedAuthPerMinute
	if failedAuth == 0 {
		failedAuth = -1 // the server reads 0 as its default; here 0 means off
	}
	return server.Deps{
		Config: server.Config{
			BaseURL:                cfg.BaseURL,
			TrustedProxies:         cfg.TrustedProxies,
			FailedAuthPerMinute:    failedAuth,
			TokenRequestsPerMinute: cfg.TokenRatePerMinute,
			MCPStateless:           cfg.MCPStateless,
			Version:                version(),
		},
		Logger:   logger,
		Services: store.Services(),
		Identity: store.Identity(),
		Sessions: store.Sessions(),
		Tokens:   store.Authenticator(),
		Audit:    store.Audit(),
		Ready:    store.Ping,
		Metrics:  newRegistry(store),
		Stopping: stopping,
	}
}

// newRegistry returns the Prometheus registry with the process, Go runtime
// and store counters.
func newRegistry(store *sqlstore.Store) *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "glossia_token_lookups_total",
			Help: "Database reads done to authenticate account tokens.",
		}, func() float64 { return float64(store.Stats().TokenLookups) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "glossia_db_writes_total",
			Help: "Write statements executed on the database, all causes.",
		}, func() float64 { return float64(store.Stats().Writes) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "glossia_last_used_writes_total",
			Help: "Write statements executed by coalesced last-used flushes.",
		}, func() float64 { return float64(store.Stats().LastUsedWrites) }),
	)
	return reg
}

// browsableAddr turns a listening address into one a browser can open:
// an unspecified IP (listening everywhere) becomes localhost.
func browsableAddr(a *net.TCPAddr) string {
	if a.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", a.Port)
	}
	return a.String()
}
