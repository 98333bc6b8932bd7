package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static
var staticFS embed.FS

// assets are the embedded static files, each with a content hash so that
// pages can link them with a version and browsers may cache them forever.
type assets struct {
	files   fs.FS
	version map[string]string
}

func loadAssets() *assets {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err)
	}
	a := &assets{files: sub, version: make(map[string]string)}
	err = fs.WalkDir(sub, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.version[name] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		panic(err)
	}
	return a
}

// url returns the versioned address of a static file.
func (a *assets) url(name string) string {
	return "/static/" + name + "?v=" + a.version[name]
}

// Static serves the embedded CSS, JavaScript and images under /static/.
// Requests naming the current version are cached for a year.
func (h *Handler) Static() http.Handler {
	files := http.StripPrefix("/static/", http.FileServerFS(h.assets.files))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(w)
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		v, ok := h.assets.version[name]
		switch {
		case !ok:
			h.NotFound(w, r)
			return
		case r.URL.Query().Get("v") == v:
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		default:
			w.Header().Set("Cache-Control", "public, max-age=300")
		}
		files.ServeHTTP(w, r)
	})
}
