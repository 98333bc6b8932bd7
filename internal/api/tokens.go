package api

import (
	"net/http"

	"github.com/glossia/glossia"
)

// ListTokens answers GET /api/tokens: the caller's tokens, filtered by the
// status query parameter and ordered by sort.
func (a *API) ListTokens(w http.ResponseWriter, r *http.Request) error {
	page, err := pageRequest(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := glossia.TokenFilter{Status: q.Get("status"), Sort: q.Get("sort"), PageRequest: page}
	out, err := a.svc.Tokens.ListTokens(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// CreateToken answers POST /api/tokens with 201 and the token's secret,
// shown this once.
func (a *API) CreateToken(w http.ResponseWriter, r *http.Request) error {
	var in glossia.TokenCreate
	if err := decode(w, r, &in); err != nil {
		return err
	}
	out, err := a.svc.Tokens.CreateToken(r.Context(), in)
	if err != nil {
		return err
	}
	return created(w, "/api/tokens/"+out.Token.ID, out)
}

// GetToken answers GET /api/tokens/{id}.
func (a *API) GetToken(w http.ResponseWriter, r *http.Request) error {
	out, err := a.svc.Tokens.FindToken(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// CurrentToken answers GET /api/tokens/self: the calling token itself.
func (a *API) CurrentToken(w http.ResponseWriter, r *http.Request) error {
	out, err := a.svc.Tokens.CurrentToken(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// UpdateToken answers PATCH /api/tokens/{id}: name and description only.
func (a *API) UpdateToken(w http.ResponseWriter, r *http.Request) error {
	var in glossia.TokenUpdate
	if err := decode(w, r, &in); err != nil {
		return err
	}
	out, err := a.svc.Tokens.UpdateToken(r.Context(), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// RevokeToken answers DELETE /api/tokens/{id} with 200 and the revoked
// token; revoking again answers the same.
func (a *API) RevokeToken(w http.ResponseWriter, r *http.Request) error {
	out, err := a.svc.Tokens.RevokeToken(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// RotateToken answers POST /api/tokens/{id}/rotate with 201, the new token
// and its secret; the body {"grace_seconds": n} is optional.
func (a *API) RotateToken(w http.ResponseWriter, r *http.Request) error {
	var in glossia.TokenRotate
	if err := decodeOptional(w, r, &in); err != nil {
		return err
	}
	out, err := a.svc.Tokens.RotateToken(r.Context(), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return created(w, "/api/tokens/"+out.Token.ID, out)
}
