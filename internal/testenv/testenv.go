// Package testenv tells tests which real services CI requires, so that a
// test needing PostgreSQL or a browser fails in CI instead of skipping.
package testenv

import (
	"os"
	"strings"
	"testing"
)

// RequireVar names the environment variable listing what CI requires, as a
// comma-separated list such as "postgres,browser".
const RequireVar = "GLOSSIA_TEST_REQUIRE"

// Required reports whether GLOSSIA_TEST_REQUIRE lists what.
func Required(what string) bool {
	for _, w := range strings.Split(os.Getenv(RequireVar), ",") {
		if strings.TrimSpace(w) == what {
			return true
		}
	}
	return false
}

// Unavailable ends the test because what is not available here: it fails
// when GLOSSIA_TEST_REQUIRE lists what, and skips otherwise.
func Unavailable(tb testing.TB, what, reason string) {
	tb.Helper()
	if Required(what) {
		tb.Fatalf("%s is required by %s but unavailable: %s", what, RequireVar, reason)
	}
	tb.Skipf("%s unavailable (%s); set %s=%s to make this a failure", what, reason, RequireVar, what)
}
