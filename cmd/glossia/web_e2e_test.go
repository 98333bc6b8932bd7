package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

// TestDashboardTokenFlowInBrowser drives headless Chromium through the
// flow of issue 4: sign up, open Account tokens from the sidebar's API
// section, create a token, use its secret once shown, see it vanish on
// reload, watch the list show its last use, rename it and revoke it from
// the danger zone.
func TestDashboardTokenFlowInBrowser(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		srv := startServer(t, engine, "GLOSSIA_LAST_USED_INTERVAL=1s")
		ctx := newBrowser(t)
		f := &flow{t: t, ctx: ctx, base: srv.URL, shots: screenshotsDir(t), prefix: engine + "-"}
		f.run()
		if strings.Contains(srv.Logs.String(), f.secret) {
			t.Error("the token secret appears in the server log")
		}
	})
}

var secretRE = regexp.MustCompile(`^glsa_[0-9a-f]{48}$`)

// flow is one run of the browser flow.
type flow struct {
	t      *testing.T
	ctx    context.Context
	base   string
	shots  string
	prefix string
	secret string
}

func (f *flow) run() {
	t := f.t
	ctx, cancel := context.WithTimeout(f.ctx, 3*time.Minute)
	defer cancel()
	f.ctx = ctx
	problems := f.watchConsole()
	defer func() {
		for _, p := range problems() {
			t.Errorf("browser console: %s", p)
		}
	}()

	// Sign up.
	f.do("open the sign-up page", chromedp.Navigate(f.base+"/signup"))
	f.do("fill the sign-up form",
		chromedp.SendKeys(chromedp.ID("name"), "Ada Lovelace"),
		chromedp.SendKeys(chromedp.ID("handle"), "ada"),
		chromedp.SendKeys(chromedp.ID("email"), "ada@example.com"),
		chromedp.SendKeys(chromedp.ID("password"), "correct horse battery"),
	)
	f.navigate("create the account", chromedp.Click(chromedp.CSS(`form[action="/signup"] button[type="submit"]`)))

	// Sidebar: API → Account tokens.
	f.navigate("open Projects from the sidebar", chromedp.Click(chromedp.CSS(`nav.sidebar a[href="/projects"]`)))
	if got := f.text(chromedp.CSS("#nav-api")); got != "API" {
		t.Fatalf("the sidebar section holding Account tokens is %q, want API", got)
	}
	f.navigate("open Account tokens from the sidebar", chromedp.Click(chromedp.CSS(`nav.sidebar a[href="/settings/api/tokens"]`)))
	f.wantPath("/settings/api/tokens")

	// New token.
	f.navigate("open the new-token form", chromedp.Click(chromedp.CSS(`.page-header a[href="/settings/api/tokens/new"]`)))
	f.wantPath("/settings/api/tokens/new")
	f.screenshot("token-new")
	f.do("fill the new-token form",
		chromedp.SendKeys(chromedp.ID("name"), "CI deploy"),
		chromedp.SendKeys(chromedp.ID("description"), "Deploys the docs site from CI"),
		chromedp.Click(chromedp.CSS(`input[name="scopes"][value="project:read"]`)),
		chromedp.Click(chromedp.CSS(`input[name="scopes"][value="user:read"]`)),
		chromedp.Click(chromedp.CSS(`input[name="expiration"][value="30"]`)),
	)
	f.navigate("create the token", chromedp.Click(chromedp.CSS(`form[action="/settings/api/tokens"] button[type="submit"]`)))

	// The created page shows the secret once.
	f.secret = f.value(chromedp.ID("token-secret"))
	if !secretRE.MatchString(f.secret) {
		t.Fatalf("the created page shows %q, not a glsa_ secret", f.secret)
	}
	if got := f.text(chromedp.CSS(".alert-warning")); !strings.Contains(got, "will not be shown again") {
		t.Errorf("the created page warns %q", got)
	}
	f.screenshot("token-created")
	f.do("copy the secret", chromedp.Click(chromedp.CSS(`button[data-copy="token-secret"]`)))
	// The clipboard answers asynchronously; wait for the feedback, bounded.
	feedback := ""
	for deadline := time.Now().Add(5 * time.Second); feedback == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		feedback = f.text(chromedp.CSS("#copy-status"))
	}
	if feedback == "" {
		t.Error("the Copy button gave no feedback")
	}
	if status := f.api(http.MethodGet, "/api/projects"); status != http.StatusOK {
		t.Fatalf("GET /api/projects with the new token: %d, want 200", status)
	}

	// Reload: the secret is gone and the list shows the token.
	f.do("reload", chromedp.Reload())
	f.wantPath("/settings/api/tokens")
	if html := f.html(); strings.Contains(html, f.secret) {
		t.Fatal("the secret is still on the page after reload")
	}
	row := `table.tokens tbody tr`
	if got := f.text(chromedp.CSS(row + ` th`)); !strings.Contains(got, "CI deploy") {
		t.Fatalf("the list's first token is %q", got)
	}
	if got := f.text(chromedp.CSS(row + ` td[data-label="Scopes"]`)); !strings.Contains(got, "project:read") || !strings.Contains(got, "user:read") {
		t.Errorf("the list shows scopes %q", got)
	}
	if got := f.text(chromedp.CSS(row + ` td.last-used`)); got != "Never" {
		t.Errorf("last used before the flush shows %q, want Never", got)
	}

	// The API call above is flushed within about a second; reload until the
	// list shows it, for at most 20 seconds.
	lastUsed := "Never"
	for deadline := time.Now().Add(20 * time.Second); lastUsed == "Never" && time.Now().Before(deadline); {
		time.Sleep(500 * time.Millisecond)
		f.do("reload for last use", chromedp.Reload())
		lastUsed = f.text(chromedp.CSS(row + ` td.last-used`))
	}
	if !strings.HasSuffix(lastUsed, "ago") {
		t.Fatalf("last used shows %q after the flush, want a time ago", lastUsed)
	}
	if got := f.text(chromedp.CSS(row + ` td.expires`)); !strings.Contains(got, "in 30 days") && !strings.Contains(got, "in 29 days") {
		t.Errorf("expiration shows %q, want a date in 30 days", got)
	}
	f.screenshot("token-list")

	// Edit the name.
	f.navigate("open the token", chromedp.Click(chromedp.CSS(row+` a.row-title`)))
	f.screenshot("token-edit")
	f.do("rename", chromedp.Clear(chromedp.ID("name")), chromedp.SendKeys(chromedp.ID("name"), "CI deploy (prod)"))
	f.navigate("save", chromedp.Click(chromedp.CSS(`form.form button[type="submit"]`)))
	f.wantPath("/settings/api/tokens")
	if got := f.text(chromedp.CSS(row + ` th`)); !strings.Contains(got, "CI deploy (prod)") {
		t.Fatalf("after the edit the list shows %q", got)
	}

	// Revoke from the danger zone, accepting the confirmation.
	f.navigate("open the token again", chromedp.Click(chromedp.CSS(row+` a.row-title`)))
	dialogs := chromedp.Events(f.ctx, page.JavascriptDialogOpening)
	asked := make(chan string, 1)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			asked <- ev.Message
			chromedp.Call(f.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
			return
		}
	}()
	f.navigate("revoke", chromedp.Click(chromedp.CSS(`.danger-zone button[type="submit"]`)))
	select {
	case msg := <-asked:
		if !strings.Contains(msg, "Revoke") {
			t.Errorf("the confirmation asked %q", msg)
		}
	default:
		t.Error("revoking did not ask for confirmation")
	}
	f.wantPath("/settings/api/tokens")
	if status := f.api(http.MethodGet, "/api/projects"); status != http.StatusUnauthorized {
		t.Fatalf("GET /api/projects with the revoked token: %d, want 401", status)
	}

	// The security log records what the dashboard did.
	f.navigate("open the security log", chromedp.Click(chromedp.CSS(`nav.sidebar a[href="/settings/security-log"]`)))
	if log := f.text(chromedp.CSS("table")); !strings.Contains(log, "token.create") || !strings.Contains(log, "token.revoke") || !strings.Contains(log, "dashboard") {
		t.Errorf("the security log shows %q, want the token's creation and revocation via the dashboard", log)
	}
	f.screenshot("security-log")

	// Phone width.
	f.do("phone viewport", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	f.navigate("open the revoked list", chromedp.Navigate(f.base+"/settings/api/tokens?status=all"))
	f.screenshot("token-list-phone")
	f.navigate("open the form at phone width", chromedp.Navigate(f.base+"/settings/api/tokens/new"))
	f.screenshot("token-new-phone")
}

