// Package api is the reference server's HTTP API, built with huma over the
// domain packages and refserver/store. It holds no domain logic: handlers
// check who is asking, read or write the store, call the packages and shape
// the answer.
//
// Every operation but the health check and the API description needs an API
// key as a bearer token; the key's tenant scopes everything it sees (another
// tenant's records are not found), and its role (viewer, editor, admin) what
// it may do. Errors are RFC 9457 problem documents; a domain error names the
// record and field at fault, and nothing of an internal error's text reaches
// the client.
package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Version is the API's version, in the OpenAPI description.
const Version = "1.0.0"

// Options configure a Server.
type Options struct {
	// Logger receives internal errors and access logs; nil discards them.
	Logger *slog.Logger
	// RequestTimeout bounds a request's work (not bulk imports); 0 means 30 s.
	RequestTimeout time.Duration
	// ImportTimeout bounds a bulk import; 0 means 5 minutes.
	ImportTimeout time.Duration
	// MaxBodyBytes bounds a JSON request body; 0 means 8 MiB.
	MaxBodyBytes int64
	// MaxUploadBytes bounds an uploaded file (XER, PMXML, MSPDI, CSV, XLSX); 0
	// means 256 MiB.
	MaxUploadBytes int64
	// Now gives the time; nil means time.Now.
	Now func() time.Time
}

// Server is the API over one database.
type Server struct {
	db    *store.DB
	api   huma.API
	mux   *http.ServeMux
	log   *slog.Logger
	opts  Options
	idem  *idempotency
	keys  keyCache
	pages pageCache
}

// New builds the API over db, with every operation registered.
func New(db *store.DB, opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.RequestTimeout == 0 {
		opts.RequestTimeout = 30 * time.Second
	}
	if opts.ImportTimeout == 0 {
		opts.ImportTimeout = 5 * time.Minute
	}
	if opts.MaxBodyBytes == 0 {
		opts.MaxBodyBytes = 8 << 20
	}
	if opts.MaxUploadBytes == 0 {
		opts.MaxUploadBytes = 256 << 20
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{db: db, mux: http.NewServeMux(), log: opts.Logger, opts: opts}
	s.idem = newIdempotency(s)
	s.api = humago.New(s.mux, Config())
	s.api.UseMiddleware(s.authenticate)
	s.registerAll()
	return s
}

// Config is the huma configuration of the API: OpenAPI 3.1 at /openapi.json
// and /openapi.yaml, bearer-key security, and no docs page from huma (the
// server serves its own, with no external assets).
func Config() huma.Config {
	c := huma.DefaultConfig("lanyan reference API", Version)
	c.Info.Description = "Project controls over HTTP: CPM scheduling, earned value and day-work labour. " +
		"Every operation but /healthz needs an API key as a bearer token; the key's tenant scopes what it sees."
	c.DocsPath = ""
	c.SchemasPath = ""
	c.CreateHooks = nil // no $schema links in bodies
	c.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"apiKey": {Type: "http", Scheme: "bearer", Description: "An API key minted by a tenant admin: `Authorization: Bearer lanyan_…`."},
	}
	c.Tags = []*huma.Tag{
		{Name: "Tenants", Description: "The caller's tenant and its API keys."},
		{Name: "Projects", Description: "Projects and their scheduling options."},
		{Name: "Schedule", Description: "Calendars, activities, links, imports and exports, and the computed schedule."},
		{Name: "Cost", Description: "Cost breakdown, budgets, baselines, progress, actual costs and earned value."},
		{Name: "Labour", Description: "Day-work slips (点工单), their approval, summaries, payroll and checks."},
		{Name: "Charts", Description: "Charts as SVG images."},
		{Name: "System", Description: "Health."},
	}
	return c
}

// API returns the huma API, for tests and for the OpenAPI description.
func (s *Server) API() huma.API { return s.api }

// DB returns the database the server works on.
func (s *Server) DB() *store.DB { return s.db }

// Handler returns the HTTP handler: the API with idempotency keys, body size
// limits and request timeouts.
func (s *Server) Handler() http.Handler {
	return s.idem.wrap(s.mux)
}

// Mux returns the router, so that the server's main can add pages beside the
// API (the docs page, the dashboard).
func (s *Server) Mux() *http.ServeMux { return s.mux }

