package web

import (
	"net/http"

	"github.com/glossia/glossia"
)

// orgPage is an organization with its members, and the add-member form.
type orgPage struct {
	Org     *glossia.Organization
	Members []*glossia.Member
	// Admin says whether the caller may manage members.
	Admin bool
	Self  string
	// Add is the add-member form's input and errors.
	AddHandle string
	AddRole   string
	Errors    map[string][]string
	// Error is shown above the members, e.g. the last-admin conflict.
	Error string
	Next  string
}

// OrganizationShow serves GET /organizations/{org}: the organization, its
// members and roles, and for admins the controls to manage them.
func (h *Handler) OrganizationShow(w http.ResponseWriter, r *http.Request) {
	h.app(w, r, func(w http.ResponseWriter, r *http.Request, v *visit) error {
		p, err := h.orgPage(r, v)
		if err != nil {
			return err
		}
		vw := h.view(v, p.Org.Name, "organizations", p)
		vw.Notice = notices[r.URL.Query().Get("notice")]
		h.render(w, r, http.StatusOK, "organization", vw)
		return nil
	})
}

// orgPage loads the organization of the request's path and its members.
func (h *Handler) orgPage(r *http.Request, v *visit) (*orgPage, error) {
	org, err := h.d.Services.Organizations.FindOrganization(v.ctx, r.PathValue("org"))
	if err != nil {
		return nil, err
	}
	page, err := h.d.Services.Members.ListMembers(v.ctx, org.Handle, glossia.PageRequest{Limit: 100, Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		return nil, err
	}
	p := &orgPage{
		Org: org, Members: page.Members, Admin: org.Role == glossia.RoleAdmin,
		Self: v.user.Handle, AddRole: string(glossia.RoleMember), Errors: map[string][]string{},
	}
	if page.NextCursor != nil {
		p.Next = nextURL(r, *page.NextCursor)
	}
	return p, nil
}

// orgError re-renders the organization page with an error message: what
// the member actions do on a validation error or a conflict such as
// removing the last admin.
func (h *Handler) orgError(w http.ResponseWriter, r *http.Request, v *visit, status int, edit func(*orgPage)) error {
	p, err := h.orgPage(r, v)
	if err != nil {
		return err
	}
	edit(p)
	h.render(w, r, status, "organization", h.view(v, p.Org.Name, "organizations", p))
	return nil
}
