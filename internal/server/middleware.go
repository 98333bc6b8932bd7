package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/glossia/glossia/internal/httpx"
)

// RequestIDHeader carries the request id in every response.
const RequestIDHeader = "X-Request-Id"

// requestInfo collects what inner handlers learn about a request for the
// request log: the bearer middleware fills in the token id.
type requestInfo struct {
	tokenID string
}

type infoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	info, _ := ctx.Value(infoKey{}).(*requestInfo)
	return info
}

// withRequestContext gives each request an id (echoed in X-Request-Id),
// its client IP (the socket peer unless it is a trusted proxy) and a
// requestInfo for the log.
func (s *server) withRequestContext(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := httpx.NewRequestID()
		ctx := httpx.WithRequestID(r.Context(), id)
		ctx = httpx.WithClientIP(ctx, httpx.ClientIP(r, s.cfg.TrustedProxies))
		ctx = context.WithValue(ctx, infoKey{}, &requestInfo{})
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// observe logs every request and records its metrics, and turns a panic
// into a 500 problem with the details in the log. It reads the route
// pattern the mux sets on r, so it must receive the very request the mux
// serves. The log holds the request id, method, route pattern (never the
// path, which a careless client might fill with a secret), status,
// duration, bytes, client IP and token id: never a header or a body.
func (s *server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logger.ErrorContext(r.Context(), "panic serving a request",
					"request_id", httpx.RequestIDFrom(r.Context()), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if rec.status == 0 {
					s.api.WriteError(rec, r, fmt.Errorf("panic: %v", v))
				}
			}
			s.record(r, rec, time.Since(start))
		}()
		next.ServeHTTP(rec, r)
	})
}

func (s *server) record(r *http.Request, rec *recorder, elapsed time.Duration) {
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	route := routeLabel(r.Pattern)
	s.metrics.observe(route, r.Method, status, elapsed)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	ctx := r.Context()
	attrs := []slog.Attr{
		slog.String("request_id", httpx.RequestIDFrom(ctx)),
		slog.String("method", r.Method),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
		slog.Int64("bytes", rec.bytes),
		slog.String("ip", httpx.ClientIPFrom(ctx)),
	}
	if info := infoFrom(ctx); info != nil && info.tokenID != "" {
		attrs = append(attrs, slog.String("token_id", info.tokenID))
	}
	s.logger.LogAttrs(ctx, level, "request", attrs...)
}

// recorder remembers the status and size of a response. It keeps
// http.ResponseController working (Flush for streamed MCP responses)
// through Unwrap.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 && status >= 200 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(p []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(p)
	rec.bytes += int64(n)
	return n, err
}

// Flush sends buffered data to the client.
func (rec *recorder) Flush() {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	http.NewResponseController(rec.ResponseWriter).Flush()
}

// Unwrap returns the underlying ResponseWriter for http.ResponseController.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }
