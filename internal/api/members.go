package api

import (
	"net/http"

	"github.com/glossia/glossia"
)

// ListMembers answers GET /api/organizations/{handle}/members.
func (a *API) ListMembers(w http.ResponseWriter, r *http.Request) error {
	page, err := pageRequest(r)
	if err != nil {
		return err
	}
	out, err := a.svc.Members.ListMembers(r.Context(), r.PathValue("handle"), page)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// MemberSet is the body of PUT /api/organizations/{handle}/members/{user_handle}.
type MemberSet struct {
	Role glossia.Role `json:"role"`
}

// SetMember answers PUT /api/organizations/{handle}/members/{user_handle}:
// it adds the user with that role, or changes their role.
func (a *API) SetMember(w http.ResponseWriter, r *http.Request) error {
	var in MemberSet
	if err := decode(w, r, &in); err != nil {
		return err
	}
	out, err := a.svc.Members.SetMember(r.Context(), r.PathValue("handle"), r.PathValue("user_handle"), in.Role)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// RemoveMember answers DELETE /api/organizations/{handle}/members/{user_handle}
// with 204.
func (a *API) RemoveMember(w http.ResponseWriter, r *http.Request) error {
	if err := a.svc.Members.RemoveMember(r.Context(), r.PathValue("handle"), r.PathValue("user_handle")); err != nil {
		return err
	}
	return noContent(w)
}
