package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
	"github.com/google/go-cmp/cmp"
)

// badInput is one bad request and the answer it must get.
type badInput struct {
	name        string
	method      string
	path        string
	contentType string // default application/json when there is a body
	body        string
	status      int
	code        string
	field       string // for 422: the field named in errors
}

// bodyEndpoints are the endpoints that take a JSON body, each with a body
// whose field has the wrong JSON type.
var bodyEndpoints = []struct{ method, path, wrongType string }{
	{"POST", "/api/tokens", `{"name":42,"scopes":["user:read"]}`},
	{"PATCH", "/api/tokens/{self}", `{"description":["x"]}`},
	{"POST", "/api/tokens/{self}/rotate", `{"grace_seconds":"soon"}`},
	{"PATCH", "/api/user", `{"name":{"first":"Ada"}}`},
	{"POST", "/api/organizations", `{"handle":7,"name":"Seven"}`},
	{"PATCH", "/api/organizations/acme", `{"visibility":true}`},
	{"PUT", "/api/organizations/acme/members/bob", `{"role":1}`},
	{"POST", "/api/accounts/ada/projects", `{"handle":"x","name":null,"description":5}`},
	{"PATCH", "/api/accounts/ada/projects/site", `{"name":1.5}`},
	{"PUT", "/api/accounts/ada/voice", `{"tone":["warm"]}`},
}

// listEndpoints are the endpoints that answer pages.
var listEndpoints = []string{
	"/api/tokens", "/api/accounts", "/api/organizations", "/api/organizations/acme/members",
	"/api/projects", "/api/accounts/ada/projects", "/api/accounts/ada/voice/versions",
}

