package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/glossia/glossia/internal/httpx"
)

// serverConfig is the configuration of `glossia serve`, from flags that
// default to GLOSSIA_* environment variables.
type serverConfig struct {
	Addr                string
	DatabaseURL         string
	BaseURL             string
	TrustedProxies      []netip.Prefix
	MaxTokenLifetime    time.Duration
	MaxLiveTokens       int
	LastUsedInterval    time.Duration
	FailedAuthPerMinute int
	TokenRatePerMinute  int
	MCPStateless        bool
	LogFormat           string
	LogLevel            slog.Level
	ShutdownTimeout     time.Duration
}

// configVars documents every setting: flag, environment variable, default.
// The README's table is written from it.
var configVars = []struct{ flag, env, def, help string }{
	{"addr", "GLOSSIA_ADDR", "127.0.0.1:8080", "address to listen on"},
	{"database-url", "GLOSSIA_DATABASE_URL", "glossia.db", "SQLite file path, or a postgres:// URL"},
	{"base-url", "GLOSSIA_BASE_URL", "http://<addr>", "public URL people and clients use (https makes cookies Secure)"},
	{"trusted-proxies", "GLOSSIA_TRUSTED_PROXIES", "", "comma-separated IPs/CIDRs whose X-Forwarded-For is believed"},
	{"max-token-lifetime", "GLOSSIA_MAX_TOKEN_LIFETIME", "0", `longest token lifetime, e.g. "90d" or "720h"; 0 allows tokens that never expire`},
	{"max-live-tokens", "GLOSSIA_MAX_LIVE_TOKENS", "100", "most live (unrevoked, unexpired) tokens per user"},
	{"last-used-interval", "GLOSSIA_LAST_USED_INTERVAL", "1m", "how often coalesced last-used updates are written"},
	{"failed-auth-per-minute", "GLOSSIA_FAILED_AUTH_PER_MINUTE", "30", "failed authentications allowed per client IP per minute; 0 turns the limit off"},
	{"token-rate-per-minute", "GLOSSIA_TOKEN_RATE_PER_MINUTE", "0", "requests allowed per token per minute; 0 means no limit"},
	{"mcp-stateless", "GLOSSIA_MCP_STATELESS", "false", "serve /mcp without sessions, for several instances without sticky routing"},
	{"log-format", "GLOSSIA_LOG_FORMAT", "text", `"text" or "json"`},
	{"log-level", "GLOSSIA_LOG_LEVEL", "info", `"debug", "info", "warn" or "error"`},
	{"shutdown-timeout", "GLOSSIA_SHUTDOWN_TIMEOUT", "10s", "how long to wait for requests to finish on shutdown"},
}

// parseServerConfig reads the server flags, each defaulting to its
// environment variable and then to its documented default.
func parseServerConfig(name string, args []string, getenv func(string) string, out io.Writer) (*serverConfig, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	values := make(map[string]*string, len(configVars))
	for _, v := range configVars {
		def := getenv(v.env)
		if def == "" {
			def = v.def
		}
		values[v.flag] = fs.String(v.flag, def, v.help+" ($"+v.env+")")
	}
	fs.Usage = func() { printServerUsage(fs, name, out) }
	if err := parseFlags(fs, args); err != nil {
		if err == errHelp {
			fs.Usage()
		}
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usageErrorf("%s: unexpected argument %q", name, fs.Arg(0))
	}
	get := func(flag string) string { return strings.TrimSpace(*values[flag]) }

	c := &serverConfig{Addr: get("addr"), DatabaseURL: get("database-url"), BaseURL: strings.TrimRight(get("base-url"), "/"), LogFormat: get("log-format")}
	if c.BaseURL == "http://<addr>" {
		c.BaseURL = ""
	}
	var errs []string
	bad := func(flag string, err error) { errs = append(errs, fmt.Sprintf("--%s: %v", flag, err)) }
	var err error
	if c.TrustedProxies, err = httpx.ParseTrustedProxies(get("trusted-proxies")); err != nil {
		bad("trusted-proxies", err)
	}
	if c.MaxTokenLifetime, err = parseDays(get("max-token-lifetime")); err != nil {
		bad("max-token-lifetime", err)
	}
	if c.LastUsedInterval, err = parseDays(get("last-used-interval")); err != nil || c.LastUsedInterval <= 0 {
		bad("last-used-interval", fmt.Errorf("must be a positive duration such as 1m"))
	}
	if c.ShutdownTimeout, err = time.ParseDuration(get("shutdown-timeout")); err != nil || c.ShutdownTimeout <= 0 {
		bad("shutdown-timeout", fmt.Errorf("must be a positive duration such as 10s"))
	}
	for flag, dst := range map[string]*int{"max-live-tokens": &c.MaxLiveTokens, "failed-auth-per-minute": &c.FailedAuthPerMinute, "token-rate-per-minute": &c.TokenRatePerMinute} {
		if *dst, err = strconv.Atoi(get(flag)); err != nil || *dst < 0 {
			bad(flag, fmt.Errorf("must be a whole number, 0 or more"))
		}
	}
	if c.MaxLiveTokens == 0 && len(errs) == 0 {
		bad("max-live-tokens", fmt.Errorf("must be at least 1"))
	}
	if c.MCPStateless, err = strconv.ParseBool(get("mcp-stateless")); err != nil {
		bad("mcp-stateless", fmt.Errorf(`must be "true" or "false"`))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("log-format", fmt.Errorf(`must be "text" or "json"`))
	}
	if err := c.LogLevel.UnmarshalText([]byte(get("log-level"))); err != nil {
		bad("log-level", fmt.Errorf(`must be "debug", "info", "warn" or "error"`))
	}
	if len(errs) > 0 {
		return nil, usageErrorf("%s: invalid configuration:\n  %s", name, strings.Join(errs, "\n  "))
	}
	return c, nil
}

// parseDays parses a Go duration, also accepting whole days such as "90d".
func parseDays(s string) (time.Duration, error) {
	if s == "0" {
		return 0, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%q is not a number of days", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration like 90d or 720h", s)
	}
	return d, nil
}

// newLogger returns the program's structured logger on w.
func newLogger(format string, level slog.Level, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func printServerUsage(fs *flag.FlagSet, name string, out io.Writer) {
	fmt.Fprintf(out, "Usage: glossia %s [flags]\n\nFlags (each defaults to its environment variable):\n", name)
	fs.SetOutput(out)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprintf(out, "\nExample:\n  GLOSSIA_DATABASE_URL=postgres://glossia@db/glossia glossia %s --addr :8080 --base-url https://glossia.example.com\n", name)
}
