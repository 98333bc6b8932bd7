package web

import (
	"net/http"

	"github.com/glossia/glossia"
)

// accountProjectsPage is one account's projects and the new-project form.
type accountProjectsPage struct {
	Account  string
	Role     glossia.Role
	Kind     glossia.AccountKind
	Projects []*glossia.Project
	Next     string

	Handle      string
	Name        string
	Description string
	Errors      map[string][]string
	Error       string
}

// AccountProjects serves GET /accounts/{handle}/projects: an account's
// projects, readable by its members (anyone when it is public), with the
// form to create one for its admins.
func (h *Handler) AccountProjects(w http.ResponseWriter, r *http.Request) {
	h.app(w, r, func(w http.ResponseWriter, r *http.Request, v *visit) error {
		p, err := h.accountProjects(r, v)
		if err != nil {
			return err
		}
		vw := h.view(v, p.Account+" projects", "projects", p)
		vw.Notice = notices[r.URL.Query().Get("notice")]
		h.render(w, r, http.StatusOK, "account_projects", vw)
		return nil
	})
}

// accountProjects loads the account of the path, the caller's role in it
// and its projects.
func (h *Handler) accountProjects(r *http.Request, v *visit) (*accountProjectsPage, error) {
	handle := r.PathValue("handle")
	page, err := h.d.Services.Projects.ListProjects(v.ctx, handle, glossia.PageRequest{Limit: 50, Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		return nil, err
	}
	p := &accountProjectsPage{Account: handle, Projects: page.Projects, Errors: map[string][]string{}}
	if page.NextCursor != nil {
		p.Next = nextURL(r, *page.NextCursor)
	}
	accounts, err := h.d.Services.Accounts.ListAccounts(v.ctx, glossia.PageRequest{Limit: glossia.MaxPageLimit})
	if err != nil {
		return nil, err
	}
	for _, a := range accounts.Accounts {
		if a.Handle == handle {
			p.Role, p.Kind = a.Role, a.Kind
		}
	}
	return p, nil
}

// ProjectCreate serves POST /accounts/{handle}/projects: it creates a
// project in the account. Only the account's admins may.
func (h *Handler) ProjectCreate(w http.ResponseWriter, r *http.Request) { h.app(w, r, h.projectCreate) }

func (h *Handler) projectCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	account := r.PathValue("handle")
	c := glossia.ProjectCreate{
		Handle:      r.PostForm.Get("handle"),
		Name:        r.PostForm.Get("name"),
		Description: normalizeNewlines(r.PostForm.Get("description")),
	}
	_, err := h.d.Services.Projects.CreateProject(v.ctx, account, c)
	code := glossia.ErrorCode(err)
	switch code {
	case "":
		http.Redirect(w, r, "/accounts/"+account+"/projects?notice=project-created", http.StatusSeeOther)
		return nil
	case glossia.EINVALID, glossia.ECONFLICT:
	default:
		return err
	}
	p, perr := h.accountProjects(r, v)
	if perr != nil {
		return perr
	}
	p.Handle, p.Name, p.Description = c.Handle, c.Name, c.Description
	p.Errors, p.Error = fieldMessages(err)
	h.render(w, r, formStatus(code), "account_projects", h.view(v, account+" projects", "projects", p))
	return nil
}
