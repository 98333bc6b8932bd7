package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/server"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

// mustUser finds a user of the site by handle.
func mustUser(tb testing.TB, s *site, handle string) *glossia.User {
	tb.Helper()
	u, err := s.Store.Identity().FindUserByHandle(context.Background(), handle)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

func TestSignUpSignsInAndLandsOnTokens(t *testing.T) {
	s := MustStartSite(t, nil)
	b := s.NewBrowser(t)
	form := url.Values{
		"csrf_token": {b.MustCSRF("/signup")},
		"handle":     {"grace"}, "name": {"Grace Hopper"}, "email": {"grace@example.com"},
		"password": {"a long enough passphrase"},
	}
	r := b.Post("/signup", form)
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/settings/api/tokens") {
		t.Fatalf("sign up: status %d, Location %q", r.StatusCode, r.Header.Get("Location"))
	}
	list := b.Get("/settings/api/tokens")
	if list.StatusCode != http.StatusOK || !strings.Contains(list.Body, "grace") {
		t.Fatalf("token list after sign-up: status %d", list.StatusCode)
	}
	events, err := s.Store.Audit().ListAuditEvents(sqltest.SessionContext(context.Background(), mustUser(t, s, "grace")), glossia.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(events.Events); n == 0 || events.Events[n-1].Via != glossia.SurfaceDashboard || events.Events[n-1].IP != "127.0.0.1" {
		t.Errorf("the sign-up is not audited as coming from the dashboard at 127.0.0.1: %+v", events.Events)
	}
}

func TestSignUpErrorsKeepInputButNotPassword(t *testing.T) {
	s := MustStartSite(t, nil)
	sqltest.MustSignUp(t, s.Store, "ada")
	b := s.NewBrowser(t)
	tests := []struct {
		name      string
		form      url.Values
		status    int
		wantInBox []string
	}{
		{"invalid fields", url.Values{"handle": {"API"}, "name": {"Grace"}, "email": {"not-an-email"}, "password": {"short-pw"}},
			http.StatusUnprocessableEntity, []string{`id="handle-error"`, `id="email-error"`, `id="password-error"`, `value="Grace"`, `value="not-an-email"`}},
		{"handle taken", url.Values{"handle": {"ada"}, "name": {"Other Ada"}, "email": {"other@example.com"}, "password": {"secret passphrase 42"}},
			http.StatusConflict, []string{`role="alert"`, `value="Other Ada"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.form.Set("csrf_token", b.MustCSRF("/signup"))
			r := b.Post("/signup", tt.form)
			if r.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%s", r.StatusCode, tt.status, r.Body)
			}
			for _, want := range tt.wantInBox {
				if !strings.Contains(r.Body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			if strings.Contains(r.Body, tt.form.Get("password")) {
				t.Error("the page echoes the password")
			}
		})
	}
}

func TestSignOutEndsTheSession(t *testing.T) {
	s := MustStartSite(t, nil)
	_, b := s.MustUserWithBrowser(t, "ada")
	cookie := b.Cookie("glossia_session")
	if cookie == "" {
		t.Fatal("no session cookie after sign-in")
	}
	r := b.Post("/signout", url.Values{"csrf_token": {b.MustCSRF("/settings/api/tokens")}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/signin" {
		t.Fatalf("sign out: status %d, Location %q", r.StatusCode, r.Header.Get("Location"))
	}
	if b.Cookie("glossia_session") != "" {
		t.Error("the browser still holds the session cookie")
	}
	// Replaying the old cookie, as a thief who copied it would, gets nothing.
	thief := s.NewBrowser(t)
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/settings/api/tokens", nil)
	req.AddCookie(&http.Cookie{Name: "glossia_session", Value: cookie})
	got := thief.Do(req)
	if got.StatusCode != http.StatusSeeOther || !strings.HasPrefix(got.Header.Get("Location"), "/signin") {
		t.Fatalf("old cookie after sign-out: status %d, Location %q; want a redirect to /signin", got.StatusCode, got.Header.Get("Location"))
	}
}

func TestSignInIssuesANewSessionID(t *testing.T) {
	s := MustStartSite(t, nil)
	u := sqltest.MustSignUp(t, s.Store, "ada")
	first := s.NewBrowser(t)
	first.MustSignIn(u)
	// A session id planted before sign-in (session fixation) is replaced.
	planted := strings.Repeat("ab", 32)
	b := s.NewBrowser(t)
	base, _ := url.Parse(s.URL)
	b.c.Jar.SetCookies(base, []*http.Cookie{{Name: "glossia_session", Value: planted, Path: "/"}})
	b.MustSignIn(u)
	got := b.Cookie("glossia_session")
	if got == "" || got == planted || got == first.Cookie("glossia_session") {
		t.Fatalf("sign-in did not issue a fresh session id")
	}
}

func TestSignInRateLimit(t *testing.T) {
	const limit = 3
	s := MustStartSite(t, func(c *server.Config) { c.FailedAuthPerMinute = limit })
	u := sqltest.MustSignUp(t, s.Store, "ada")
	b := s.NewBrowser(t)
	attempt := func(email, password string) *response {
		return b.Post("/signin", url.Values{"csrf_token": {b.MustCSRF("/signin")}, "email": {email}, "password": {password}})
	}
	failures := []struct{ email, password string }{
		{u.Email, "wrong password"},
		{"nobody@example.com", "wrong password"},
		{strings.ToUpper(u.Email), "also wrong"},
	}
	for i, f := range failures {
		r := attempt(f.email, f.password)
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Incorrect email or password.") {
			t.Fatalf("failure %d: status %d; want 422 with the one failure message", i+1, r.StatusCode)
		}
	}
	r := attempt(u.Email, sqltest.Password)
	if r.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after %d failures even the right password: status %d, want 429", limit, r.StatusCode)
	}
	if r.Header.Get("Retry-After") == "" {
		t.Error("the 429 page has no Retry-After")
	}
	if !strings.Contains(r.Body, "Too many") {
		t.Error("the 429 page does not say what happened")
	}
	if b.Cookie("glossia_session") != "" {
		t.Error("a rate-limited sign-in set a session")
	}
}

func TestSignInNextStaysOnTheSite(t *testing.T) {
	s := MustStartSite(t, nil)
	u := sqltest.MustSignUp(t, s.Store, "ada")
	tests := []struct{ next, want string }{
		{"/organizations", "/organizations"},
		{"//evil.example/x", "/"},
		{"https://evil.example/", "/"},
		{"/\\evil.example", "/"},
	}
	for _, tt := range tests {
		t.Run(tt.next, func(t *testing.T) {
			b := s.NewBrowser(t)
			form := url.Values{"csrf_token": {b.MustCSRF("/signin")}, "email": {u.Email}, "password": {sqltest.Password}, "next": {tt.next}}
			r := b.Post("/signin", form)
			if got := r.Header.Get("Location"); got != tt.want {
				t.Fatalf("Location %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHomeRedirects(t *testing.T) {
	s := MustStartSite(t, nil)
	if r := s.NewBrowser(t).Get("/"); r.Header.Get("Location") != "/signin" {
		t.Errorf("signed out: Location %q, want /signin", r.Header.Get("Location"))
	}
	_, b := s.MustUserWithBrowser(t, "ada")
	if r := b.Get("/"); r.Header.Get("Location") != "/settings/api/tokens" {
		t.Errorf("signed in: Location %q, want /settings/api/tokens", r.Header.Get("Location"))
	}
	if r := s.NewBrowser(t).Get("/settings/api/tokens/new"); r.Header.Get("Location") != "/signin?next=%2Fsettings%2Fapi%2Ftokens%2Fnew" {
		t.Errorf("a page signed out: Location %q, want the sign-in page with next", r.Header.Get("Location"))
	}
}
