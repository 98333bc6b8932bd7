package web

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/glossia/glossia"
)

//go:embed templates/*.html
var templateFS embed.FS

// view is what every page template receives.
type view struct {
	Title string
	// Nav names the active sidebar entry.
	Nav  string
	User *glossia.User
	// CSRF is the token every form of a signed-in page carries.
	CSRF   string
	Notice string
	// HasAudit shows the security log in the sidebar.
	HasAudit bool
	Data     any
}

// view returns the common part of a page for the visit v (nil when signed
// out).
func (h *Handler) view(v *visit, title, nav string, data any) *view {
	out := &view{Title: title, Nav: nav, Data: data, HasAudit: h.d.Audit != nil}
	if v != nil {
		out.User, out.CSRF = v.user, v.csrf
	}
	return out
}

// parsePages parses each page template together with the shared layout and
// partials, so that every page defines its own "title" and "content".
func parsePages(a *assets) map[string]*template.Template {
	funcs := template.FuncMap{
		"asset":       a.url,
		"scopeObject": scopeObjectLabel,
		"join":        strings.Join,
		"inc":         func(i int) int { return i + 1 },
		"itoa":        strconv.Itoa,
		"initial":     initial,
		"fieldID":     func(s string) string { return strings.NewReplacer(":", "-", "_", "-").Replace(s) },
	}
	shared := []string{"templates/layout.html", "templates/partials.html"}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	pages := make(map[string]*template.Template)
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".html")
		if base == "layout" || base == "partials" {
			continue
		}
		t := template.New(base).Funcs(funcs)
		pages[base] = template.Must(t.ParseFS(templateFS, append(shared, name)...))
	}
	return pages
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, page string, v *view) {
	t, ok := h.pages[page]
	if !ok {
		h.log.ErrorContext(r.Context(), "dashboard template missing", "page", page)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		h.log.ErrorContext(r.Context(), "dashboard template failed", "page", page, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// scopeObjectLabel names the object of a scope group for people.
func scopeObjectLabel(object string) string {
	switch object {
	case "user":
		return "User"
	case "account":
		return "Accounts"
	case "organization":
		return "Organizations"
	case "members":
		return "Members"
	case "project":
		return "Projects"
	case "voice":
		return "Voice"
	case "api_credentials":
		return "API credentials"
	}
	return object
}

// initial is the first letter of a handle, upper-cased, for the avatar.
func initial(handle string) string {
	if handle == "" {
		return "?"
	}
	return strings.ToUpper(handle[:1])
}
