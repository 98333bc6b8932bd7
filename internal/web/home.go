package web

import (
	"net/http"
)

// Home serves GET /: the token list when signed in, the sign-in page
// otherwise.
func (h *Handler) Home(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w)
	w.Header().Set("Cache-Control", "no-store")
	if v, err := h.session(r); err == nil && v != nil {
		http.Redirect(w, r, "/settings/api/tokens", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}
