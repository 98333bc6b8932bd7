package web

import (
	"net/http"
	"strings"

	"github.com/glossia/glossia"
)

// authForm is the sign-in or sign-up form: the input (never the password)
// and what is wrong with it.
type authForm struct {
	Token  string
	Next   string
	Email  string
	Handle string
	Name   string
	Errors map[string][]string
	Error  string
}

// signInFailed is the one message of every failed sign-in, so that it
// never tells whether an email is registered.
const signInFailed = "Incorrect email or password."

// SignInForm serves GET /signin. A signed-in visitor goes to the
// dashboard.
func (h *Handler) SignInForm(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w)
	w.Header().Set("Cache-Control", "no-store")
	next := localPath(r.URL.Query().Get("next"), "/")
	if v, err := h.session(r); err == nil && v != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	f := &authForm{Token: h.formToken(w, r), Next: next}
	h.render(w, r, http.StatusOK, "signin", h.view(nil, "Sign in", "", f))
}

// SignIn serves POST /signin. Failed attempts are limited per client IP
// and per email; every failure reads the same, and past the limit the
// answer is a 429 page, whatever the password.
func (h *Handler) SignIn(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w)
	w.Header().Set("Cache-Control", "no-store")
	if err := h.checkPublicPost(w, r); err != nil {
		h.fail(w, r, nil, err)
		return
	}
	f := &authForm{
		Token: h.formToken(w, r),
		Next:  localPath(r.PostForm.Get("next"), "/"),
		Email: strings.TrimSpace(r.PostForm.Get("email")),
	}
	keys := []string{"signin-ip:" + h.clientOrigin(r).IP, "signin-email:" + glossia.NormalizeEmail(f.Email)}
	for _, key := range keys {
		if blocked, retry := h.limiter.Blocked(key); blocked {
			h.log.WarnContext(r.Context(), "dashboard sign-in rate limited", "ip", h.clientOrigin(r).IP)
			h.fail(w, r, nil, &glossia.Error{
				Code:       glossia.ERATELIMITED,
				Message:    "Too many failed sign-in attempts. Wait a minute, then try again.",
				RetryAfter: retry,
			})
			return
		}
	}
	u, err := h.d.Identity.CheckPassword(r.Context(), f.Email, r.PostForm.Get("password"))
	switch glossia.ErrorCode(err) {
	case "":
	case glossia.EUNAUTHENTICATED, glossia.EINVALID, glossia.ENOTFOUND:
		for _, key := range keys {
			h.limiter.Allow(key)
		}
		f.Error = signInFailed
		h.render(w, r, http.StatusUnprocessableEntity, "signin", h.view(nil, "Sign in", "", f))
		return
	default:
		h.fail(w, r, nil, err)
		return
	}
	if err := h.startSession(w, r, u); err != nil {
		h.fail(w, r, nil, err)
		return
	}
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
}