func badInputs() []badInput {
	var cases []badInput
	oversized := `{"name":"` + strings.Repeat("x", 1<<20) + `"}`
	for _, e := range bodyEndpoints {
		cases = append(cases,
			badInput{"invalid JSON", e.method, e.path, "", `{"name":`, 400, "invalid_request", ""},
			badInput{"wrong types", e.method, e.path, "", e.wrongType, 400, "invalid_request", ""},
			badInput{"unknown field", e.method, e.path, "", `{"admin":true}`, 400, "invalid_request", ""},
			badInput{"not an object", e.method, e.path, "", `["x"]`, 400, "invalid_request", ""},
			badInput{"two values", e.method, e.path, "", `{} {}`, 400, "invalid_request", ""},
			badInput{"oversized body", e.method, e.path, "", oversized, 413, "request_too_large", ""},
			badInput{"form content type", e.method, e.path, "application/x-www-form-urlencoded", "name=x", 415, "unsupported_media_type", ""},
		)
	}
	for _, path := range listEndpoints {
		cases = append(cases,
			badInput{"bad cursor", "GET", path + "?cursor=not-a-cursor", "", "", 422, "validation_failed", "cursor"},
			badInput{"limit not a number", "GET", path + "?limit=ten", "", "", 400, "invalid_request", ""},
			badInput{"limit too large", "GET", path + "?limit=101", "", "", 422, "validation_failed", "limit"},
		)
	}
	long := strings.Repeat("n", 101)
	notFound := func(method, path, body string) badInput {
		return badInput{"bad id or handle", method, path, "", body, 404, "not_found", ""}
	}
	invalid := func(name, method, path, body, field string) badInput {
		return badInput{name, method, path, "", body, 422, "validation_failed", field}
	}
	return append(cases,
		notFound("GET", "/api/tokens/not-a-uuid", ""),
		notFound("GET", "/api/tokens/0197A1B2-0000-7000-8000-000000000001", ""),
		notFound("PATCH", "/api/tokens/not-a-uuid", `{"name":"x"}`),
		notFound("DELETE", "/api/tokens/not-a-uuid", ""),
		notFound("POST", "/api/tokens/not-a-uuid/rotate", ""),
		notFound("GET", "/api/organizations/Bad_Handle", ""),
		notFound("PATCH", "/api/organizations/Bad_Handle", `{"name":"x"}`),
		notFound("DELETE", "/api/organizations/Bad_Handle", ""),
		notFound("GET", "/api/organizations/Bad_Handle/members", ""),
		notFound("PUT", "/api/organizations/Bad_Handle/members/bob", `{"role":"member"}`),
		notFound("PUT", "/api/organizations/acme/members/Bad_Handle", `{"role":"member"}`),
		notFound("DELETE", "/api/organizations/acme/members/Bad_Handle", ""),
		notFound("GET", "/api/accounts/Bad_Handle/projects", ""),
		notFound("POST", "/api/accounts/Bad_Handle/projects", `{"handle":"x1","name":"x"}`),
		notFound("GET", "/api/accounts/ada/projects/Bad_Handle", ""),
		notFound("PATCH", "/api/accounts/ada/projects/Bad_Handle", `{"name":"x"}`),
		notFound("DELETE", "/api/accounts/ada/projects/Bad_Handle", ""),
		notFound("GET", "/api/accounts/Bad_Handle/voice", ""),
		notFound("PUT", "/api/accounts/Bad_Handle/voice", `{"tone":"warm"}`),
		notFound("GET", "/api/accounts/Bad_Handle/voice/versions", ""),

		invalid("past expiry", "POST", "/api/tokens", `{"name":"x","scopes":["user:read"],"expires_at":"2001-01-01T00:00:00Z"}`, "expires_at"),
		invalid("zero days", "POST", "/api/tokens", `{"name":"x","scopes":["user:read"],"expires_in_days":0}`, "expires_in_days"),
		invalid("unknown scope", "POST", "/api/tokens", `{"name":"x","scopes":["repo"]}`, "scopes"),
		invalid("no scope", "POST", "/api/tokens", `{"name":"x","scopes":[]}`, "scopes"),
		invalid("empty name", "POST", "/api/tokens", `{"name":"","scopes":["user:read"]}`, "name"),
		invalid("101-character name", "POST", "/api/tokens", `{"name":"`+long+`","scopes":["user:read"]}`, "name"),
		invalid("empty name", "PATCH", "/api/tokens/{self}", `{"name":"  "}`, "name"),
		invalid("101-character name", "PATCH", "/api/tokens/{self}", `{"name":"`+long+`"}`, "name"),
		invalid("changing scopes", "PATCH", "/api/tokens/{self}", `{"scopes":["user:read"]}`, "scopes"),
		invalid("changing expiry", "PATCH", "/api/tokens/{self}", `{"expires_at":null}`, "expires_at"),
		invalid("negative grace", "POST", "/api/tokens/{self}/rotate", `{"grace_seconds":-1}`, "grace_seconds"),
		invalid("grace over 7 days", "POST", "/api/tokens/{self}/rotate", `{"grace_seconds":604801}`, "grace_seconds"),
		invalid("bad status filter", "GET", "/api/tokens?status=deleted", "", "status"),
		invalid("bad sort", "GET", "/api/tokens?sort=id", "", "sort"),
		invalid("empty name", "PATCH", "/api/user", `{"name":""}`, "name"),
		invalid("101-character name", "PATCH", "/api/user", `{"name":"`+long+`"}`, "name"),
		invalid("bad handle", "POST", "/api/organizations", `{"handle":"Not OK","name":"x"}`, "handle"),
		invalid("reserved handle", "POST", "/api/organizations", `{"handle":"admin","name":"x"}`, "handle"),
		invalid("empty name", "POST", "/api/organizations", `{"handle":"fresh","name":""}`, "name"),
		invalid("101-character name", "PATCH", "/api/organizations/acme", `{"name":"`+long+`"}`, "name"),
		invalid("bad visibility", "PATCH", "/api/organizations/acme", `{"visibility":"secret"}`, "visibility"),
		invalid("bad role", "PUT", "/api/organizations/acme/members/bob", `{"role":"owner"}`, "role"),
		invalid("bad handle", "POST", "/api/accounts/ada/projects", `{"handle":"-x","name":"x"}`, "handle"),
		invalid("empty name", "POST", "/api/accounts/ada/projects", `{"handle":"fresh","name":""}`, "name"),
		invalid("101-character name", "PATCH", "/api/accounts/ada/projects/site", `{"name":"`+long+`"}`, "name"),
		invalid("bad formality", "PUT", "/api/accounts/ada/voice", `{"formality":"casual"}`, "formality"),
	)
}

