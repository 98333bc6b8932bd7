package sqlstore_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

func TestEmptyListsEncodeAsArrays(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		alice := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), alice)
		var p glossia.PageRequest
		cases := []struct {
			name, field string
			list        func() (any, error)
		}{
			{"organizations", "organizations", func() (any, error) { return e.svc.Organizations.ListOrganizations(ctx, p) }},
			{"projects of every account", "projects", func() (any, error) { return e.svc.Projects.ListAllProjects(ctx, p) }},
			{"projects of an account", "projects", func() (any, error) { return e.svc.Projects.ListProjects(ctx, "alice", p) }},
			{"voice versions", "versions", func() (any, error) { return e.svc.Voices.ListVoiceVersions(ctx, "alice", p) }},
			{"tokens", "tokens", func() (any, error) { return e.svc.Tokens.ListTokens(ctx, glossia.TokenFilter{}) }},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got, err := c.list()
				mustNoError(t, err)
				b, err := json.Marshal(got)
				mustNoError(t, err)
				if want := `"` + c.field + `":[]`; !strings.Contains(string(b), want) {
					t.Fatalf("page = %s, want it to contain %s", b, want)
				}
				if !strings.Contains(string(b), `"next_cursor":null`) {
					t.Fatalf("page = %s, want no next cursor", b)
				}
			})
		}
	})
}
