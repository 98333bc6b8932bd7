package web

import (
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/glossia/glossia"
)

// fieldMessages splits a validation or conflict error into messages by
// field and a message for the whole form.
func fieldMessages(err error) (map[string][]string, string) {
	e := glossia.AsError(err)
	fields := make(map[string][]string)
	for field, msgs := range e.Fields {
		for _, msg := range msgs {
			fields[field] = append(fields[field], sentence(msg))
		}
	}
	if len(e.Fields) == 0 {
		return fields, message(err)
	}
	return fields, ""
}

// formStatus is the status of a form re-rendered for an error code.
func formStatus(code string) int {
	if code == glossia.ECONFLICT {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

// message is the caller-safe message of err as a sentence for a page: a
// capital first letter and a final period.
func message(err error) string {
	msg := glossia.ErrorMessage(err)
	if msg == "" {
		return msg
	}
	r, size := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[size:]
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, "!") {
		msg += "."
	}
	return msg
}

// sentence turns a field message such as "is required" into one that
// reads on its own next to the field.
func sentence(msg string) string {
	if msg == "" {
		return msg
	}
	switch {
	case strings.HasPrefix(msg, "is "), strings.HasPrefix(msg, "must "), strings.HasPrefix(msg, "cannot "):
		msg = "This " + msg
	default:
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}
