package web

import (
	"net/http"
	"strings"

	"github.com/glossia/glossia"
)

// tokenCreatedPage shows a new token with its secret, once.
type tokenCreatedPage struct {
	Token  tokenView
	Secret string
	APIURL string
}

// TokenCreate serves POST /settings/api/tokens. On success the response
// itself shows the secret, once, with Cache-Control: no-store; it is never
// put in a redirect, cookie or log. Invalid input re-renders the form with
// each field's message.
func (h *Handler) TokenCreate(w http.ResponseWriter, r *http.Request) { h.app(w, r, h.tokenCreate) }

func (h *Handler) tokenCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f, c := readTokenForm(r)
	if len(f.Errors) > 0 {
		// The expiration could not be read: report the other fields too,
		// checked as the service would, without creating anything.
		if _, err := c.Validate(h.now(), glossia.TokenLimits{}); err != nil {
			f.addErrors(glossia.AsError(err))
		}
		f.fill(h.now())
		h.render(w, r, http.StatusUnprocessableEntity, "token_new", h.view(v, "New token", "tokens", f))
		return nil
	}
	created, err := h.d.Services.Tokens.CreateToken(v.ctx, c)
	switch glossia.ErrorCode(err) {
	case "":
	case glossia.EINVALID, glossia.ECONFLICT:
		f.addErrors(glossia.AsError(err))
		f.fill(h.now())
		status := http.StatusUnprocessableEntity
		if glossia.ErrorCode(err) == glossia.ECONFLICT {
			status = http.StatusConflict
		}
		h.render(w, r, status, "token_new", h.view(v, "New token", "tokens", f))
		return nil
	default:
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	data := tokenCreatedPage{
		Token:  newTokenView(created.Token, h.now()),
		Secret: created.PlainToken,
		APIURL: h.apiURL(r) + "/api/projects",
	}
	h.render(w, r, http.StatusCreated, "token_created", h.view(v, "Token created", "tokens", data))
	return nil
}

// apiURL is the base address of the API, for examples.
func (h *Handler) apiURL(r *http.Request) string {
	if h.d.BaseURL != "" {
		return strings.TrimSuffix(h.d.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
