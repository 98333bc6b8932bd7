package server

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/glossia/glossia"
)

// BenchmarkAuthenticatedRequest measures the server's own cost on an
// authenticated GET /api/user: middleware, Bearer parsing, logging,
// metrics and encoding, with in-memory fakes for the token store and the
// user service.
func BenchmarkAuthenticatedRequest(b *testing.B) {
	secret := glossia.NewTokenSecret()
	expires := time.Now().Add(time.Hour)
	auth := &fakeAuthenticator{actors: map[string]*glossia.Actor{
		secret: {UserID: "u1", Handle: "ada", TokenID: "t1", Scopes: []glossia.Scope{glossia.ScopeUserRead}, TokenExpiresAt: &expires},
	}}
	h := NewServer(Deps{
		Logger:   slog.New(slog.NewJSONHandler(io.Discard, nil)),
		Services: glossia.Services{Users: fakeUsers{}},
		Tokens:   auth,
	})
	b.ReportAllocs()
	for b.Loop() {
		auth.origins = auth.origins[:0]
		r := httptest.NewRequest("GET", "/api/user", nil)
		r.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
