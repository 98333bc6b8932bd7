package web

import (
	"net/http"
)

// SignOut serves POST /signout: it ends the session on the server and
// drops the cookie.
func (h *Handler) SignOut(w http.ResponseWriter, r *http.Request) {
	h.app(w, r, func(w http.ResponseWriter, r *http.Request, v *visit) error {
		if err := h.d.Sessions.DeleteSession(r.Context(), v.secret); err != nil {
			return err
		}
		h.clearCookie(w, h.sessionCookie())
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return nil
	})
}
