package main

import (
	"context"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/glossia/glossia/internal/testenv"
)

// chromiumPath is where Debian's chromium package puts the browser.
const chromiumPath = "/usr/bin/chromium"

// newBrowser starts headless Chromium with a fresh profile and returns a
// chromedp context for one tab; the browser stops when the test ends. A
// missing browser fails the test where CI requires one (testenv) and skips
// it elsewhere.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath(chromiumPath)
	if err != nil {
		if path, err = exec.LookPath("chromium"); err != nil {
			testenv.Unavailable(t, "browser", "chromium is not installed (apt-get install chromium)")
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	// The first Do starts the browser; its context has no deadline, so the
	// browser lives until cleanup.
	if err := chromedp.Do(ctx); err != nil {
		testenv.Unavailable(t, "browser", "chromium does not start: "+err.Error())
	}
	return ctx
}
