package web

import (
	"net/http"

	"github.com/glossia/glossia"
)

// projectListPage is every project the caller can read, and the accounts
// they belong to.
type projectListPage struct {
	Projects []*glossia.Project
	Accounts []*glossia.Account
	Next     string
}

// ProjectList serves GET /projects: the projects of every account the
// caller belongs to.
func (h *Handler) ProjectList(w http.ResponseWriter, r *http.Request) { h.app(w, r, h.projectList) }

func (h *Handler) projectList(w http.ResponseWriter, r *http.Request, v *visit) error {
	page, err := h.d.Services.Projects.ListAllProjects(v.ctx, glossia.PageRequest{Limit: 50, Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		return err
	}
	accounts, err := h.d.Services.Accounts.ListAccounts(v.ctx, glossia.PageRequest{Limit: glossia.MaxPageLimit})
	if err != nil {
		return err
	}
	data := projectListPage{Projects: page.Projects, Accounts: accounts.Accounts}
	if page.NextCursor != nil {
		data.Next = nextURL(r, *page.NextCursor)
	}
	h.render(w, r, http.StatusOK, "projects", h.view(v, "Projects", "projects", data))
	return nil
}
