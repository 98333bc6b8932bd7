package glossia

import (
	"slices"
	"strings"
	"testing"
)

func TestParseScopes(t *testing.T) {
	got, err := ParseScopes([]string{"project:write", "project:read", "project:write"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []Scope{ScopeProjectRead, ScopeProjectWrite}; !slices.Equal(got, want) {
		t.Errorf("ParseScopes = %v, want %v (deduplicated, catalogue order)", got, want)
	}
	for _, bad := range [][]string{nil, {"project:admin"}, {"PROJECT:READ"}, {"project:read", ""}, {"*"}} {
		_, err := ParseScopes(bad)
		e := AsError(err)
		if e == nil || e.Code != EINVALID || len(e.Fields["scopes"]) == 0 {
			t.Errorf("ParseScopes(%q) = %v, want EINVALID on scopes", bad, err)
		}
	}
}

// Stored scopes that a later catalogue no longer knows are dropped, never
// widened: a catalogue change can only take power away.
func TestKnownScopesNeverWiden(t *testing.T) {
	got := KnownScopes("project:read  project:admin voice:read project:read")
	if want := []Scope{ScopeProjectRead, ScopeVoiceRead}; !slices.Equal(got, want) {
		t.Errorf("KnownScopes = %v, want %v", got, want)
	}
	if s := JoinScopes(got); s != "project:read voice:read" {
		t.Errorf("JoinScopes = %q", s)
	}
}

func TestCatalogueIsComplete(t *testing.T) {
	objects := map[string]bool{}
	for _, info := range Catalogue() {
		object, action, ok := strings.Cut(string(info.Scope), ":")
		if !ok || object != info.Object || action == "" || info.Description == "" {
			t.Errorf("catalogue entry %+v is malformed", info)
		}
		objects[object] = true
	}
	for _, o := range []string{"user", "account", "organization", "members", "project", "voice", "api_credentials"} {
		if !objects[o] {
			t.Errorf("catalogue lacks object %s", o)
		}
	}
	if len(AllScopes()) != 15 {
		t.Errorf("catalogue has %d scopes, SPEC §5 lists 15", len(AllScopes()))
	}
}
