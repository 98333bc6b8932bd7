package web

import (
	"net/http"

	"github.com/glossia/glossia"
)

// SignUpForm serves GET /signup.
func (h *Handler) SignUpForm(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w)
	w.Header().Set("Cache-Control", "no-store")
	if v, err := h.session(r); err == nil && v != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	f := &authForm{Token: h.formToken(w, r)}
	h.render(w, r, http.StatusOK, "signup", h.view(nil, "Create your account", "", f))
}

// SignUp serves POST /signup: it creates the user and their personal
// account, then signs them in. Attempts are limited per client IP.
func (h *Handler) SignUp(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w)
	w.Header().Set("Cache-Control", "no-store")
	if err := h.checkPublicPost(w, r); err != nil {
		h.fail(w, r, nil, err)
		return
	}
	if ok, retry := h.limiter.Allow("signup-ip:" + h.clientOrigin(r).IP); !ok {
		h.fail(w, r, nil, &glossia.Error{
			Code:       glossia.ERATELIMITED,
			Message:    "Too many sign-up attempts from your network. Wait a minute, then try again.",
			RetryAfter: retry,
		})
		return
	}
	s := glossia.SignUp{
		Handle:   r.PostForm.Get("handle"),
		Email:    r.PostForm.Get("email"),
		Name:     r.PostForm.Get("name"),
		Password: r.PostForm.Get("password"),
	}
	// An actor with an origin and no user: the audit log records where the
	// sign-up came from, and it authenticates nothing.
	ctx := glossia.NewContext(r.Context(), &glossia.Actor{Origin: h.clientOrigin(r)})
	u, err := h.d.Identity.SignUp(ctx, s)
	switch glossia.ErrorCode(err) {
	case "":
	case glossia.EINVALID, glossia.ECONFLICT:
		f := &authForm{Token: h.formToken(w, r), Handle: s.Handle, Email: s.Email, Name: s.Name}
		f.Errors, f.Error = fieldMessages(err)
		status := formStatus(glossia.ErrorCode(err))
		h.render(w, r, status, "signup", h.view(nil, "Create your account", "", f))
		return
	default:
		h.fail(w, r, nil, err)
		return
	}
	if err := h.startSession(w, r, u); err != nil {
		h.fail(w, r, nil, err)
		return
	}
	http.Redirect(w, r, "/settings/api/tokens?notice=welcome", http.StatusSeeOther)
}
