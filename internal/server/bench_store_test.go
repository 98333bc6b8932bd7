package server_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/server"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

// BenchmarkUserRequest measures the whole stack of an authenticated GET
// /api/user on each engine: middleware, token authentication (one indexed
// read), the user read, logging and encoding, without the network.
func BenchmarkUserRequest(b *testing.B) {
	for _, engine := range sqltest.Engines(b) {
		b.Run(engine, func(b *testing.B) {
			st := sqltest.Open(b, engine, sqlstore.Options{})
			user := sqltest.MustSignUp(b, st, "ada")
			_, secret := sqltest.MustCreateToken(b, st, user, glossia.ScopeUserRead)
			h := server.NewServer(server.Deps{
				Logger:   slog.New(slog.NewJSONHandler(io.Discard, nil)),
				Services: st.Services(),
				Tokens:   st.Authenticator(),
			})
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest("GET", "/api/user", nil)
				r.Header.Set("Authorization", "Bearer "+secret)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, r)
				if rec.Code != 200 {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
