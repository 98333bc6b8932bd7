package web

import (
	"net/http"
)

// TokenRevoke serves POST /settings/api/tokens/{id}/revoke. The buttons
// ask for confirmation in the browser; without JavaScript the first POST
// shows a confirmation page instead of revoking.
func (h *Handler) TokenRevoke(w http.ResponseWriter, r *http.Request) { h.app(w, r, h.tokenRevoke) }

func (h *Handler) tokenRevoke(w http.ResponseWriter, r *http.Request, v *visit) error {
	id := r.PathValue("id")
	if !confirmed(r) {
		t, err := h.d.Services.Tokens.FindToken(v.ctx, id)
		if err != nil {
			return err
		}
		h.confirm(w, r, v, "tokens", confirmPage{
			Heading: "Revoke " + t.Name + "?",
			Message: "Scripts and apps using this token will stop working immediately. This cannot be undone.",
			Action:  r.URL.Path,
			Button:  "Revoke token",
			Cancel:  "/settings/api/tokens/" + t.ID,
		})
		return nil
	}
	if _, err := h.d.Services.Tokens.RevokeToken(v.ctx, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/settings/api/tokens?notice=token-revoked", http.StatusSeeOther)
	return nil
}
