package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/server"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
	"github.com/glossia/glossia/internal/testenv"
)

// site is the whole service (API and dashboard) on a fresh SQLite store,
// served by httptest, with its logs captured.
type site struct {
	URL   string
	Store *sqlstore.Store
	Logs  *testenv.Buffer
}

// MustStartSite starts the service; cfg tweaks its configuration before
// the handler is built (BaseURL is the test server's URL unless set).
func MustStartSite(tb testing.TB, cfg func(*server.Config)) *site {
	tb.Helper()
	st := sqltest.Open(tb, "sqlite", sqlstore.Options{})
	ts := httptest.NewUnstartedServer(nil)
	s := &site{URL: "http://" + ts.Listener.Addr().String(), Store: st, Logs: &testenv.Buffer{}}
	c := server.Config{BaseURL: s.URL}
	if cfg != nil {
		cfg(&c)
	}
	ts.Config.Handler = server.NewServer(server.Deps{
		Config:   c,
		Logger:   slog.New(slog.NewTextHandler(s.Logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Services: st.Services(),
		Identity: st.Identity(),
		Sessions: st.Sessions(),
		Tokens:   st.Authenticator(),
		Audit:    st.Audit(),
		Ready:    st.Ping,
	})
	ts.Start()
	tb.Cleanup(ts.Close)
	return s
}

// browser is an HTTP client that behaves like a browser on the site: it
// keeps cookies, does not follow redirects, and sends the same-origin
// headers a browser sends with a form.
type browser struct {
	tb   testing.TB
	site *site
	c    *http.Client
}

// response is what a request got back.
type response struct {
	*http.Response
	Body string
}

// NewBrowser returns a browser with an empty cookie jar.
func (s *site) NewBrowser(tb testing.TB) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return &browser{tb: tb, site: s, c: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Do sends req and reads the whole response.
func (b *browser) Do(req *http.Request) *response {
	b.tb.Helper()
	resp, err := b.c.Do(req)
	if err != nil {
		b.tb.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.tb.Fatalf("%s %s: read body: %v", req.Method, req.URL.Path, err)
	}
	return &response{Response: resp, Body: string(body)}
}

// Get loads a page.
func (b *browser) Get(path string) *response {
	b.tb.Helper()
	req, err := http.NewRequest(http.MethodGet, b.site.URL+path, nil)
	if err != nil {
		b.tb.Fatal(err)
	}
	return b.Do(req)
}

// Post submits a form the way a browser does from one of the site's pages.
func (b *browser) Post(path string, form url.Values) *response {
	b.tb.Helper()
	return b.PostWith(path, form, http.Header{"Origin": {b.site.URL}, "Sec-Fetch-Site": {"same-origin"}})
}

// PostWith submits a form with the given extra headers.
func (b *browser) PostWith(path string, form url.Values, h http.Header) *response {
	b.tb.Helper()
	req, err := http.NewRequest(http.MethodPost, b.site.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, vs := range h {
		req.Header[k] = vs
	}
	return b.Do(req)
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// MustCSRF returns the CSRF token of the first form on the page at path.
func (b *browser) MustCSRF(path string) string {
	b.tb.Helper()
	r := b.Get(path)
	m := csrfField.FindStringSubmatch(r.Body)
	if m == nil {
		b.tb.Fatalf("GET %s (%d): no csrf_token field in the page", path, r.StatusCode)
	}
	return m[1]
}

// MustSignIn signs in through the form with the sqltest password.
func (b *browser) MustSignIn(u *glossia.User) {
	b.tb.Helper()
	token := b.MustCSRF("/signin")
	r := b.Post("/signin", url.Values{"csrf_token": {token}, "email": {u.Email}, "password": {sqltest.Password}})
	if r.StatusCode != http.StatusSeeOther {
		b.tb.Fatalf("sign in as %s: status %d, want 303\n%s", u.Handle, r.StatusCode, r.Body)
	}
}

// Cookie returns the value of the named cookie the browser holds for the
// site, or "".
func (b *browser) Cookie(name string) string {
	u, _ := url.Parse(b.site.URL)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// MustUserWithBrowser signs up a user in the store and signs them in.
func (s *site) MustUserWithBrowser(tb testing.TB, handle string) (*glossia.User, *browser) {
	tb.Helper()
	u := sqltest.MustSignUp(tb, s.Store, handle)
	b := s.NewBrowser(tb)
	b.MustSignIn(u)
	return u, b
}

// MustCreateToken creates a token through the new-token form and returns
// the created page.
func (b *browser) MustCreateToken(name string, scopes ...string) *response {
	b.tb.Helper()
	form := url.Values{
		"csrf_token": {b.MustCSRF("/settings/api/tokens/new")},
		"name":       {name},
		"scopes":     scopes,
		"expiration": {"30"},
	}
	r := b.Post("/settings/api/tokens", form)
	if r.StatusCode != http.StatusCreated {
		b.tb.Fatalf("create token %q: status %d, want 201\n%s", name, r.StatusCode, r.Body)
	}
	return r
}

var secretPattern = regexp.MustCompile(`glsa_[0-9a-f]{48}`)

// tokens lists u's tokens of every status through the service.
func (s *site) tokens(tb testing.TB, u *glossia.User) []*glossia.Token {
	tb.Helper()
	page, err := s.Store.Services().Tokens.ListTokens(sqltest.SessionContext(context.Background(), u), glossia.TokenFilter{Status: glossia.TokenFilterAll})
	if err != nil {
		tb.Fatal(err)
	}
	return page.Tokens
}
