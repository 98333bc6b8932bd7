package sqlstore_test

import (
	"strings"
	"testing"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
	"github.com/glossia/glossia/internal/testenv"
)

// epoch is where the test clocks start.
var epoch = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// env is a store on a fresh database with a controlled clock.
type env struct {
	st    *sqlstore.Store
	clock *testenv.Clock
	svc   glossia.Services
}

func newEnv(t *testing.T, engine string, o sqlstore.Options) *env {
	t.Helper()
	clock := testenv.NewClock(epoch)
	if o.Now == nil {
		o.Now = clock.Now
	}
	st := sqltest.Open(t, engine, o)
	return &env{st: st, clock: clock, svc: st.Services()}
}

// wantCode fails unless err carries the code, and returns its *Error.
func wantCode(t *testing.T, err error, code string) *glossia.Error {
	t.Helper()
	if got := glossia.ErrorCode(err); got != code {
		t.Fatalf("error code = %q, want %q (err: %v)", got, code, err)
	}
	return glossia.AsError(err)
}

// wantMessage fails unless err has the code and its message contains want.
func wantMessage(t *testing.T, err error, code, want string) {
	t.Helper()
	e := wantCode(t, err, code)
	if e != nil && !strings.Contains(e.Message, want) {
		t.Fatalf("message = %q, want it to contain %q", e.Message, want)
	}
}

func mustNoError(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }
