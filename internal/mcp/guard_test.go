package mcp

import "testing"

func TestHostGuard(t *testing.T) {
	tests := []struct {
		base   string
		host   string
		origin string
		want   bool
	}{
		{"https://glossia.example.com", "glossia.example.com", "", true},
		{"https://glossia.example.com", "glossia.example.com.", "https://glossia.example.com", true},
		{"https://glossia.example.com", "glossia.example.com:8443", "", false},
		{"https://glossia.example.com", "localhost:443", "", false},
		{"https://glossia.example.com", "glossia.example.com", "https://glossia.example.com:444", false},
		{"https://glossia.example.com", "glossia.example.com", "https://glossia.example.com/path", false},
		{"http://127.0.0.1:8080", "[::1]:8080", "http://localhost:8080", true},
		{"http://127.0.0.1:8080", "app.localhost:8080", "", true},
		{"http://127.0.0.1:8080", "", "", false},
		{"http://localhost:8080", "127.0.0.2:8080", "", true},
		{"http://:8080", "localhost:8080", "", true},
		{"http://:8080", "glossia.example.com:8080", "", false},
		{"http://0.0.0.0:8080", "127.0.0.1:8080", "", true},
		{"http://0.0.0.0:8080", "0.0.0.0:8080", "", false},
		{"http://[::]:8080", "[::1]:8080", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.base+" host "+tt.host+" origin "+tt.origin, func(t *testing.T) {
			g, err := newHostGuard(tt.base)
			if err != nil {
				t.Fatal(err)
			}
			var origins []string
			if tt.origin != "" {
				origins = []string{tt.origin}
			}
			if got := g.allowHost(tt.host) && g.allowOrigin(origins); got != tt.want {
				t.Errorf("allowed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHostGuardRefusesBadBaseURLs(t *testing.T) {
	for _, base := range []string{"glossia.example.com", "ftp://glossia.example.com", "https://user:pw@glossia.example.com", "https://"} {
		if _, err := newHostGuard(base); err == nil {
			t.Errorf("newHostGuard(%q) accepted it", base)
		}
	}
}
