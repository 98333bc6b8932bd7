package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"
)

// TestServeDefaults runs the binary as a newcomer would, with no
// configuration but a free port: it creates glossia.db in the working
// directory, tells where to open it, answers /healthz, and exits cleanly on
// SIGTERM.
func TestServeDefaults(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(glossiaBinary(t))
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "GLOSSIA_ADDR=127.0.0.1:0"}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	urls := make(chan string, 1)
	go func() {
		open := regexp.MustCompile(`open (http://127\.0\.0\.1:\d+) in your browser`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := open.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
				break
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	var url string
	select {
	case url = <-urls:
	case <-time.After(30 * time.Second):
		t.Fatal("glossia did not say where to open it within 30s")
	}
	resp, err := http.Get(url + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	if _, err := os.Stat(filepath.Join(dir, "glossia.db")); err != nil {
		t.Errorf("glossia.db was not created in the working directory: %v", err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("glossia exited with %v after SIGTERM, want a clean exit", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("glossia did not stop within 30s of SIGTERM")
	}
}
