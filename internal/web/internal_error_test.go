package web_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
	"github.com/glossia/glossia/internal/testenv"
	"github.com/glossia/glossia/internal/web"
)

// failingTokens is a TokenService whose list fails as a broken database
// would.
type failingTokens struct{ glossia.TokenService }

func (failingTokens) ListTokens(context.Context, glossia.TokenFilter) (*glossia.TokenPage, error) {
	return nil, errors.New("query tokens: connection reset by peer 10.1.2.3")
}

func TestInternalErrorShowsA500PageAndLogsTheDetails(t *testing.T) {
	st := sqltest.Open(t, "sqlite", sqlstore.Options{})
	u := sqltest.MustSignUp(t, st, "ada")
	secret, _, err := st.Sessions().CreateSession(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	services := st.Services()
	services.Tokens = failingTokens{services.Tokens}
	logs := &testenv.Buffer{}
	h := web.New(web.Deps{
		Services: services, Identity: st.Identity(), Sessions: st.Sessions(),
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
	})
	req := httptest.NewRequest(http.MethodGet, "/settings/api/tokens", nil)
	req.AddCookie(&http.Cookie{Name: "glossia_session", Value: secret})
	rec := httptest.NewRecorder()
	h.TokenList(rec, req)

	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	body := rec.Body.String()
	if strings.Contains(body, "connection reset") || !strings.Contains(body, "Something went wrong") {
		t.Errorf("the 500 page must say something went wrong without the details:\n%s", body)
	}
	if !strings.Contains(logs.String(), "connection reset by peer") {
		t.Errorf("the details are not logged: %q", logs.String())
	}
	if rec.Header().Get("Content-Security-Policy") == "" {
		t.Error("the 500 page lacks the security headers")
	}
}
