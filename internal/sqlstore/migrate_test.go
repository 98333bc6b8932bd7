package sqlstore_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

func TestMigrationsRefuseNewerSchema(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		url := sqltest.URL(t, engine)
		st, err := sqlstore.Open(context.Background(), sqlstore.Options{URL: url})
		mustNoError(t, err)
		mustNoError(t, sqlstore.ExecForTest(st, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, 999, 0))
		mustNoError(t, st.Close())

		st, err = sqlstore.Open(context.Background(), sqlstore.Options{URL: url})
		if err == nil {
			st.Close()
			t.Fatal("Open accepted a schema newer than the binary")
		}
		for _, want := range []string{"version 999", "version 1 "} {
			if !strings.Contains(err.Error(), want) {
				t.Fatalf("error %q does not name %q", err, want)
			}
		}
	})
}

// countingHandler counts log records with a given message.
type countingHandler struct {
	msg string
	n   *atomic.Int32
}

func (h countingHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h countingHandler) Handle(_ context.Context, r slog.Record) error {
	if r.Message == h.msg {
		h.n.Add(1)
	}
	return nil
}
func (h countingHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h countingHandler) WithGroup(string) slog.Handler      { return h }

func TestMigrationsRunOnceWhenInstancesStartTogether(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		url := sqltest.URL(t, engine)
		var applied atomic.Int32
		logger := slog.New(countingHandler{msg: "applied migration", n: &applied})
		const instances = 4
		stores := make([]*sqlstore.Store, instances)
		errs := make([]error, instances)
		var wg sync.WaitGroup
		for i := range instances {
			wg.Go(func() {
				stores[i], errs[i] = sqlstore.Open(context.Background(), sqlstore.Options{URL: url, Logger: logger})
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("instance %d: %v", i, err)
			}
			defer stores[i].Close()
		}
		if n := applied.Load(); n != 1 {
			t.Fatalf("migration applied %d times, want once", n)
		}
		for i, st := range stores {
			v, err := st.SchemaVersion(context.Background())
			mustNoError(t, err)
			if v != 1 {
				t.Fatalf("instance %d sees schema version %d, want 1", i, v)
			}
			sqltest.MustSignUp(t, st, "user"+string(rune('a'+i))) // each can serve
		}
	})
}