// watchConsole collects the browser console's exceptions and Content
// Security Policy violations until the flow's context ends, and returns a
// func that reports them.
func (f *flow) watchConsole() func() []string {
	var mu sync.Mutex
	var problems []string
	messages := chromedp.Console(f.ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if text := m.String(); m.IsException() || strings.Contains(text, "Content Security Policy") {
				mu.Lock()
				problems = append(problems, text)
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(problems)
	}
}

// do runs actions, failing the test on error.
func (f *flow) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	f.t.Helper()
	if err := chromedp.Do(f.ctx, actions...); err != nil {
		f.t.Fatalf("%s: %v", what, err)
	}
}

// navigate runs actions that load a page and fails unless it loads with a
// success status.
func (f *flow) navigate(what string, actions ...chromedp.Action[chromedp.Void]) {
	f.t.Helper()
	resp, err := chromedp.RunResponse(f.ctx, actions...)
	if err != nil {
		f.t.Fatalf("%s: %v", what, err)
	}
	if resp != nil && resp.Status >= 400 {
		f.t.Fatalf("%s: %s answered %d", what, resp.URL, resp.Status)
	}
}

func (f *flow) text(sel chromedp.CSS) string { return f.query(chromedp.Text(sel)) }

func (f *flow) value(sel chromedp.ID) string { return f.query(chromedp.Value(sel)) }

