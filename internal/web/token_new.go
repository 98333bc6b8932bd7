package web

import (
	"net/http"

	"github.com/glossia/glossia"
)

// TokenNew serves GET /settings/api/tokens/new: the new-token form.
func (h *Handler) TokenNew(w http.ResponseWriter, r *http.Request) { h.app(w, r, h.tokenNew) }

func (h *Handler) tokenNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := &tokenForm{Checked: map[glossia.Scope]bool{}, Expiration: defaultExpiration}
	f.fill(h.now())
	h.render(w, r, http.StatusOK, "token_new", h.view(v, "New token", "tokens", f))
	return nil
}
