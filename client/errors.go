package client

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/glossia/glossia"
)

// problem is the RFC 9457 body the server sends with every error.
type problem struct {
	Title         string              `json:"title"`
	Status        int                 `json:"status"`
	Detail        string              `json:"detail"`
	Code          string              `json:"error"`
	RequiredScope glossia.Scope       `json:"required_scope"`
	Errors        map[string][]string `json:"errors"`
	RequestID     string              `json:"request_id"`
}

// codes maps the server's problem codes back to the domain's.
var codes = map[string]string{
	"unauthorized":           glossia.EUNAUTHENTICATED,
	"invalid_token":          glossia.EUNAUTHENTICATED,
	"insufficient_scope":     glossia.EFORBIDDEN,
	"forbidden":              glossia.EFORBIDDEN,
	"not_found":              glossia.ENOTFOUND,
	"method_not_allowed":     glossia.ENOTFOUND,
	"invalid_request":        glossia.EINVALID,
	"validation_failed":      glossia.EINVALID,
	"request_too_large":      glossia.EINVALID,
	"unsupported_media_type": glossia.EINVALID,
	"conflict":               glossia.ECONFLICT,
	"rate_limited":           glossia.ERATELIMITED,
	"internal_error":         glossia.EINTERNAL,
}

// decodeError turns an error response into a *glossia.Error. A body that
// is not problem details (a proxy's error page) is summarised by status.
func decodeError(resp *http.Response) error {
	e := &glossia.Error{Code: codeForStatus(resp.StatusCode)}
	var p problem
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt == "application/problem+json" || mt == "application/json" {
		json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&p)
	}
	if code, ok := codes[p.Code]; ok {
		e.Code = code
	}
	e.Message = p.Detail
	if e.Message == "" {
		e.Message = strings.ToLower(http.StatusText(resp.StatusCode))
		if p.Code == "" {
			e.Message = fmt.Sprintf("unexpected response from the server: %s", resp.Status)
		}
	}
	if e.Code == glossia.EINTERNAL && p.RequestID != "" {
		e.Message += " (request id " + p.RequestID + ")"
	}
	e.Fields = p.Errors
	e.RequiredScope = p.RequiredScope
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
		e.RetryAfter = time.Duration(secs) * time.Second
	}
	return e
}

func codeForStatus(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return glossia.EUNAUTHENTICATED
	case http.StatusForbidden:
		return glossia.EFORBIDDEN
	case http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusGone:
		return glossia.ENOTFOUND
	case http.StatusConflict:
		return glossia.ECONFLICT
	case http.StatusTooManyRequests:
		return glossia.ERATELIMITED
	}
	if status >= 400 && status < 500 {
		return glossia.EINVALID
	}
	return glossia.EINTERNAL
}