// TestAPIBadInput sends bad input to every endpoint and checks the
// documented status, a problem+json body, and that nothing was written.
func TestAPIBadInput(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		s := startAPIServer(t, engine, "GLOSSIA_LAST_USED_INTERVAL=1h")
		s.CreateUser(t, "ada")
		s.CreateUser(t, "bob")
		secret := s.CreateToken(t, "ada", scopeNames(glossia.AllScopes())...)
		c := s.Client(t, secret)
		ctx := context.Background()
		self := must(c.CurrentToken(ctx))(t)
		must(c.CreateOrganization(ctx, glossia.OrganizationCreate{Handle: "acme", Name: "Acme"}))(t)
		must(c.CreateProject(ctx, "ada", glossia.ProjectCreate{Handle: "site", Name: "Site"}))(t)
		must(c.SaveVoice(ctx, "ada", glossia.VoiceSave{Tone: "warm"}))(t)

		snapshot := func() string {
			var b strings.Builder
			enc := json.NewEncoder(&b)
			enc.Encode(must(c.ListTokens(ctx, glossia.TokenFilter{Status: "all"}))(t))
			enc.Encode(must(c.CurrentUser(ctx))(t))
			enc.Encode(must(c.ListOrganizations(ctx, glossia.PageRequest{}))(t))
			enc.Encode(must(c.ListMembers(ctx, "acme", glossia.PageRequest{}))(t))
			enc.Encode(must(c.ListAllProjects(ctx, glossia.PageRequest{}))(t))
			enc.Encode(must(c.ListVoiceVersions(ctx, "ada", glossia.PageRequest{}))(t))
			return b.String()
		}
		before := snapshot()
		writes := s.metric(t, "glossia_db_writes_total")

		for _, in := range badInputs() {
			path := strings.ReplaceAll(in.path, "{self}", self.ID)
			t.Run(in.method+" "+in.path+" "+in.name, func(t *testing.T) {
				headers := []string{bearer(secret)}
				if in.body != "" {
					ct := in.contentType
					if ct == "" {
						ct = "application/json"
					}
					headers = append(headers, "Content-Type: "+ct)
				}
				r := s.Raw(t, in.method, path, in.body, headers...)
				if r.Status != in.status {
					t.Fatalf("status %d, want %d: %.300s", r.Status, in.status, r.Body)
				}
				p := r.problem(t)
				if p["error"] != in.code {
					t.Errorf("error %v, want %s", p["error"], in.code)
				}
				if detail, _ := p["detail"].(string); detail == "" {
					t.Errorf("no detail: %v", p)
				}
				if in.field != "" {
					if errs, _ := p["errors"].(map[string]any); errs[in.field] == nil {
						t.Errorf("errors %v lack %q", p["errors"], in.field)
					}
				}
			})
		}

		if got := s.metric(t, "glossia_db_writes_total"); got != writes {
			t.Errorf("bad input caused %v database writes, want none", got-writes)
		}
		if diff := cmp.Diff(before, snapshot()); diff != "" {
			t.Errorf("bad input changed what the API lists (-before +after):\n%s", diff)
		}
		name := "Ada L."
		must(c.UpdateCurrentUser(ctx, glossia.UserUpdate{Name: &name}))(t)
		if got := s.metric(t, "glossia_db_writes_total"); got == writes {
			t.Errorf("a valid update left glossia_db_writes_total at %v: the counter does not count", got)
		}
	})
}

func scopeNames(scopes []glossia.Scope) []string {
	out := make([]string, len(scopes))
	for i, s := range scopes {
		out[i] = string(s)
	}
	return out
}
