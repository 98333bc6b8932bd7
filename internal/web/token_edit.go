package web

import (
	"net/http"

	"github.com/glossia/glossia"
)

// tokenEditPage is the edit page: the token, the form's input and what is
// wrong with it.
type tokenEditPage struct {
	Token       tokenView
	Name        string
	Description string
	Errors      map[string][]string
	Error       string
}

// TokenEdit serves GET /settings/api/tokens/{id}: name and description
// editable, scopes, prefix and expiration read-only, and a danger zone to
// revoke. Another user's token is a 404.
func (h *Handler) TokenEdit(w http.ResponseWriter, r *http.Request) { h.app(w, r, h.tokenEdit) }

func (h *Handler) tokenEdit(w http.ResponseWriter, r *http.Request, v *visit) error {
	t, err := h.d.Services.Tokens.FindToken(v.ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	p := &tokenEditPage{Token: newTokenView(t, h.now()), Name: t.Name, Description: t.Description}
	h.render(w, r, http.StatusOK, "token_edit", h.view(v, t.Name, "tokens", p))
	return nil
}

// TokenUpdate serves POST /settings/api/tokens/{id}: it saves the name and
// description and returns to the list.
func (h *Handler) TokenUpdate(w http.ResponseWriter, r *http.Request) { h.app(w, r, h.tokenUpdate) }

func (h *Handler) tokenUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id := r.PathValue("id")
	name := r.PostForm.Get("name")
	desc := normalizeNewlines(r.PostForm.Get("description"))
	_, err := h.d.Services.Tokens.UpdateToken(v.ctx, id, glossia.TokenUpdate{Name: &name, Description: &desc})
	code := glossia.ErrorCode(err)
	switch code {
	case "":
		http.Redirect(w, r, "/settings/api/tokens?notice=token-updated", http.StatusSeeOther)
		return nil
	case glossia.EINVALID, glossia.ECONFLICT:
	default:
		return err
	}
	t, ferr := h.d.Services.Tokens.FindToken(v.ctx, id)
	if ferr != nil {
		return ferr
	}
	p := &tokenEditPage{Token: newTokenView(t, h.now()), Name: name, Description: desc}
	p.Errors, p.Error = fieldMessages(err)
	status := formStatus(code)
	h.render(w, r, status, "token_edit", h.view(v, t.Name, "tokens", p))
	return nil
}