// keyCtx is the context key of the authenticated API key.
type keyCtx struct{}

// Caller returns the API key a request was made with.
func Caller(ctx context.Context) (store.Key, bool) {
	k, ok := ctx.Value(keyCtx{}).(store.Key)
	return k, ok
}

// authenticate checks the bearer token of operations that need one and
// keeps the key in the request's context.
func (s *Server) authenticate(ctx huma.Context, next func(huma.Context)) {
	op := ctx.Operation()
	if op == nil || len(op.Security) == 0 {
		next(ctx)
		return
	}
	auth := ctx.Header("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || strings.TrimSpace(token) == "" {
		ctx.SetHeader("WWW-Authenticate", `Bearer realm="lanyan"`)
		huma.WriteErr(s.api, ctx, http.StatusUnauthorized, "an API key is required: Authorization: Bearer <key>")
		return
	}
	k, err := s.keys.authenticate(ctx.Context(), s.db, strings.TrimSpace(token), s.opts.Now())
	if err != nil {
		if lanyan.CodeOf(err) == lanyan.CodeNotFound {
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="lanyan", error="invalid_token"`)
			huma.WriteErr(s.api, ctx, http.StatusUnauthorized, "the API key is unknown or revoked")
			return
		}
		s.internal(ctx.Context(), err)
		huma.WriteErr(s.api, ctx, http.StatusInternalServerError, "internal error")
		return
	}
	need, _ := op.Metadata["role"].(store.Role)
	if !k.Role.Allows(need) {
		huma.WriteErr(s.api, ctx, http.StatusForbidden, fmt.Sprintf("this operation needs the %s role; the key has %s", need, k.Role))
		return
	}
	next(huma.WithValue(ctx, keyCtx{}, k))
}

// op describes an operation for register: huma's Operation plus the role it
// needs ("" for none: no key).
type op struct {
	ID, Method, Path, Summary, Description string
	Tags                                   []string
	Role                                   store.Role
	Status                                 int  // success status; 0 means 200
	Upload                                 bool // takes a file: larger body, longer timeout
	Errors                                 []int
}

// register adds an operation whose handler gets the caller's key. Errors the
// handler returns go through problem, so none of an internal error's text
// reaches the client.
func register[I, O any](s *Server, o op, h func(ctx context.Context, k store.Key, in *I) (*O, error)) {
	hop := huma.Operation{
		OperationID:   o.ID,
		Method:        o.Method,
		Path:          o.Path,
		Summary:       o.Summary,
		Description:   o.Description,
		Tags:          o.Tags,
		DefaultStatus: o.Status,
		MaxBodyBytes:  s.opts.MaxBodyBytes,
		Metadata:      map[string]any{"role": o.Role},
		Errors:        o.Errors,
	}
	// huma's body read deadline stays on the connection after the body is
	// read, so it bounds the whole request: make it the request's timeout.
	timeout := s.opts.RequestTimeout
	if o.Upload {
		hop.MaxBodyBytes = s.opts.MaxUploadBytes
		timeout = s.opts.ImportTimeout
	}
	hop.BodyReadTimeout = timeout
	if o.Role != "" {
		hop.Security = []map[string][]string{{"apiKey": {}}}
		hop.Errors = append(hop.Errors, http.StatusUnauthorized, http.StatusForbidden)
	}
	huma.Register(s.api, hop, func(ctx context.Context, in *I) (*O, error) {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		k, _ := Caller(ctx)
		out, err := h(ctx, k, in)
		if err != nil {
			return nil, s.problem(ctx, err)
		}
		return out, nil
	})
}

// problem turns an error into the problem response the client sees: domain
// errors by their code, naming the record and field; huma's own errors as
// they are; anything else a 500 whose text stays in the log.
func (s *Server) problem(ctx context.Context, err error) error {
	var se huma.StatusError
	if errors.As(err, &se) {
		return err
	}
	var le *lanyan.Error
	if errors.As(err, &le) && le.Code != lanyan.CodeInternal {
		detail := &huma.ErrorDetail{Message: le.Message, Location: location(le)}
		msg := le.Error()
		if le.Err != nil && lanyan.CodeOf(le.Err) == lanyan.CodeInternal && !isParseCause(le.Err) {
			// The cause may be an internal failure: keep its text out.
			msg = (&lanyan.Error{Record: le.Record, Field: le.Field, Message: le.Message}).Error()
		}
		switch le.Code {
		case lanyan.CodeNotFound:
			return huma.Error404NotFound(msg, detail)
		case lanyan.CodeConflict:
			return huma.Error409Conflict(msg, detail)
		default:
			return huma.Error422UnprocessableEntity(msg, detail)
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return huma.Error503ServiceUnavailable("the request took too long")
	}
	if errors.Is(err, context.Canceled) {
		return huma.NewError(499, "the request was cancelled")
	}
	s.internal(ctx, err)
	return huma.Error500InternalServerError("internal error")
}

// isParseCause reports whether an error wrapped in a domain error comes from
// reading the caller's own input (a file or a number), so that its text helps
// the caller and reveals nothing of the server.
func isParseCause(err error) bool {
	var je *json.SyntaxError
	var ue *json.UnmarshalTypeError
	return errors.As(err, &je) || errors.As(err, &ue)
}

// location names a domain error's record and field as a problem detail's
// location: `activity "A1".duration`.
func location(le *lanyan.Error) string {
	switch {
	case le.Record != "" && le.Field != "":
		return le.Record + "." + le.Field
	case le.Record != "":
		return le.Record
	}
	return le.Field
}

// internal logs an internal error.
func (s *Server) internal(ctx context.Context, err error) {
	s.log.ErrorContext(ctx, "internal error", "err", err)
}

// etagOf returns a strong entity tag for a representation: a hash of its
// JSON.
func etagOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	h := sha256.Sum256(b)
	return `"` + hex.EncodeToString(h[:12]) + `"`
}

// versionTag is the entity tag of a record with a version number.
func versionTag(v int64) string { return fmt.Sprintf(`"v%d"`, v) }

// ifMatch checks an If-Match header against the current entity tag: a
// missing header passes; "*" matches any existing record; a stale tag fails
// with 412.
func ifMatch(header, current string) error {
	if header == "" {
		return nil
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		t = strings.TrimPrefix(t, "W/")
		if t == "*" || t == current {
			return nil
		}
	}
	return huma.Error412PreconditionFailed("the resource has changed since it was read (If-Match " + header + ", now " + current + ")")
}

// PageParams are the query parameters of a list.
type PageParams struct {
	Cursor string `query:"cursor" doc:"Where the page starts: the nextCursor of the page before. Empty for the first page."`
	Limit  int    `query:"limit" minimum:"1" maximum:"1000" default:"100" doc:"At most this many items."`
}

// after decodes a cursor: the id of the last item of the page before.
func (p PageParams) after() (string, error) {
	if p.Cursor == "" {
		return "", nil
	}
	b, err := hexDecode(p.Cursor)
	if err != nil {
		return "", lanyan.Errorf(lanyan.CodeInvalid, "query", "cursor", "is not a cursor this API gave")
	}
	return string(b), nil
}

func (p PageParams) limit() int {
	if p.Limit <= 0 {
		return 100
	}
	return p.Limit
}

// nextCursor returns the cursor of the page after one whose last id is last,
// or "" when the page was not full (there is no next page).
func nextCursor(n, limit int, last string) string {
	if n < limit || n == 0 {
		return ""
	}
	return hex.EncodeToString([]byte(last))
}

func hexDecode(s string) ([]byte, error) { return hex.DecodeString(s) }

// readPage reads the page of a list that p asks for, with list, and converts
// its items with conv; it returns them with the cursor of the next page.
func readPage[T, U any](p PageParams, list func(schedule.Page) ([]T, error), id func(*T) string, conv func(T) U) ([]U, string, error) {
	after, err := p.after()
	if err != nil {
		return nil, "", err
	}
	items, err := list(schedule.Page{After: after, Limit: p.limit()})
	if err != nil {
		return nil, "", err
	}
	out := make([]U, len(items))
	for i, it := range items {
		out[i] = conv(it)
	}
	next := ""
	if n := len(items); n > 0 {
		next = nextCursor(n, p.limit(), id(&items[n-1]))
	}
	return out, next, nil
}
