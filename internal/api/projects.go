package api

import (
	"net/http"

	"github.com/glossia/glossia"
)

// ListAllProjects answers GET /api/projects: every project of the accounts
// the caller belongs to.
func (a *API) ListAllProjects(w http.ResponseWriter, r *http.Request) error {
	page, err := pageRequest(r)
	if err != nil {
		return err
	}
	out, err := a.svc.Projects.ListAllProjects(r.Context(), page)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// ListProjects answers GET /api/accounts/{handle}/projects.
func (a *API) ListProjects(w http.ResponseWriter, r *http.Request) error {
	page, err := pageRequest(r)
	if err != nil {
		return err
	}
	out, err := a.svc.Projects.ListProjects(r.Context(), r.PathValue("handle"), page)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// CreateProject answers POST /api/accounts/{handle}/projects with 201.
func (a *API) CreateProject(w http.ResponseWriter, r *http.Request) error {
	var in glossia.ProjectCreate
	if err := decode(w, r, &in); err != nil {
		return err
	}
	out, err := a.svc.Projects.CreateProject(r.Context(), r.PathValue("handle"), in)
	if err != nil {
		return err
	}
	return created(w, "/api/accounts/"+out.Account+"/projects/"+out.Handle, out)
}

// GetProject answers GET /api/accounts/{handle}/projects/{project}.
func (a *API) GetProject(w http.ResponseWriter, r *http.Request) error {
	out, err := a.svc.Projects.FindProject(r.Context(), r.PathValue("handle"), r.PathValue("project"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// UpdateProject answers PATCH /api/accounts/{handle}/projects/{project}.
func (a *API) UpdateProject(w http.ResponseWriter, r *http.Request) error {
	var in glossia.ProjectUpdate
	if err := decode(w, r, &in); err != nil {
		return err
	}
	out, err := a.svc.Projects.UpdateProject(r.Context(), r.PathValue("handle"), r.PathValue("project"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// DeleteProject answers DELETE /api/accounts/{handle}/projects/{project}
// with 204.
func (a *API) DeleteProject(w http.ResponseWriter, r *http.Request) error {
	if err := a.svc.Projects.DeleteProject(r.Context(), r.PathValue("handle"), r.PathValue("project")); err != nil {
		return err
	}
	return noContent(w)
}
