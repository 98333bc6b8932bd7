package api

import (
	"net/http"

	"github.com/glossia/glossia"
)

// ListOrganizations answers GET /api/organizations: the caller's
// organizations.
func (a *API) ListOrganizations(w http.ResponseWriter, r *http.Request) error {
	page, err := pageRequest(r)
	if err != nil {
		return err
	}
	out, err := a.svc.Organizations.ListOrganizations(r.Context(), page)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// CreateOrganization answers POST /api/organizations with 201; the caller
// becomes its admin.
func (a *API) CreateOrganization(w http.ResponseWriter, r *http.Request) error {
	var in glossia.OrganizationCreate
	if err := decode(w, r, &in); err != nil {
		return err
	}
	out, err := a.svc.Organizations.CreateOrganization(r.Context(), in)
	if err != nil {
		return err
	}
	return created(w, "/api/organizations/"+out.Handle, out)
}

// GetOrganization answers GET /api/organizations/{handle}.
func (a *API) GetOrganization(w http.ResponseWriter, r *http.Request) error {
	out, err := a.svc.Organizations.FindOrganization(r.Context(), r.PathValue("handle"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// UpdateOrganization answers PATCH /api/organizations/{handle}.
func (a *API) UpdateOrganization(w http.ResponseWriter, r *http.Request) error {
	var in glossia.OrganizationUpdate
	if err := decode(w, r, &in); err != nil {
		return err
	}
	out, err := a.svc.Organizations.UpdateOrganization(r.Context(), r.PathValue("handle"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// DeleteOrganization answers DELETE /api/organizations/{handle} with 204.
func (a *API) DeleteOrganization(w http.ResponseWriter, r *http.Request) error {
	if err := a.svc.Organizations.DeleteOrganization(r.Context(), r.PathValue("handle")); err != nil {
		return err
	}
	return noContent(w)
}
