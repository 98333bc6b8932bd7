package web

import (
	"net/http"

	"github.com/glossia/glossia"
)

// orgListPage is the list of the caller's organizations.
type orgListPage struct {
	Organizations []*glossia.Organization
	Next          string
}

// OrganizationList serves GET /organizations: the caller's organizations
// with their role in each.
func (h *Handler) OrganizationList(w http.ResponseWriter, r *http.Request) {
	h.app(w, r, h.organizationList)
}

func (h *Handler) organizationList(w http.ResponseWriter, r *http.Request, v *visit) error {
	q := r.URL.Query()
	page, err := h.d.Services.Organizations.ListOrganizations(v.ctx, glossia.PageRequest{Limit: 50, Cursor: q.Get("cursor")})
	if err != nil {
		return err
	}
	data := orgListPage{Organizations: page.Organizations}
	if page.NextCursor != nil {
		data.Next = nextURL(r, *page.NextCursor)
	}
	vw := h.view(v, "Organizations", "organizations", data)
	vw.Notice = notices[q.Get("notice")]
	h.render(w, r, http.StatusOK, "organizations", vw)
	return nil
}
