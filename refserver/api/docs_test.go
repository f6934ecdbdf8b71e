package api

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/humatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// getDocs fetches the docs page of a server.
func getDocs(t *testing.T, s *Server) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	s.DocsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/docs", nil))
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(body)
}

// operations returns every operation of an OpenAPI description.
func operations(oa *huma.OpenAPI) []*huma.Operation {
	var ops []*huma.Operation
	for _, item := range oa.Paths {
		for _, op := range []*huma.Operation{item.Get, item.Head, item.Post, item.Put, item.Patch, item.Delete, item.Options, item.Trace} {
			if op != nil {
				ops = append(ops, op)
			}
		}
	}
	return ops
}

var (
	attrURL   = regexp.MustCompile(`(?i)\s(?:href|src|action|srcset|poster|data)\s*=\s*["']?([^"'\s>]*)`)
	anchorRef = regexp.MustCompile(`href="#([^"]+)"`)
	elementID = regexp.MustCompile(`\sid="([^"]+)"`)
	styleText = regexp.MustCompile(`(?s)<style>(.*?)</style>`)
)

func TestDocsPage(t *testing.T) {
	e := newEnv(t)
	res, page := getDocs(t, e.srv)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))

	ops := operations(e.srv.API().OpenAPI())
	require.NotEmpty(t, ops)
	for _, op := range ops {
		assert.Contains(t, page, "<code>"+op.OperationID+"</code>", "operation %s %s", op.Method, op.Path)
		assert.Contains(t, page, `id="op-`+slug(op.OperationID)+`"`, "operation %s has no anchor", op.OperationID)
	}
	assert.Contains(t, page, `href="/openapi.json"`)
	assert.Contains(t, page, `href="/openapi.yaml"`)

	t.Run("no external assets", func(t *testing.T) {
		lower := strings.ToLower(page)
		for _, tag := range []string{"<script", "<link", "<iframe", "<img", "<object", "<embed", "@import"} {
			assert.NotContains(t, lower, tag)
		}
		for _, m := range attrURL.FindAllStringSubmatch(page, -1) {
			u := m[1]
			assert.True(t, strings.HasPrefix(u, "#") || (strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//")),
				"attribute URL %q is not on this server", u)
			assert.NotContains(t, u, "http://")
			assert.NotContains(t, u, "https://")
		}
		css := styleText.FindStringSubmatch(page)
		require.NotNil(t, css, "no stylesheet")
		assert.NotContains(t, css[1], "url(")
		assert.NotContains(t, css[1], "http")
	})

	t.Run("content security policy allows only the page's own stylesheet", func(t *testing.T) {
		csp := res.Header.Get("Content-Security-Policy")
		assert.Contains(t, csp, "default-src 'none'")
		css := styleText.FindStringSubmatch(page)
		require.NotNil(t, css)
		h := sha256.Sum256([]byte(css[1]))
		assert.Contains(t, csp, "'sha256-"+base64.StdEncoding.EncodeToString(h[:])+"'", "the style hash does not match the stylesheet, so browsers would ignore it")
	})

	t.Run("every link within the page has a target", func(t *testing.T) {
		ids := map[string]bool{}
		for _, m := range elementID.FindAllStringSubmatch(page, -1) {
			assert.False(t, ids[m[1]], "id %q is used twice", m[1])
			ids[m[1]] = true
		}
		for _, m := range anchorRef.FindAllStringSubmatch(page, -1) {
			assert.True(t, ids[m[1]], "link to #%s has no target", m[1])
		}
	})

	t.Run("every tag with operations has a section", func(t *testing.T) {
		for _, tag := range e.srv.API().OpenAPI().Tags {
			for _, op := range ops {
				if len(op.Tags) > 0 && op.Tags[0] == tag.Name {
					assert.Contains(t, page, `id="tag-`+slug(tag.Name)+`"`)
					break
				}
			}
		}
	})
}

// The page shows parameters, request bodies with fields and examples, and
// responses, as an API describes them.
func TestDocsPageContents(t *testing.T) {
	_, api := humatest.New(t, Config())
	type body struct {
		Name  string `json:"name" example:"Riverside <bridge>" doc:"The project's name; \x60code\x60 in it."`
		Start string `json:"start" format:"date" doc:"Planned start."`
		Kind  string `json:"kind,omitempty" enum:"task,milestone"`
	}
	type in struct {
		Project string `path:"project" example:"P1" doc:"The project's id."`
		Limit   int    `query:"limit" minimum:"1" maximum:"1000" default:"100"`
		Body    body
	}
	type out struct {
		ETag string `header:"ETag"`
		Body body
	}
	huma.Register(api, huma.Operation{OperationID: "put-thing", Method: http.MethodPut, Path: "/things/{project}",
		Summary: "Replace a thing", Description: "First paragraph.\n\nSecond `one`.", Tags: []string{"Projects"},
		Security: []map[string][]string{{"apiKey": {}}}, Errors: []int{404}},
		func(_ context.Context, _ *in) (*out, error) { return nil, nil })
	s := &Server{api: api}
	res, page := getDocs(t, s)
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{
		`<span class="m m-PUT">PUT</span> <code class="path">/things/{project}</code>`,
		"Replace a thing",
		"<p>First paragraph.</p><p>Second <code>one</code>.</p>",
		"<code>project</code> <span class=\"req\">required</span></td><td>path</td>",
		"<code>limit</code>", "minimum 1", "maximum 1000", "default 100",
		"Riverside &lt;bridge&gt;", // examples are escaped
		`one of &#34;task&#34;, &#34;milestone&#34;`,
		`string <small>(date)</small>`,
		`<span class="status s2">200</span>`, `<span class="status s4">404</span>`,
		"application/problem+json",
		`<code>ETag</code>`,
		`curl -X PUT -H &#34;Authorization: Bearer $LANYAN_KEY&#34; -H &#39;Content-Type: application/json&#39; -d &#39;{`,
		`&#34;$LANYAN_URL/things/P1&#34;`,
		`Needs an API key`,
	} {
		assert.Contains(t, page, want)
	}
	assert.NotContains(t, page, "Riverside <bridge>", "text must be escaped")
}

func TestSlugAndProse(t *testing.T) {
	assert.Equal(t, "Schedule", slug("Schedule"))
	assert.Equal(t, "a-b", slug(" a / b "))
	assert.Equal(t, "<p>a &lt;b&gt; <code>c</code></p><p>d</p>", string(prose("a <b> `c`\n\n  d")))
	assert.Equal(t, "", string(prose("  ")))
}

func TestDocsPageGzip(t *testing.T) {
	e := newEnv(t)
	_, plain := getDocs(t, e.srv)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/docs", nil)
	req.Header.Set("Accept-Encoding", "br, gzip;q=0.8")
	e.srv.DocsHandler().ServeHTTP(rec, req)
	require.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
	assert.Equal(t, "Accept-Encoding", rec.Header().Get("Vary"))
	zr, err := gzip.NewReader(rec.Body)
	require.NoError(t, err)
	unzipped, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, plain, string(unzipped))

	for _, ae := range []string{"", "identity", "gzip;q=0"} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/docs", nil)
		req.Header.Set("Accept-Encoding", ae)
		e.srv.DocsHandler().ServeHTTP(rec, req)
		assert.Empty(t, rec.Header().Get("Content-Encoding"), "Accept-Encoding %q", ae)
	}
}
