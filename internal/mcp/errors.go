package mcp

import (
	"context"
	"errors"
	"math"
	"strconv"

	"github.com/glossia/glossia"
)

// toolError turns a service error into the error a typed tool handler
// returns, which the SDK reports as a tool result with isError set (never a
// protocol error). The message says what went wrong and what to do; hint
// is added to not-found errors to say where valid identifiers come from.
// Internal errors are logged with their details and reported generically.
func (t *tools) toolError(ctx context.Context, tool string, err error, notFoundHint string) error {
	e := glossia.AsError(err)
	if e == nil || e.Code == glossia.EINTERNAL {
		t.logger.ErrorContext(ctx, "mcp tool failed", "tool", tool, "error", err)
		switch {
		case t.remote && e == nil:
			return errors.New("could not complete the call to the Glossia server (" + err.Error() + "); check GLOSSIA_URL and that the server is reachable, then try again")
		case t.remote:
			return errors.New("the Glossia server failed: " + e.Message + "; try again later, and report it if it persists")
		}
		return errors.New("internal error: the server could not complete this call; try again later, and report it if it persists")
	}
	return errors.New(describe(e, notFoundHint))
}

// describe writes the caller-facing message for a domain error.
func describe(e *glossia.Error, notFoundHint string) string {
	msg := e.Message
	switch e.Code {
	case glossia.EFORBIDDEN:
		if e.RequiredScope != "" {
			return msg + "; create a token that has it (dashboard: API → Account tokens → New token) and connect with that token"
		}
		return msg
	case glossia.ENOTFOUND:
		if notFoundHint != "" {
			return msg + "; " + notFoundHint
		}
		return msg
	case glossia.EINVALID:
		return msg + "; correct these arguments and call the tool again"
	case glossia.EUNAUTHENTICATED:
		return msg + "; the token may have been revoked or have expired: connect with a valid token"
	case glossia.ERATELIMITED:
		if e.RetryAfter > 0 {
			secs := int(math.Ceil(e.RetryAfter.Seconds()))
			return msg + "; retry in " + strconv.Itoa(secs) + " seconds"
		}
		return msg + "; retry later"
	}
	return msg
}

// Hints for not-found errors.
const (
	tokenNotFoundHint   = `list_tokens shows the ids of your tokens (status "all" includes revoked ones)`
	accountNotFoundHint = "list_organizations and list_projects show the accounts you can access"
)
