package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/glossia/glossia"
)

// maxFormBytes bounds every dashboard form body.
const maxFormBytes = 64 << 10

// visit is one signed-in request: the session's user, its CSRF token and a
// context carrying the actor the services see.
type visit struct {
	ctx    context.Context
	user   *glossia.User
	csrf   string
	secret string
}

// pageFunc serves a signed-in request. A returned error is rendered by
// h.fail as the page its code calls for.
type pageFunc func(w http.ResponseWriter, r *http.Request, v *visit) error

// app serves a page that needs a session: without one it sends the browser
// to the sign-in page. POSTs must pass the cross-origin check and carry the
// session's CSRF token.
func (h *Handler) app(w http.ResponseWriter, r *http.Request, fn pageFunc) {
	securityHeaders(w)
	w.Header().Set("Cache-Control", "no-store")
	v, err := h.session(r)
	if err != nil {
		h.fail(w, r, nil, err)
		return
	}
	if v == nil {
		h.clearCookie(w, h.sessionCookie())
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Redirect(w, r, "/signin", http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if r.Method == http.MethodPost {
		if err := h.checkPost(w, r, v.csrf); err != nil {
			h.fail(w, r, v, err)
			return
		}
	}
	if err := fn(w, r, v); err != nil {
		h.fail(w, r, v, err)
	}
}

// session returns the visit of the request's session cookie, or nil when
// there is no live session.
func (h *Handler) session(r *http.Request) (*visit, error) {
	c, err := r.Cookie(h.sessionCookie())
	if err != nil || c.Value == "" || len(c.Value) > 256 {
		return nil, nil
	}
	s, err := h.d.Sessions.FindSession(r.Context(), c.Value)
	if glossia.ErrorCode(err) == glossia.EUNAUTHENTICATED {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	actor := &glossia.Actor{UserID: s.User.ID, Handle: s.User.Handle, Origin: h.clientOrigin(r)}
	return &visit{
		ctx:    glossia.NewContext(r.Context(), actor),
		user:   s.User,
		csrf:   s.CSRFToken,
		secret: c.Value,
	}, nil
}

// checkPost refuses a state-changing request that comes from another
// origin or lacks the expected synchronizer token, and parses its form.
func (h *Handler) checkPost(w http.ResponseWriter, r *http.Request, want string) error {
	if err := h.origins.Check(r); err != nil {
		return errCrossOrigin
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return glossia.Errorf(glossia.EINVALID, "the form could not be read")
	}
	got := r.PostForm.Get("csrf_token")
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return errBadCSRF
	}
	return nil
}

var (
	errCrossOrigin = glossia.Errorf(glossia.EFORBIDDEN, "This form was sent from another site, so it was refused.")
	errBadCSRF     = glossia.Errorf(glossia.EFORBIDDEN, "This form has expired or was not sent from this site. Go back, reload the page and try again.")
)

// sessionCookie is the name of the session cookie.
func (h *Handler) sessionCookie() string {
	if h.secure {
		return "__Host-glossia_session"
	}
	return "glossia_session"
}

// formCookie is the name of the double-submit cookie of the sign-in and
// sign-up forms.
func (h *Handler) formCookie() string {
	if h.secure {
		return "__Host-glossia_form"
	}
	return "glossia_form"
}

// startSession creates a new session for u and sets its cookie. A new
// session id is issued at every sign-in.
func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, u *glossia.User) error {
	secret, s, err := h.d.Sessions.CreateSession(r.Context(), u.ID)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name:     h.sessionCookie(),
		Value:    secret,
		Path:     "/",
		Expires:  s.ExpiresAt,
		MaxAge:   int(s.ExpiresAt.Sub(h.now()) / time.Second),
		HttpOnly: true,
		Secure:   h.secure,
		SameSite: http.SameSiteLaxMode,
	})
	h.clearCookie(w, h.formCookie())
	return nil
}

// clearCookie tells the browser to drop a cookie.
func (h *Handler) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode,
	})
}

// formToken returns the double-submit token of the sign-in and sign-up
// forms, setting its cookie when the browser has none yet.
func (h *Handler) formToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(h.formCookie()); err == nil && len(c.Value) == 32 {
		return c.Value
	}
	var b [16]byte
	rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	http.SetCookie(w, &http.Cookie{
		Name: h.formCookie(), Value: token, Path: "/",
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode,
	})
	return token
}

// checkPublicPost checks a sign-in or sign-up POST: same origin, and the
// form's token matching its cookie.
func (h *Handler) checkPublicPost(w http.ResponseWriter, r *http.Request) error {
	want := ""
	if c, err := r.Cookie(h.formCookie()); err == nil {
		want = c.Value
	}
	return h.checkPost(w, r, want)
}

// localPath returns next when it is a path on this site, and fallback
// otherwise, so that ?next= cannot send anyone elsewhere.
func localPath(next, fallback string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return fallback
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return fallback
	}
	return next
}
