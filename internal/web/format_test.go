package web

import (
	"testing"
	"time"
)

func TestAgo(t *testing.T) {
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		d    time.Duration
		want string
	}{
		{10 * time.Second, "Less than a minute ago"},
		{time.Minute, "1 minute ago"},
		{59*time.Minute + 59*time.Second, "59 minutes ago"},
		{2 * time.Hour, "2 hours ago"},
		{26 * time.Hour, "1 day ago"},
		{45 * 24 * time.Hour, "On Jan 18, 2026"},
	}
	for _, tt := range tests {
		if got := ago(now, now.Add(-tt.d)); got != tt.want {
			t.Errorf("ago(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestUntil(t *testing.T) {
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		d    time.Duration
		want string
	}{
		{30 * time.Minute, "in less than an hour"},
		{5 * time.Hour, "in 5 hours"},
		{30 * 24 * time.Hour, "in 30 days"},
		{24 * time.Hour, "in 1 day"},
		{30*24*time.Hour - time.Minute, "in 30 days"},
		{36*time.Hour + time.Minute, "in 2 days"},
	}
	for _, tt := range tests {
		if got := until(now, now.Add(tt.d)); got != tt.want {
			t.Errorf("until(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestLocalPath(t *testing.T) {
	tests := map[string]string{
		"":                     "/",
		"/organizations?x=1":   "/organizations?x=1",
		"//evil.example":       "/",
		"/\\evil.example":      "/",
		"https://evil.example": "/",
		"relative":             "/",
		"/a\r\nLocation: x":    "/",
	}
	for in, want := range tests {
		if got := localPath(in, "/"); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentence(t *testing.T) {
	tests := map[string]string{
		"is required":                    "This is required.",
		"must be at most 100 characters": "This must be at most 100 characters.",
		`unknown scope "x"`:              `Unknown scope "x".`,
		"Already a sentence.":            "Already a sentence.",
	}
	for in, want := range tests {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEveryPageTemplateIsParsed(t *testing.T) {
	h := New(Deps{})
	for name := range h.pages {
		if h.pages[name].Lookup("content") == nil || h.pages[name].Lookup("layout") == nil {
			t.Errorf("page %s lacks a content or layout template", name)
		}
	}
	for _, want := range []string{"signin", "signup", "tokens", "token_new", "token_created", "token_edit", "confirm", "error", "organizations", "organization", "organization_new", "projects", "account_projects", "security_log"} {
		if h.pages[want] == nil {
			t.Errorf("page %s is missing", want)
		}
	}
}
