package web

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func serve(t *testing.T, method, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	mux := http.NewServeMux()
	Register(mux)
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	return rec
}

func TestHandler(t *testing.T) {
	for _, c := range []struct{ path, contentType, contains string }{
		{"/", "text/html; charset=utf-8", `<script src="/web/app.js" defer></script>`},
		{"/web/index.html", "text/html; charset=utf-8", `id="key-input"`},
		{"/web/app.js", "text/javascript; charset=utf-8", "gantt.svg"},
		{"/web/style.css", "text/css; charset=utf-8", ".kpi"},
	} {
		rec := serve(t, http.MethodGet, c.path)
		require.Equal(t, http.StatusOK, rec.Code, c.path)
		h := rec.Header()
		assert.Equal(t, c.contentType, h.Get("Content-Type"), c.path)
		assert.Contains(t, rec.Body.String(), c.contains, c.path)
		assert.Contains(t, h.Get("Content-Security-Policy"), "script-src 'self'", c.path)
		assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"), c.path)
		etag := h.Get("ETag")
		require.NotEmpty(t, etag, c.path)

		// Revalidated by its entity tag.
		rec = serve(t, http.MethodGet, c.path, "If-None-Match", etag)
		assert.Equal(t, http.StatusNotModified, rec.Code, c.path)
		rec = serve(t, http.MethodHead, c.path)
		assert.Equal(t, http.StatusOK, rec.Code, c.path)
		assert.Empty(t, rec.Body.String(), c.path)
	}
	for _, p := range []string{"/web/", "/web/nope.js", "/web/web.go", "/index.html"} {
		assert.Equal(t, http.StatusNotFound, serve(t, http.MethodGet, p).Code, p)
	}
	assert.Equal(t, http.StatusMethodNotAllowed, serve(t, http.MethodPost, "/").Code)
}

// TestNoExternalAssets: the page loads nothing from another origin.
func TestNoExternalAssets(t *testing.T) {
	for _, name := range []string{"index.html", "app.js", "style.css"} {
		b, err := files.ReadFile(name)
		require.NoError(t, err)
		for _, m := range regexp.MustCompile(`(?:src|href)\s*=\s*["']([^"']+)`).FindAllStringSubmatch(string(b), -1) {
			assert.True(t, strings.HasPrefix(m[1], "/") || strings.HasPrefix(m[1], "#"), "%s loads %s", name, m[1])
		}
		assert.NotRegexp(t, `@import|url\(\s*["']?https?:`, string(b), name)
	}
}

// TestLabelsInBothLanguages: every label the page names has its English and
// its Chinese text.
func TestLabelsInBothLanguages(t *testing.T) {
	html, err := files.ReadFile("index.html")
	require.NoError(t, err)
	js, err := files.ReadFile("app.js")
	require.NoError(t, err)
	src := string(js)
	en, zh := dictionary(t, src, "en"), dictionary(t, src, "zh")
	assert.Equal(t, keys(en), keys(zh), "the same keys in English and Chinese")

	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`data-i18n="([^"]+)"`).FindAllStringSubmatch(string(html), -1) {
		used[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`\bt\('([^']+)'\s*[,)]`).FindAllStringSubmatch(src, -1) {
		used[m[1]] = true
	}
	require.NotEmpty(t, used)
	for k := range used {
		assert.NotEmpty(t, en[k], "English text of %q", k)
		assert.NotEmpty(t, zh[k], "Chinese text of %q", k)
	}
	for _, rule := range []string{"duplicate", "over-24-hours", "two-sites", "future-date", "pending-too-long", "no-attendance"} {
		assert.NotEmpty(t, zh["rule."+rule], "Chinese name of the rule %s", rule)
	}
	assert.Regexp(t, `\p{Han}`, zh["gantt"])
}

// dictionary reads one language's labels out of app.js: the lines
// `key: 'text',` of its block.
func dictionary(t *testing.T, src, lang string) map[string]string {
	t.Helper()
	start := strings.Index(src, "\n    "+lang+": {\n")
	require.GreaterOrEqual(t, start, 0, "no %s block", lang)
	end := strings.Index(src[start:], "\n    },")
	require.Greater(t, end, 0)
	block := src[start : start+end]
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^\s+'?([\w.-]+)'?: (?:'([^']*)'|"([^"]*)"),$`).FindAllStringSubmatch(block, -1) {
		out[m[1]] = m[2] + m[3]
	}
	require.NotEmpty(t, out, lang)
	return out
}

func keys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}
