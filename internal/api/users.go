package api

import (
	"net/http"

	"github.com/glossia/glossia"
)

// GetUser answers GET /api/user: the caller.
func (a *API) GetUser(w http.ResponseWriter, r *http.Request) error {
	out, err := a.svc.Users.CurrentUser(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// UpdateUser answers PATCH /api/user.
func (a *API) UpdateUser(w http.ResponseWriter, r *http.Request) error {
	var in glossia.UserUpdate
	if err := decode(w, r, &in); err != nil {
		return err
	}
	out, err := a.svc.Users.UpdateCurrentUser(r.Context(), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// ListAccounts answers GET /api/accounts: the accounts the caller belongs
// to.
func (a *API) ListAccounts(w http.ResponseWriter, r *http.Request) error {
	page, err := pageRequest(r)
	if err != nil {
		return err
	}
	out, err := a.svc.Accounts.ListAccounts(r.Context(), page)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}