func (f *flow) html() string {
	return f.query(chromedp.Evaluate[string](`document.documentElement.outerHTML`))
}

func (f *flow) query(a chromedp.Action[string]) string {
	f.t.Helper()
	s, err := chromedp.Run(f.ctx, a)
	if err != nil {
		f.t.Fatalf("read the page: %v", err)
	}
	return strings.TrimSpace(s)
}

// wantPath fails unless the browser is at path.
func (f *flow) wantPath(path string) {
	f.t.Helper()
	loc := f.query(chromedp.Location())
	if got := strings.TrimPrefix(loc, f.base); got != path && !strings.HasPrefix(got, path+"?") {
		f.t.Fatalf("the browser is at %s, want %s", got, path)
	}
}

// api calls the REST API with the flow's secret and returns the status.
func (f *flow) api(method, path string) int {
	f.t.Helper()
	req, err := http.NewRequestWithContext(f.ctx, method, f.base+path, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+f.secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatalf("%s %s: %v", method, path, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// screenshot saves a full-page PNG when GLOSSIA_SCREENSHOTS_DIR is set.
func (f *flow) screenshot(name string) {
	f.t.Helper()
	if f.shots == "" {
		return
	}
	png, err := chromedp.Run(f.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		f.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(f.shots, f.prefix+name+".png"), png, 0o644); err != nil {
		f.t.Fatal(err)
	}
}

// screenshotsDir returns GLOSSIA_SCREENSHOTS_DIR, created, or "".
func screenshotsDir(t *testing.T) string {
	dir := os.Getenv("GLOSSIA_SCREENSHOTS_DIR")
	if dir == "" {
		return ""
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
