package glossia

import (
	"strings"
	"testing"
)

func TestValidateHandle(t *testing.T) {
	for h, want := range map[string]string{
		"ada":                   "",
		"a1":                    "",
		"acme-corp":             "",
		strings.Repeat("a", 39): "",
		strings.Repeat("a", 40): "2 to 39 characters",
		"a":                     "2 to 39 characters",
		"":                      "is required",
		"Ada":                   "lowercase",
		"1ada":                  "lowercase",
		"ada-":                  "lowercase",
		"ad_a":                  "lowercase",
		"api":                   "reserved",
		"settings":              "reserved",
		"well-known":            "reserved",
	} {
		got := ValidateHandle(h)
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("ValidateHandle(%q) = %q, want %q", h, got, want)
		}
	}
	if ValidateProjectHandle("api") != "" {
		t.Errorf("project handles reserve no words")
	}
}

func TestSignUpNormalize(t *testing.T) {
	s := SignUp{Handle: " ada ", Email: " ada@example.com ", Name: " Ada ", Password: "correct horse battery"}
	if err := s.Normalize(); err != nil || s.Handle != "ada" || s.Email != "ada@example.com" || s.Name != "Ada" {
		t.Fatalf("Normalize = %v, %+v", err, s)
	}
	bad := SignUp{Handle: "admin", Email: "not-an-email", Name: "", Password: "short"}
	e := AsError(bad.Normalize())
	if e == nil {
		t.Fatal("expected validation errors")
	}
	for _, f := range []string{"handle", "email", "name", "password"} {
		if len(e.Fields[f]) == 0 {
			t.Errorf("no message for %s: %v", f, e.Fields)
		}
	}
	if NormalizeEmail(" Ada@Example.COM ") != "ada@example.com" {
		t.Error("emails compare case-insensitively")
	}
}
