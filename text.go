package glossia

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkText validates a human-entered text field: it must be valid UTF-8,
// hold no control characters other than newlines and tabs when multiline,
// and count between min and max characters. It returns "" when valid.
func checkText(s string, min, max int, multiline bool) string {
	if !utf8.ValidString(s) {
		return "must be valid UTF-8"
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t' || r == '\r')) {
			return "must not contain control characters"
		}
	}
	n := utf8.RuneCountInString(s)
	switch {
	case n < min && min == 1:
		return "is required"
	case n < min:
		return "must be at least " + strconv.Itoa(min) + " characters"
	case n > max:
		return "must be at most " + strconv.Itoa(max) + " characters"
	}
	return ""
}

// cleanText trims surrounding white space, the form in which names are
// stored.
func cleanText(s string) string { return strings.TrimSpace(s) }

// validName returns s trimmed, recording in v under field what is wrong
// with it as a name: 1 to 100 characters on one line.
func validName(v *Violations, field, s string) string {
	s = cleanText(s)
	if msg := checkText(s, 1, 100, false); msg != "" {
		v.Add(field, msg)
	}
	return s
}

// validDescription returns s trimmed, recording in v under field what is
// wrong with it as a description: at most 500 characters, newlines allowed.
func validDescription(v *Violations, field, s string) string {
	s = strings.TrimSpace(s)
	if msg := checkText(s, 0, 500, true); msg != "" {
		v.Add(field, msg)
	}
	return s
}

// validOptional applies valid to *p when p is set, returning a pointer to
// the cleaned copy.
func validOptional(v *Violations, field string, p *string, valid func(*Violations, string, string) string) *string {
	if p == nil {
		return nil
	}
	s := valid(v, field, *p)
	return &s
}
