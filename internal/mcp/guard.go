package mcp

import (
	"errors"
	"net"
	"net/netip"
	"net/url"
	"strings"
)

// hostGuard protects /mcp against DNS rebinding: a web page whose name
// resolves to this server must not be able to call it from a browser. Every
// request must name the public host (Host header), and a request that
// carries an Origin must come from the public origin.
type hostGuard struct {
	scheme string
	host   string // lower case, without port
	port   string // explicit or the scheme's default
	// local means the base URL is a loopback address, so localhost,
	// 127.0.0.1 and [::1] with the same port are the same server.
	local bool
}

// newHostGuard returns the guard for baseURL, or nil for an empty one.
func newHostGuard(baseURL string) (*hostGuard, error) {
	if baseURL == "" {
		return nil, nil
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.User != nil {
		return nil, errors.New("base URL must be an absolute http or https URL")
	}
	host, port := splitHostPort(u.Host, u.Scheme)
	if a, err := netip.ParseAddr(host); host == "" || err == nil && a.IsUnspecified() {
		// A base URL derived from a listen address such as ":8080" names no
		// public host; only local clients can be told apart from rebinding.
		host = "localhost"
	}
	return &hostGuard{scheme: u.Scheme, host: host, port: port, local: isLoopback(host)}, nil
}

// allowHost reports whether the Host header names this server.
func (g *hostGuard) allowHost(hostport string) bool {
	if g == nil {
		return true
	}
	if hostport == "" {
		return false
	}
	host, port := splitHostPort(hostport, g.scheme)
	if port != g.port {
		return false
	}
	return host == g.host || (g.local && isLoopback(host))
}

// allowOrigin reports whether the Origin headers are absent (a client that
// is not a browser) or exactly this server's origin.
func (g *hostGuard) allowOrigin(origins []string) bool {
	if g == nil || len(origins) == 0 {
		return true
	}
	if len(origins) > 1 {
		return false
	}
	u, err := url.Parse(origins[0])
	if err != nil || u.Scheme != g.scheme || u.Host == "" || u.Path != "" || u.User != nil {
		return false // includes the opaque origin "null"
	}
	return g.allowHost(u.Host)
}

// splitHostPort returns the lower-case host without brackets or trailing
// dot, and the port, defaulting to the scheme's.
func splitHostPort(hostport, scheme string) (host, port string) {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, ""
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if port == "" {
		port = "80"
		if scheme == "https" {
			port = "443"
		}
	}
	return host, port
}

// isLoopback reports whether a host name without port is a loopback form:
// localhost, a name under .localhost, or a loopback IP address.
func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}
