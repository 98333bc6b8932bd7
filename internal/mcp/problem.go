package mcp

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// problem is an RFC 9457 problem details body with the stable machine code
// and request id of /api's errors.
type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail,omitempty"`
	Error     string `json:"error"`
	RequestID string `json:"request_id,omitempty"`
}

// Problem codes, the same as /api's.
const (
	codeUnauthorized     = "unauthorized"
	codeForbidden        = "forbidden"
	codeNotFound         = "not_found"
	codeMethodNotAllowed = "method_not_allowed"
	codeInvalidRequest   = "invalid_request"
	codeTooLarge         = "request_too_large"
	codeUnsupportedType  = "unsupported_media_type"
	codeInternal         = "internal_error"
	codeUnavailable      = "unavailable"
)

// writeProblem answers with a problem+json body and a stable error code.
func writeProblem(w http.ResponseWriter, requestID string, status int, code, detail string) {
	body, _ := json.Marshal(problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail, Error: code, RequestID: requestID})
	h := w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "application/problem+json")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// problemWriter turns the SDK's plain-text HTTP errors (from http.Error)
// into problem details, so that every /mcp error reads like an /api error.
// JSON-RPC responses, event streams and JSON-RPC errors pass through.
type problemWriter struct {
	http.ResponseWriter
	// session says the request carried an Mcp-Session-Id.
	session   bool
	requestID string

	wrote  bool         // headers were sent
	status int          // the intercepted status, 0 if none
	text   bytes.Buffer // the SDK's message, at most maxText bytes
}

const maxText = 512

// WriteHeader intercepts plain-text error statuses.
func (w *problemWriter) WriteHeader(status int) {
	if w.status == 0 && status >= 400 && strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		w.status = status
		return
	}
	w.noStore()
	w.ResponseWriter.WriteHeader(status)
}

// noStore keeps every response out of caches, since a tool result may carry
// a new secret; the SDK's no-cache for event streams is not enough.
func (w *problemWriter) noStore() {
	if !w.wrote {
		w.wrote = true
		w.Header().Set("Cache-Control", "no-store, no-transform")
	}
}

// Write keeps the message of an intercepted error for finish.
func (w *problemWriter) Write(b []byte) (int, error) {
	if w.status != 0 {
		if room := maxText - w.text.Len(); room > 0 {
			w.text.Write(b[:min(len(b), room)])
		}
		return len(b), nil
	}
	w.noStore()
	return w.ResponseWriter.Write(b)
}

// Flush lets event streams through.
func (w *problemWriter) Flush() {
	if w.status == 0 {
		http.NewResponseController(w.ResponseWriter).Flush()
	}
}

// Unwrap gives http.ResponseController the underlying writer.
func (w *problemWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish writes the problem for an intercepted error.
func (w *problemWriter) finish() {
	if w.status == 0 {
		return
	}
	msg := strings.TrimSpace(w.text.String())
	code, detail := codeInvalidRequest, msg
	switch {
	case w.status == http.StatusForbidden && w.session:
		code, detail = codeForbidden, "this MCP session was opened with another token; a session can only be used with the token that opened it, so start a new session"
	case w.status == http.StatusNotFound && w.session:
		code, detail = codeNotFound, "this MCP session does not exist (it ended, timed out, or was opened on another server instance); start a new session"
	case w.status == http.StatusUnauthorized:
		code = codeUnauthorized
	case w.status == http.StatusForbidden:
		code = codeForbidden
	case w.status == http.StatusNotFound:
		code = codeNotFound
	case w.status == http.StatusMethodNotAllowed:
		code = codeMethodNotAllowed
	case w.status == http.StatusRequestEntityTooLarge:
		code = codeTooLarge
	case w.status == http.StatusUnsupportedMediaType:
		code = codeUnsupportedType
	case w.status >= 500:
		code, detail = codeInternal, ""
	}
	writeProblem(w.ResponseWriter, w.requestID, w.status, code, detail)
}
