// Package client is a Go client of the Glossia REST API. It implements the
// glossia service interfaces over HTTP, so that the command line and the
// stdio MCP server use a remote server exactly as the server uses its
// store:
//
//	c := client.New("https://glossia.example", client.WithToken(os.Getenv("GLOSSIA_TOKEN")))
//	svc := c.Services()
//	page, err := svc.Tokens.ListTokens(ctx, glossia.TokenFilter{})
//
// Errors from the server come back as *glossia.Error with the code, message,
// per-field messages, required scope and retry delay the server sent.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/glossia/glossia"
)

// DefaultUserAgent is the User-Agent sent unless WithUserAgent says
// otherwise.
const DefaultUserAgent = "glossia-go-client"

// Client calls one Glossia server. It is safe for concurrent use.
type Client struct {
	base      string
	token     string
	http      *http.Client
	userAgent string
	via       glossia.Surface
}

// Option configures a Client.
type Option func(*Client)

// WithToken authenticates every request with an account token secret
// (glsa_…), sent as Authorization: Bearer. The secret never appears in an
// error.
func WithToken(secret string) Option { return func(c *Client) { c.token = secret } }

// WithHTTPClient sends requests with hc instead of http.DefaultClient.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.http = hc } }

// WithUserAgent sets the User-Agent header, which the server records as
// the token's last user agent.
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// WithVia names the surface the client acts for (glossia.SurfaceCLI or
// glossia.SurfaceMCP) in the Glossia-Via header; the server records it in
// audit events. It grants nothing.
func WithVia(s glossia.Surface) Option { return func(c *Client) { c.via = s } }

// New returns a client of the server at baseURL, such as
// "https://glossia.example".
func New(baseURL string, opts ...Option) *Client {
	c := &Client{base: strings.TrimRight(baseURL, "/"), http: http.DefaultClient, userAgent: DefaultUserAgent}
	for _, opt := range opts {
		opt(c)
	}
	return c
}

// Services returns every glossia service, implemented over HTTP by c.
func (c *Client) Services() glossia.Services {
	return glossia.Services{
		Users: c, Accounts: c, Organizations: c, Members: c, Projects: c, Voices: c, Tokens: c,
	}
}

// do sends one request: in (if not nil) as the JSON body, out (if not nil)
// filled from the JSON response. Error responses become *glossia.Error;
// transport failures are wrapped with the method and path.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, in, out any) error {
	u := c.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("glossia client: encoding the %s %s request: %w", method, path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return fmt.Errorf("glossia client: %s %s: %w", method, path, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.via != "" {
		req.Header.Set("Glossia-Via", string(c.via))
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("glossia client: %s %s: %w", method, path, transportError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return decodeError(resp)
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("glossia client: %s %s: decoding the %d response: %w", method, path, resp.StatusCode, err)
	}
	return nil
}

// transportError drops the URL from a *url.Error (the caller's message
// already names the method and path) and keeps the cause.
func transportError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// seg escapes one path segment.
func seg(s string) string { return url.PathEscape(s) }

// pageQuery encodes a page request as query parameters.
func pageQuery(p glossia.PageRequest) url.Values {
	q := url.Values{}
	if p.Limit != 0 {
		q.Set("limit", fmt.Sprint(p.Limit))
	}
	if p.Cursor != "" {
		q.Set("cursor", p.Cursor)
	}
	return q
}

// The client implements every service interface of the domain.
var (
	_ glossia.UserService         = (*Client)(nil)
	_ glossia.AccountService      = (*Client)(nil)
	_ glossia.OrganizationService = (*Client)(nil)
	_ glossia.MemberService       = (*Client)(nil)
	_ glossia.ProjectService      = (*Client)(nil)
	_ glossia.VoiceService        = (*Client)(nil)
	_ glossia.TokenService        = (*Client)(nil)
)
