package glossia

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Error codes shared by every layer. Each surface maps them once: to HTTP
// statuses and problem+json codes, to MCP tool errors, to CLI exit codes.
const (
	EINVALID         = "invalid"         // the input is malformed or fails validation
	EUNAUTHENTICATED = "unauthenticated" // no credentials, or credentials that are not valid
	EFORBIDDEN       = "forbidden"       // authenticated, but scope or policy refuses
	ENOTFOUND        = "not_found"       // absent, or invisible to the caller
	ECONFLICT        = "conflict"        // the request conflicts with the current state
	ERATELIMITED     = "rate_limited"    // too many requests
	EINTERNAL        = "internal"        // a fault on our side; details go to the log only
)

// Error is the one error type of the domain. Services return it (wrapped at
// most once per layer) so that every surface can report the same code and
// message.
type Error struct {
	// Code is one of the E* constants.
	Code string
	// Message is safe to show to the caller. It never contains a secret.
	Message string
	// Fields holds per-field validation messages for EINVALID.
	Fields map[string][]string
	// RequiredScope names the scope a token lacks, for EFORBIDDEN.
	RequiredScope Scope
	// RetryAfter tells a rate-limited caller when to try again, for ERATELIMITED.
	RetryAfter time.Duration
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("glossia: %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the caller-safe message of err: the message of its
// *Error, or a generic sentence for internal errors whose details must stay
// in the log.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return "internal error"
}

// AsError returns the *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Violations collects per-field validation messages. The zero value is ready
// to use.
type Violations map[string][]string

// Add records msg against field.
func (v *Violations) Add(field, msg string) {
	if *v == nil {
		*v = make(Violations)
	}
	(*v)[field] = append((*v)[field], msg)
}

// Err returns nil when no violation was recorded, and otherwise an EINVALID
// *Error whose message lists every field.
func (v Violations) Err() error {
	if len(v) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "validation failed: " + formatFields(v), Fields: v}
}

// FieldError returns an EINVALID *Error for a single field.
func FieldError(field, msg string) *Error {
	var v Violations
	v.Add(field, msg)
	return v.Err().(*Error)
}

func formatFields(fields map[string][]string) string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, name := range names {
		parts = append(parts, name+": "+strings.Join(fields[name], "; "))
	}
	return strings.Join(parts, ", ")
}
