package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/httpx"
)

// Problem codes: the stable, machine-readable "error" member of every
// problem body (SPEC §4).
const (
	CodeUnauthorized      = "unauthorized"
	CodeInvalidToken      = "invalid_token"
	CodeInsufficientScope = "insufficient_scope"
	CodeForbidden         = "forbidden"
	CodeNotFound          = "not_found"
	CodeMethodNotAllowed  = "method_not_allowed"
	CodeInvalidRequest    = "invalid_request"
	CodeValidationFailed  = "validation_failed"
	CodeConflict          = "conflict"
	CodeRateLimited       = "rate_limited"
	CodeTooLarge          = "request_too_large"
	CodeUnsupportedType   = "unsupported_media_type"
	CodeInternal          = "internal_error"
)

// ProblemContentType is the media type of every error body (RFC 9457).
const ProblemContentType = "application/problem+json"

// Problem is an RFC 9457 problem details body, extended with a stable
// machine code, the scope a token lacks, per-field messages and the
// request id.
type Problem struct {
	Type          string              `json:"type"`
	Title         string              `json:"title"`
	Status        int                 `json:"status"`
	Detail        string              `json:"detail,omitempty"`
	Code          string              `json:"error"`
	RequiredScope glossia.Scope       `json:"required_scope,omitempty"`
	Errors        map[string][]string `json:"errors,omitempty"`
	RequestID     string              `json:"request_id,omitempty"`

	// RetryAfter is sent as the Retry-After header of a 429.
	RetryAfter time.Duration `json:"-"`
}

// StatusError is a failure outside the domain that carries its own status
// and problem code: an oversized body (413), a wrong content type (415), an
// unknown route (404) or method (405).
type StatusError struct {
	Status int
	Code   string
	Detail string
}

// Error implements the error interface.
func (e *StatusError) Error() string { return e.Code + ": " + e.Detail }

// ProblemFor maps err to its problem details: the one table from domain
// error codes to HTTP statuses (SPEC §4). bearer says whether the request
// presented a Bearer credential, which turns a 401 from "unauthorized" into
// "invalid_token". Internal errors get no detail.
func ProblemFor(err error, bearer bool) *Problem {
	var se *StatusError
	if errors.As(err, &se) {
		return newProblem(se.Status, se.Code, se.Detail)
	}
	e := glossia.AsError(err)
	if e == nil {
		return newProblem(http.StatusInternalServerError, CodeInternal, "")
	}
	switch e.Code {
	case glossia.EUNAUTHENTICATED:
		if bearer {
			return newProblem(http.StatusUnauthorized, CodeInvalidToken, e.Message)
		}
		return newProblem(http.StatusUnauthorized, CodeUnauthorized, e.Message)
	case glossia.EFORBIDDEN:
		if e.RequiredScope != "" {
			p := newProblem(http.StatusForbidden, CodeInsufficientScope, e.Message)
			p.RequiredScope = e.RequiredScope
			return p
		}
		return newProblem(http.StatusForbidden, CodeForbidden, e.Message)
	case glossia.ENOTFOUND:
		return newProblem(http.StatusNotFound, CodeNotFound, e.Message)
	case glossia.EINVALID:
		if len(e.Fields) > 0 {
			p := newProblem(http.StatusUnprocessableEntity, CodeValidationFailed, e.Message)
			p.Errors = e.Fields
			return p
		}
		return newProblem(http.StatusBadRequest, CodeInvalidRequest, e.Message)
	case glossia.ECONFLICT:
		return newProblem(http.StatusConflict, CodeConflict, e.Message)
	case glossia.ERATELIMITED:
		p := newProblem(http.StatusTooManyRequests, CodeRateLimited, e.Message)
		p.RetryAfter = e.RetryAfter
		return p
	}
	return newProblem(http.StatusInternalServerError, CodeInternal, "")
}

func newProblem(status int, code, detail string) *Problem {
	return &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Code: code, Detail: detail}
}

