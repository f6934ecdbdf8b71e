package api

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lanyan-dev/lanyan/refserver/store"
)

// The docs page is rendered on the server from the OpenAPI description, with
// its stylesheet inline and no script, so that it works with no network: on a
// site office's laptop, in an air-gapped test lab.

//go:embed docs.css
var docsCSS string

//go:embed docs.html
var docsHTML string

// docsCSP allows the page its own stylesheet and nothing else.
var docsCSP = func() string {
	h := sha256.Sum256([]byte(docsCSS))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(h[:]) +
		"'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}()

var docsTemplate = template.Must(template.New("docs").Parse(docsHTML))

// DocsHandler returns the API's documentation page: every operation of the
// OpenAPI description grouped by tag, with its parameters, request body
// (fields and an example), responses and a curl command, then every schema.
// It loads nothing from elsewhere. The page is rendered on its first request,
// when every operation is registered, and kept.
func (s *Server) DocsHandler() http.Handler {
	type page struct{ html, gz []byte }
	render := sync.OnceValues(func() (page, error) {
		html, err := renderDocs(s.api.OpenAPI())
		if err != nil {
			return page{}, err
		}
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(html)
		if err := zw.Close(); err != nil {
			return page{}, err
		}
		return page{html, gz.Bytes()}, nil
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := render()
		if err != nil {
			s.internal(r.Context(), fmt.Errorf("docs page: %w", err))
			writeProblem(w, http.StatusInternalServerError, "internal error")
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", docsCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		h.Set("Vary", "Accept-Encoding")
		body := p.html
		if acceptsGzip(r) {
			h.Set("Content-Encoding", "gzip")
			body = p.gz
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		if r.Method == http.MethodHead {
			return
		}
		w.Write(body)
	})
}

// acceptsGzip reports whether a request's Accept-Encoding takes gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			return strings.ReplaceAll(strings.TrimSpace(params), " ", "") != "q=0"
		}
	}
	return false
}

// The page's view of the description.
type (
	docPage struct {
		Title, Version string
		Description    template.HTML
		CSS            template.CSS
		Security       []docSecurity
		Groups         []docGroup
		Schemas        []docSchema
		Operations     int
	}
	docSecurity struct {
		Name, Kind  string
		Description template.HTML
	}
	docGroup struct {
		Name, Anchor string
		Description  template.HTML
		Ops          []docOp
	}
	docOp struct {
		ID, Anchor, Method, Path, Summary string
		Description                       template.HTML
		Auth                              string
		Deprecated                        bool
		Params                            []docField
		Body                              *docBody
		Responses                         []docResponse
		Curl                              string
	}
	docBody struct {
		Required    bool
		Description template.HTML
		Contents    []docContent
	}
	docContent struct {
		MediaType string
		Type      template.HTML
		Fields    []docField // of an object schema given inline
		Example   string
	}
	docResponse struct {
		Status, Class string
		Description   template.HTML
		Headers       []docField
		Contents      []docContent
	}
	docSchema struct {
		Name, Anchor string
		Type         template.HTML
		Description  template.HTML
		Fields       []docField
		Example      string
	}
	docField struct {
		Name, In    string
		Required    bool
		Type        template.HTML
		Description template.HTML
		Notes       []string
	}
)

