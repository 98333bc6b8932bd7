package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glossia/glossia/internal/sqlstore/sqltest"
	"github.com/glossia/glossia/internal/testenv"
)

// testPassword is the password of every user the harness creates.
const testPassword = "correct horse battery"

// testServer is a real `glossia serve` started through run, in-process, on a
// fresh database.
type testServer struct {
	URL         string
	DatabaseURL string
	Logs        *logBuffer

	env    map[string]string
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
}

// startServer runs `run(ctx, {"serve"}, …)` on 127.0.0.1:0 with a fresh
// database of engine ("sqlite" or "postgres") and JSON logs captured, waits
// until it is ready, and stops it at cleanup. env adds "GLOSSIA_X=v" settings.
func startServer(t *testing.T, engine string, env ...string) *testServer {
	t.Helper()
	return startServerOn(t, sqltest.URL(t, engine), env...)
}

// startServerOn is startServer on an existing database: several instances
// on one database behave as behind a load balancer.
func startServerOn(t *testing.T, databaseURL string, env ...string) *testServer {
	t.Helper()
	s := &testServer{
		DatabaseURL: databaseURL,
		Logs:        &logBuffer{},
		done:        make(chan error, 1),
	}
	s.env = map[string]string{
		"GLOSSIA_ADDR":         "127.0.0.1:0",
		"GLOSSIA_DATABASE_URL": s.DatabaseURL,
		"GLOSSIA_LOG_FORMAT":   "json",
		"GLOSSIA_LOG_LEVEL":    "debug",
	}
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			t.Fatalf("startServer: env %q is not KEY=VALUE", kv)
		}
		s.env[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go func() {
		s.done <- run(ctx, []string{"serve"}, s.getenv, strings.NewReader(""), io.Discard, s.Logs)
	}()
	t.Cleanup(func() {
		s.Stop(t)
		assertNoSecrets(t, s.Logs.String())
	})

	deadline := time.Now().Add(30 * time.Second)
	for s.URL == "" {
		select {
		case err := <-s.done:
			t.Fatalf("glossia serve exited before it was ready: %v\nlogs:\n%s", err, s.Logs)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("glossia serve did not log its URL within 30s; logs:\n%s", s.Logs)
		}
		s.URL = s.Logs.field("url")
		time.Sleep(5 * time.Millisecond)
	}
	resp, err := http.Get(s.URL + "/readyz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /readyz: %v %v", resp, err)
	}
	resp.Body.Close()
	return s
}

func (s *testServer) getenv(key string) string { return s.env[key] }

// Stop shuts the server down gracefully, as SIGTERM would, and waits for run
// to return. It fails the test if run returned an error.
func (s *testServer) Stop(t *testing.T) {
	t.Helper()
	s.once.Do(func() {
		s.cancel()
		select {
		case err := <-s.done:
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("glossia serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Errorf("glossia serve did not stop within 30s")
		}
	})
}

// Run runs another glossia command in-process against the server's database
// and URL, as an operator or a client on the same machine would.
func (s *testServer) Run(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := func(key string) string {
		switch key {
		case "GLOSSIA_URL":
			return s.URL
		case "GLOSSIA_ADDR":
			return ""
		}
		return s.env[key]
	}
	err = run(context.Background(), args, env, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

// CreateUser creates a user with the operator command; the password is
// testPassword and the email HANDLE@example.com.
func (s *testServer) CreateUser(t *testing.T, handle string) {
	t.Helper()
	_, stderr, err := s.Run(t, testPassword+"\n", "admin", "create-user",
		"--handle", handle, "--email", handle+"@example.com", "--name", strings.ToUpper(handle[:1])+handle[1:], "--password-stdin")
	if err != nil {
		t.Fatalf("admin create-user %s: %v\n%s", handle, err, stderr)
	}
}

// CreateToken creates a never-expiring token for a user with the operator
// command and returns its secret.
func (s *testServer) CreateToken(t *testing.T, handle string, scopes ...string) string {
	t.Helper()
	stdout, stderr, err := s.Run(t, "", "admin", "create-token",
		"--user", handle, "--name", "test token", "--scopes", strings.Join(scopes, ","))
	if err != nil {
		t.Fatalf("admin create-token for %s: %v\n%s", handle, err, stderr)
	}
	return strings.TrimSpace(stdout)
}

// logBuffer collects the server's log output; safe for concurrent use.
type logBuffer struct{ testenv.Buffer }

// field returns the first string value of key found in the JSON log lines.
func (b *logBuffer) field(key string) string {
	sc := bufio.NewScanner(strings.NewReader(b.String()))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) != nil {
			continue
		}
		if v, ok := line[key].(string); ok && v != "" {
			return v
		}
	}
	return ""
}