// WriteError writes err as problem details, with the headers its status
// calls for: WWW-Authenticate on 401 and on 403 insufficient_scope,
// Retry-After on 429. Internal errors are logged with the request id and
// answered without detail.
func (a *API) WriteError(w http.ResponseWriter, r *http.Request, err error) {
	var written errAlreadyWritten
	if errors.As(err, &written) {
		a.logger.DebugContext(r.Context(), "response not delivered", "request_id", httpx.RequestIDFrom(r.Context()), "err", err)
		return
	}
	p := ProblemFor(err, BearerPresented(r))
	p.RequestID = httpx.RequestIDFrom(r.Context())
	if p.Status >= 500 {
		a.logger.ErrorContext(r.Context(), "internal error", "request_id", p.RequestID, "err", err)
	}
	h := w.Header()
	h.Del(TokenExpiresHeader)
	h.Set("Cache-Control", "no-store")
	switch {
	case p.Status == http.StatusUnauthorized:
		h.Set("WWW-Authenticate", a.challenge(r, p, ""))
	case p.Code == CodeInsufficientScope:
		h.Set("WWW-Authenticate", a.challenge(r, p, p.RequiredScope))
	case p.Status == http.StatusTooManyRequests:
		h.Set("Retry-After", strconv.Itoa(retryAfterSeconds(p.RetryAfter)))
	}
	body, _ := json.Marshal(p)
	h.Set("Content-Type", ProblemContentType)
	h.Set("Content-Length", strconv.Itoa(len(body)+1))
	w.WriteHeader(p.Status)
	w.Write(append(body, '\n'))
}

// TokenExpiresHeader names the response header that tells a caller when
// the token it used expires.
const TokenExpiresHeader = "Glossia-Token-Expires-At"

// BearerPresented reports whether r carries an Authorization header with
// the Bearer scheme.
func BearerPresented(r *http.Request) bool {
	for _, v := range r.Header.Values("Authorization") {
		scheme, _, _ := strings.Cut(strings.TrimLeft(v, " \t"), " ")
		if strings.EqualFold(scheme, "Bearer") {
			return true
		}
	}
	return false
}

// ResourceMetadataURL returns the RFC 9728 metadata URL of the resource
// that serves path: the MCP server's for /mcp, the REST API's otherwise.
func (a *API) ResourceMetadataURL(path string) string {
	if path == "/mcp" || strings.HasPrefix(path, "/mcp/") {
		return a.baseURL + "/.well-known/oauth-protected-resource/mcp"
	}
	return a.baseURL + "/.well-known/oauth-protected-resource"
}

// challenge builds the WWW-Authenticate value of RFC 6750 §3.
func (a *API) challenge(r *http.Request, p *Problem, scope glossia.Scope) string {
	var b strings.Builder
	b.WriteString(`Bearer realm="glossia"`)
	if p.Code != CodeUnauthorized {
		b.WriteString(`, error="` + p.Code + `"`)
	}
	if p.Code == CodeInvalidToken && p.Detail != "" {
		b.WriteString(`, error_description="` + challengeText(p.Detail) + `"`)
	}
	if scope != "" {
		b.WriteString(`, scope="` + challengeText(string(scope)) + `"`)
	}
	b.WriteString(`, resource_metadata="` + challengeText(a.ResourceMetadataURL(r.URL.Path)) + `"`)
	return b.String()
}

// challengeText keeps the characters RFC 6750 allows in error_description
// and scope: printable ASCII other than the double quote and backslash.
func challengeText(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\'')
		case c == '…':
			b.WriteString("...")
		case c < 0x20 || c > 0x7e:
			b.WriteByte('?')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// retryAfterSeconds rounds d up to whole seconds, at least one.
func retryAfterSeconds(d time.Duration) int {
	s := int((d + time.Second - 1) / time.Second)
	return max(s, 1)
}