// renderDocs renders the page for an OpenAPI description.
func renderDocs(oa *huma.OpenAPI) ([]byte, error) {
	d := &docsBuilder{oa: oa}
	if oa.Components != nil && oa.Components.Schemas != nil {
		d.schemas = oa.Components.Schemas.Map()
	}
	page := docPage{CSS: template.CSS(docsCSS)}
	if oa.Info != nil {
		page.Title, page.Version, page.Description = oa.Info.Title, oa.Info.Version, prose(oa.Info.Description)
	}
	if oa.Components != nil {
		for _, name := range slices.Sorted(maps.Keys(oa.Components.SecuritySchemes)) {
			ss := oa.Components.SecuritySchemes[name]
			kind := ss.Type
			if ss.Scheme != "" {
				kind += " " + ss.Scheme
			}
			page.Security = append(page.Security, docSecurity{Name: name, Kind: kind, Description: prose(ss.Description)})
		}
	}

	// Operations, grouped by their first tag in the order the tags are
	// declared, then by path and method.
	groups := map[string]*docGroup{}
	var order []string
	for _, t := range oa.Tags {
		groups[t.Name] = &docGroup{Name: t.Name, Anchor: "tag-" + slug(t.Name), Description: prose(t.Description)}
		order = append(order, t.Name)
	}
	for _, path := range slices.Sorted(maps.Keys(oa.Paths)) {
		item := oa.Paths[path]
		for _, mo := range []struct {
			method string
			op     *huma.Operation
		}{{"GET", item.Get}, {"HEAD", item.Head}, {"POST", item.Post}, {"PUT", item.Put}, {"PATCH", item.Patch},
			{"DELETE", item.Delete}, {"OPTIONS", item.Options}, {"TRACE", item.Trace}} {
			if mo.op == nil || mo.op.Hidden {
				continue
			}
			tag := "Other"
			if len(mo.op.Tags) > 0 {
				tag = mo.op.Tags[0]
			}
			g := groups[tag]
			if g == nil {
				g = &docGroup{Name: tag, Anchor: "tag-" + slug(tag)}
				groups[tag] = g
				order = append(order, tag)
			}
			g.Ops = append(g.Ops, d.operation(mo.method, path, mo.op))
			page.Operations++
		}
	}
	for _, name := range order {
		if g := groups[name]; len(g.Ops) > 0 {
			page.Groups = append(page.Groups, *g)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(d.schemas)) {
		page.Schemas = append(page.Schemas, d.schema(name, d.schemas[name]))
	}

	var buf bytes.Buffer
	if err := docsTemplate.Execute(&buf, page); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// docsBuilder turns the parts of a description into the page's view.
type docsBuilder struct {
	oa      *huma.OpenAPI
	schemas map[string]*huma.Schema
}

func (d *docsBuilder) operation(method, path string, op *huma.Operation) docOp {
	o := docOp{
		ID: op.OperationID, Anchor: "op-" + slug(cmp.Or(op.OperationID, method+"-"+path)),
		Method: method, Path: path, Summary: op.Summary, Description: prose(op.Description),
		Deprecated: op.Deprecated, Auth: "No API key needed.",
	}
	security := op.Security
	if security == nil {
		security = d.oa.Security
	}
	if len(security) > 0 {
		o.Auth = "Needs an API key (Authorization: Bearer …)."
		if role, _ := op.Metadata["role"].(store.Role); role != "" {
			o.Auth = fmt.Sprintf("Needs an API key with the %s role or above (Authorization: Bearer …).", role)
		}
	}
	for _, p := range op.Parameters {
		o.Params = append(o.Params, d.param(p))
	}
	var bodyExample string
	if rb := op.RequestBody; rb != nil {
		b := &docBody{Required: rb.Required, Description: prose(rb.Description)}
		for _, mt := range slices.Sorted(maps.Keys(rb.Content)) {
			c := d.content(mt, rb.Content[mt])
			if bodyExample == "" && c.Example != "" && isJSON(mt) {
				bodyExample = compactJSON(c.Example)
			}
			b.Contents = append(b.Contents, c)
		}
		o.Body = b
	}
	codes := slices.Collect(maps.Keys(op.Responses))
	slices.SortFunc(codes, func(a, b string) int {
		return cmp.Or(cmp.Compare(b2i(a == "default"), b2i(b == "default")), strings.Compare(a, b))
	})
	for _, code := range codes {
		r := op.Responses[code]
		dr := docResponse{Status: code, Class: "s" + code[:1], Description: prose(r.Description)}
		for _, name := range slices.Sorted(maps.Keys(r.Headers)) {
			h := d.param(r.Headers[name])
			h.Name, h.In = name, "header"
			dr.Headers = append(dr.Headers, h)
		}
		for _, mt := range slices.Sorted(maps.Keys(r.Content)) {
			c := d.content(mt, r.Content[mt])
			if !strings.HasPrefix(code, "2") {
				c.Example = "" // a problem document: ErrorModel shows one
			}
			dr.Contents = append(dr.Contents, c)
		}
		o.Responses = append(o.Responses, dr)
	}
	o.Curl = curlCommand(method, path, op, len(security) > 0, bodyExample)
	return o
}

func (d *docsBuilder) param(p *huma.Param) docField {
	f := docField{Name: p.Name, In: p.In, Required: p.Required, Description: prose(p.Description)}
	s := p.Schema
	if s != nil {
		f.Type = d.typeHTML(s)
		f.Description = cmp.Or(f.Description, prose(s.Description))
		f.Notes = notes(s)
	}
	if p.Example != nil {
		f.Notes = append(f.Notes, "example: "+jsonText(p.Example))
	}
	return f
}

func (d *docsBuilder) content(mediaType string, mt *huma.MediaType) docContent {
	c := docContent{MediaType: mediaType}
	if mt == nil {
		return c
	}
	if s := mt.Schema; s != nil {
		c.Type = d.typeHTML(s)
		if s.Ref == "" && len(s.Properties) > 0 {
			c.Fields = d.fields(s)
		}
	}
	var ex any
	switch {
	case mt.Example != nil:
		ex = mt.Example
	case len(mt.Examples) > 0:
		first := slices.Sorted(maps.Keys(mt.Examples))[0]
		ex = mt.Examples[first].Value
	case mt.Schema != nil && isJSON(mediaType):
		ex = d.example(mt.Schema, 0)
	}
	if ex != nil {
		c.Example = jsonIndent(ex)
	}
	return c
}

func (d *docsBuilder) schema(name string, s *huma.Schema) docSchema {
	ds := docSchema{Name: name, Anchor: "schema-" + slug(name), Type: d.typeHTML(&huma.Schema{Type: s.Type, Format: s.Format, Items: s.Items, Nullable: s.Nullable}),
		Description: prose(s.Description)}
	if len(s.Properties) > 0 {
		ds.Fields = d.fields(s)
	}
	if s.Type == "object" || s.Type == "array" {
		ds.Example = jsonIndent(d.example(s, 0))
	}
	return ds
}

// fields lists the properties of an object schema, required ones first.
func (d *docsBuilder) fields(s *huma.Schema) []docField {
	required := map[string]bool{}
	for _, r := range s.Required {
		required[r] = true
	}
	names := slices.Sorted(maps.Keys(s.Properties))
	slices.SortStableFunc(names, func(a, b string) int { return cmp.Compare(b2i(!required[a]), b2i(!required[b])) })
	var out []docField
	for _, n := range names {
		p := s.Properties[n]
		out = append(out, docField{Name: n, Required: required[n], Type: d.typeHTML(p), Description: prose(p.Description), Notes: notes(p)})
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// resolve follows a schema's $ref to a component schema.
func (d *docsBuilder) resolve(s *huma.Schema) *huma.Schema {
	for i := 0; s != nil && s.Ref != "" && i < 8; i++ {
		s = d.schemas[refName(s.Ref)]
	}
	return s
}

func refName(ref string) string { return ref[strings.LastIndexByte(ref, '/')+1:] }

// typeHTML describes a schema's type, linking to the component schemas it
// names.
func (d *docsBuilder) typeHTML(s *huma.Schema) template.HTML {
	if s == nil {
		return "any"
	}
	if s.Ref != "" {
		name := refName(s.Ref)
		return template.HTML(fmt.Sprintf(`<a href="#schema-%s">%s</a>`, template.HTMLEscapeString(slug(name)), template.HTMLEscapeString(name)))
	}
	var alts []*huma.Schema
	alts = append(alts, s.OneOf...)
	alts = append(alts, s.AnyOf...)
	if len(alts) > 0 {
		parts := make([]string, len(alts))
		for i, a := range alts {
			parts[i] = string(d.typeHTML(a))
		}
		return template.HTML(strings.Join(parts, " or "))
	}
	var t string
	switch s.Type {
	case "array":
		t = "array of " + string(d.typeHTML(s.Items))
	case "object":
		if ap, ok := s.AdditionalProperties.(*huma.Schema); ok && len(s.Properties) == 0 {
			t = "map of " + string(d.typeHTML(ap))
		} else {
			t = "object"
		}
	case "":
		t = "any"
	default:
		t = template.HTMLEscapeString(s.Type)
		if s.Format != "" {
			t += " <small>(" + template.HTMLEscapeString(s.Format) + ")</small>"
		}
	}
	if s.Nullable {
		t += " or null"
	}
	return template.HTML(t)
}

// notes lists a schema's constraints, default and example.
func notes(s *huma.Schema) []string {
	var n []string
	if len(s.Enum) > 0 {
		vals := make([]string, len(s.Enum))
		for i, v := range s.Enum {
			vals[i] = jsonText(v)
		}
		n = append(n, "one of "+strings.Join(vals, ", "))
	}
	num := func(label string, f *float64) {
		if f != nil {
			n = append(n, label+" "+strconv.FormatFloat(*f, 'f', -1, 64))
		}
	}
	num("minimum", s.Minimum)
	num("exclusive minimum", s.ExclusiveMinimum)
	num("maximum", s.Maximum)
	num("exclusive maximum", s.ExclusiveMaximum)
	num("multiple of", s.MultipleOf)
	count := func(label string, i *int) {
		if i != nil {
			n = append(n, label+" "+strconv.Itoa(*i))
		}
	}
	count("min length", s.MinLength)
	count("max length", s.MaxLength)
	count("min items", s.MinItems)
	count("max items", s.MaxItems)
	if s.Pattern != "" {
		n = append(n, "pattern "+s.Pattern)
	}
	if s.Default != nil {
		n = append(n, "default "+jsonText(s.Default))
	}
	if len(s.Examples) > 0 {
		n = append(n, "example "+jsonText(s.Examples[0]))
	}
	if s.ReadOnly {
		n = append(n, "read-only")
	}
	if s.WriteOnly {
		n = append(n, "write-only")
	}
	if s.Deprecated {
		n = append(n, "deprecated")
	}
	return n
}

// example makes up an example value of a schema from its examples, defaults
// and enums, a few levels deep.
func (d *docsBuilder) example(s *huma.Schema, depth int) any {
	if depth > 6 {
		return nil
	}
	s = d.resolve(s)
	if s == nil {
		return nil
	}
	switch {
	case len(s.Examples) > 0:
		return s.Examples[0]
	case s.Default != nil:
		return s.Default
	case len(s.Enum) > 0:
		return s.Enum[0]
	case len(s.OneOf) > 0:
		return d.example(s.OneOf[0], depth+1)
	case len(s.AnyOf) > 0:
		return d.example(s.AnyOf[0], depth+1)
	}
	switch s.Type {
	case "object":
		m := map[string]any{}
		for name, p := range s.Properties {
			if v := d.example(p, depth+1); v != nil {
				m[name] = v
			}
		}
		if ap, ok := s.AdditionalProperties.(*huma.Schema); ok && len(s.Properties) == 0 {
			if v := d.example(ap, depth+1); v != nil {
				m["key"] = v
			}
		}
		return m
	case "array":
		if v := d.example(s.Items, depth+1); v != nil {
			return []any{v}
		}
		return []any{}
	case "string":
		switch s.Format {
		case "date-time":
			return "2025-03-03T08:00:00Z"
		case "date":
			return "2025-03-03"
		case "binary":
			return nil
		}
		return "string"
	case "integer":
		if s.Minimum != nil {
			return int64(*s.Minimum)
		}
		return 0
	case "number":
		if s.Minimum != nil {
			return *s.Minimum
		}
		return 0
	case "boolean":
		return false
	}
	return nil
}

// curlCommand is a command line that calls the operation, with the server's
// address and key in shell variables.
func curlCommand(method, path string, op *huma.Operation, auth bool, body string) string {
	for _, p := range op.Parameters {
		if p.In != "path" {
			continue
		}
		val := "{" + p.Name + "}"
		if p.Example != nil {
			val = strings.Trim(jsonText(p.Example), `"`)
		} else if p.Schema != nil && len(p.Schema.Examples) > 0 {
			val = strings.Trim(jsonText(p.Schema.Examples[0]), `"`)
		}
		path = strings.ReplaceAll(path, "{"+p.Name+"}", val)
	}
	var b strings.Builder
	b.WriteString("curl")
	if method != http.MethodGet {
		b.WriteString(" -X " + method)
	}
	if auth {
		b.WriteString(` -H "Authorization: Bearer $LANYAN_KEY"`)
	}
	if body != "" {
		b.WriteString(` -H 'Content-Type: application/json' -d '` + strings.ReplaceAll(body, "'", `'\''`) + `'`)
	}
	b.WriteString(` "$LANYAN_URL` + path + `"`)
	return b.String()
}

func isJSON(mediaType string) bool {
	return strings.HasSuffix(mediaType, "json")
}

// jsonText is v in JSON, with <, > and & as they are: the template escapes
// them for the page.
func jsonText(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// jsonIndent is v in indented JSON, or "" for nothing.
func jsonIndent(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return ""
	}
	s := strings.TrimSuffix(buf.String(), "\n")
	if s == "null" {
		return ""
	}
	return s
}

func compactJSON(s string) string {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return s
	}
	return jsonText(v)
}

var (
	slugRe = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)
	codeRe = regexp.MustCompile("`([^`]+)`")
	paraRe = regexp.MustCompile(`\n\s*\n`)
)

// slug makes an id for an anchor.
func slug(s string) string { return strings.Trim(slugRe.ReplaceAllString(s, "-"), "-") }

// prose renders a description: paragraphs at blank lines, `code` spans; the
// rest as text.
func prose(s string) template.HTML {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, para := range paraRe.Split(s, -1) {
		esc := template.HTMLEscapeString(strings.TrimSpace(para))
		esc = codeRe.ReplaceAllString(esc, "<code>$1</code>")
		b.WriteString("<p>" + esc + "</p>")
	}
	return template.HTML(b.String())
}
