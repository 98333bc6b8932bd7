package web

import (
	"net/http"

	"github.com/glossia/glossia"
)

// auditRow is one audit event as the security log shows it.
type auditRow struct {
	*glossia.AuditEvent
	When when
}

// securityLogPage is one page of the caller's audit events.
type securityLogPage struct {
	Events []auditRow
	Next   string
}

// SecurityLog serves GET /settings/security-log: what was done with the
// caller's account and tokens, when, through which surface and from where.
// It is a 404 when the server has no audit service.
func (h *Handler) SecurityLog(w http.ResponseWriter, r *http.Request) {
	h.app(w, r, func(w http.ResponseWriter, r *http.Request, v *visit) error {
		if h.d.Audit == nil {
			return glossia.Errorf(glossia.ENOTFOUND, "not found")
		}
		page, err := h.d.Audit.ListAuditEvents(v.ctx, glossia.PageRequest{Limit: 50, Cursor: r.URL.Query().Get("cursor")})
		if err != nil {
			return err
		}
		now := h.now()
		data := securityLogPage{}
		for _, e := range page.Events {
			data.Events = append(data.Events, auditRow{AuditEvent: e, When: newWhen(e.CreatedAt, ago(now, e.CreatedAt))})
		}
		if page.NextCursor != nil {
			data.Next = nextURL(r, *page.NextCursor)
		}
		h.render(w, r, http.StatusOK, "security_log", h.view(v, "Security log", "security-log", data))
		return nil
	})
}
