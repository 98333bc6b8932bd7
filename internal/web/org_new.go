package web

import (
	"net/http"

	"github.com/glossia/glossia"
)

// orgForm is the new-organization form.
type orgForm struct {
	Handle      string
	Name        string
	Description string
	Visibility  string
	Errors      map[string][]string
	Error       string
}

// OrganizationNew serves GET /organizations/new: the form to create an
// organization.
func (h *Handler) OrganizationNew(w http.ResponseWriter, r *http.Request) {
	h.app(w, r, func(w http.ResponseWriter, r *http.Request, v *visit) error {
		f := &orgForm{Visibility: string(glossia.VisibilityPrivate)}
		h.render(w, r, http.StatusOK, "organization_new", h.view(v, "New organization", "organizations", f))
		return nil
	})
}

// OrganizationCreate serves POST /organizations: it creates the
// organization with the caller as admin and opens its page.
func (h *Handler) OrganizationCreate(w http.ResponseWriter, r *http.Request) {
	h.app(w, r, h.organizationCreate)
}

func (h *Handler) organizationCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := &orgForm{
		Handle:      r.PostForm.Get("handle"),
		Name:        r.PostForm.Get("name"),
		Description: normalizeNewlines(r.PostForm.Get("description")),
		Visibility:  r.PostForm.Get("visibility"),
	}
	org, err := h.d.Services.Organizations.CreateOrganization(v.ctx, glossia.OrganizationCreate{
		Handle: f.Handle, Name: f.Name, Description: f.Description, Visibility: glossia.Visibility(f.Visibility),
	})
	switch code := glossia.ErrorCode(err); code {
	case "":
		http.Redirect(w, r, "/organizations/"+org.Handle+"?notice=org-created", http.StatusSeeOther)
		return nil
	case glossia.EINVALID, glossia.ECONFLICT:
		f.Errors, f.Error = fieldMessages(err)
		h.render(w, r, formStatus(code), "organization_new", h.view(v, "New organization", "organizations", f))
		return nil
	}
	return err
}
