package web

import (
	"net/http"

	"github.com/glossia/glossia"
)

// tokenListPage is what the token list shows.
type tokenListPage struct {
	Tokens []tokenView
	// Status is the filter: "" (active and expired), "revoked" or "all".
	Status string
	Next   string
}

// TokenList serves GET /settings/api/tokens: the caller's tokens with
// their scopes, last use, expiration and a Revoke button.
func (h *Handler) TokenList(w http.ResponseWriter, r *http.Request) { h.app(w, r, h.tokenList) }

func (h *Handler) tokenList(w http.ResponseWriter, r *http.Request, v *visit) error {
	q := r.URL.Query()
	status := q.Get("status")
	if status != glossia.TokenFilterRevoked && status != glossia.TokenFilterAll {
		status = glossia.TokenFilterDefault
	}
	page, err := h.d.Services.Tokens.ListTokens(v.ctx, glossia.TokenFilter{
		Status:      status,
		PageRequest: glossia.PageRequest{Limit: 50, Cursor: q.Get("cursor")},
	})
	if err != nil {
		return err
	}
	now := h.now()
	data := tokenListPage{Status: status}
	for _, t := range page.Tokens {
		data.Tokens = append(data.Tokens, newTokenView(t, now))
	}
	if page.NextCursor != nil {
		data.Next = nextURL(r, *page.NextCursor)
	}
	vw := h.view(v, "Account tokens", "tokens", data)
	vw.Notice = notices[q.Get("notice")]
	h.render(w, r, http.StatusOK, "tokens", vw)
	return nil
}

// nextURL is the address of the next page of the current list.
func nextURL(r *http.Request, cursor string) string {
	q := r.URL.Query()
	q.Del("notice")
	q.Set("cursor", cursor)
	return r.URL.Path + "?" + q.Encode()
}
