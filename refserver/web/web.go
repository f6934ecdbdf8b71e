// Package web is the reference server's dashboard (看板): one page, served
// from files embedded in the binary (no CDN, no build step), that reads the
// API with a key the user enters once. It lists the tenant's projects and,
// for one project, draws its Gantt chart, its earned value S-curve with the
// key indices (SPI, CPI, EAC, VAC, SPI(t)), its day-work labour and the
// labour checks' findings, in English or Chinese.
//
// The page is plain HTML, CSS and JavaScript. Charts are the API's SVG
// (GET /projects/{project}/gantt.svg …), fetched with the key and put
// inline, so that a script or a browser test can find their elements.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"time"
)

//go:embed index.html app.js style.css
var files embed.FS

// Prefix is the path the page's assets are served under.
const Prefix = "/web/"

// csp lets the page load its own script and style and call its own API,
// nothing else. Inline styles are allowed for the SVG charts' attributes.
const csp = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// asset is one embedded file, ready to serve.
type asset struct {
	name, contentType, etag string
	body                    []byte
}

var assets = func() map[string]asset {
	m := map[string]asset{}
	for path, f := range map[string]struct{ name, ct string }{
		"/":                   {"index.html", "text/html; charset=utf-8"},
		Prefix + "index.html": {"index.html", "text/html; charset=utf-8"},
		Prefix + "app.js":     {"app.js", "text/javascript; charset=utf-8"},
		Prefix + "style.css":  {"style.css", "text/css; charset=utf-8"},
	} {
		b, err := files.ReadFile(f.name)
		if err != nil {
			panic(err) // embedded above: cannot happen
		}
		h := sha256.Sum256(b)
		m[path] = asset{name: f.name, contentType: f.ct, etag: `"` + hex.EncodeToString(h[:8]) + `"`, body: b}
	}
	return m
}()

// Handler serves the dashboard: the page at / and /web/index.html, its
// script and style under /web/. Other paths are not found.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := assets[r.URL.Path]
		if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache") // revalidated by ETag: a new binary serves new files at once
		h.Set("ETag", a.etag)
		http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(a.body))
	})
}

// Register serves the dashboard on mux, at GET / and GET /web/.
func Register(mux *http.ServeMux) {
	h := Handler()
	mux.Handle("GET /{$}", h)
	mux.Handle("GET "+Prefix, h)
}
