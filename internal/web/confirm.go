package web

import (
	"net/http"
	"strings"
)

// confirmPage asks, without JavaScript, before a destructive action.
type confirmPage struct {
	Heading string
	Message string
	// Action is where the confirmed form posts.
	Action string
	Button string
	Cancel string
}

// confirmed reports whether a destructive POST was confirmed, by the
// browser's dialog or by the confirmation page.
func confirmed(r *http.Request) bool { return r.PostForm.Get("confirmed") == "yes" }

// confirm renders the confirmation page of a destructive action.
func (h *Handler) confirm(w http.ResponseWriter, r *http.Request, v *visit, nav string, p confirmPage) {
	h.render(w, r, http.StatusOK, "confirm", h.view(v, p.Heading, nav, p))
}

// normalizeNewlines turns the CRLF line ends browsers send into LF.
func normalizeNewlines(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
