package web

import (
	"net/http"
	"strconv"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/httpx"
)

// errorPage is what the error template shows.
type errorPage struct {
	Status    int
	Heading   string
	Message   string
	RequestID string
}

// fail renders the page for an error that a handler did not handle itself:
// ENOTFOUND → 404, EFORBIDDEN → 403, EUNAUTHENTICATED → the sign-in page,
// ERATELIMITED → 429, EINVALID → 400, ECONFLICT → 409, anything else → 500
// with the details in the log only. v may be nil when signed out.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, v *visit, err error) {
	e := glossia.AsError(err)
	code := glossia.ErrorCode(err)
	p := errorPage{RequestID: httpx.RequestIDFrom(r.Context())}
	switch code {
	case glossia.ENOTFOUND:
		p.Status, p.Heading = http.StatusNotFound, "Page not found"
		p.Message = "There is nothing here, or it is not yours to see. Check the address, or go back to your tokens."
	case glossia.EFORBIDDEN:
		p.Status, p.Heading, p.Message = http.StatusForbidden, "Not allowed", message(err)
	case glossia.EUNAUTHENTICATED:
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	case glossia.ERATELIMITED:
		p.Status, p.Heading = http.StatusTooManyRequests, "Too many attempts"
		p.Message = message(err)
		if e.RetryAfter > 0 {
			secs := int(e.RetryAfter.Seconds() + 0.5)
			if secs < 1 {
				secs = 1
			}
			w.Header().Set("Retry-After", strconv.Itoa(secs))
		}
	case glossia.EINVALID:
		p.Status, p.Heading, p.Message = http.StatusBadRequest, "Something is wrong with that request", message(err)
	case glossia.ECONFLICT:
		p.Status, p.Heading, p.Message = http.StatusConflict, "That cannot be done right now", message(err)
	default:
		h.log.ErrorContext(r.Context(), "dashboard request failed",
			"method", r.Method, "path", r.URL.Path, "request_id", p.RequestID, "err", err)
		p.Status, p.Heading = http.StatusInternalServerError, "Something went wrong"
		p.Message = "An error on our side stopped this request. Please try again in a moment."
	}
	h.render(w, r, p.Status, "error", h.view(v, p.Heading, "", p))
}

// NotFound renders the dashboard's 404 page; the server may use it for
// paths that no route matches.
func (h *Handler) NotFound(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w)
	w.Header().Set("Cache-Control", "no-store")
	v, _ := h.session(r)
	h.fail(w, r, v, glossia.Errorf(glossia.ENOTFOUND, "not found"))
}
