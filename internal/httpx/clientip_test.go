package httpx

import (
	"net/http/httptest"
	"testing"
)

func TestClientIP(t *testing.T) {
	trusted, err := ParseTrustedProxies("10.0.0.0/8, 127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, peer string
		xff        []string
		want       string
	}{
		{"direct client", "203.0.113.7:5555", nil, "203.0.113.7"},
		{"untrusted peer cannot spoof", "203.0.113.7:5555", []string{"1.2.3.4"}, "203.0.113.7"},
		{"trusted proxy", "10.1.2.3:80", []string{"198.51.100.9"}, "198.51.100.9"},
		{"client-supplied hop before the proxy's is ignored", "10.1.2.3:80", []string{"1.2.3.4, 198.51.100.9"}, "198.51.100.9"},
		{"chain of trusted proxies", "127.0.0.1:80", []string{"198.51.100.9, 10.0.0.5"}, "198.51.100.9"},
		{"several headers", "10.1.2.3:80", []string{"1.2.3.4", "198.51.100.9"}, "198.51.100.9"},
		{"garbage hop stops at the last good address", "10.1.2.3:80", []string{"not-an-ip"}, "10.1.2.3"},
		{"trusted proxy without header", "10.1.2.3:80", nil, "10.1.2.3"},
		{"IPv4-mapped IPv6 peer", "[::ffff:203.0.113.7]:5555", nil, "203.0.113.7"},
		{"IPv6 peer", "[2001:db8::1]:5555", nil, "2001:db8::1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.peer
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := ClientIP(r, trusted); got != tt.want {
				t.Errorf("ClientIP = %s, want %s", got, tt.want)
			}
		})
	}
	if _, err := ParseTrustedProxies("10.0.0.0/33"); err == nil {
		t.Error("a bad prefix was accepted")
	}
}
