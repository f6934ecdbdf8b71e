package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/mspdi"
	"github.com/lanyan-dev/lanyan/schedule/pmxml"
	"github.com/lanyan-dev/lanyan/schedule/xer"
)

// File formats of imports and exports.
const (
	formatXER   = "xer"
	formatPMXML = "pmxml"
	formatMSPDI = "mspdi"
	formatJSON  = "json"
)

// sniffFormat tells a file's format from its first bytes.
func sniffFormat(b []byte) (string, error) {
	head := bytes.TrimPrefix(b[:min(len(b), 4096)], []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(head)
	switch {
	case bytes.HasPrefix(trimmed, []byte("ERMHDR")):
		return formatXER, nil
	case bytes.Contains(head, []byte("APIBusinessObjects")):
		return formatPMXML, nil
	case bytes.Contains(head, []byte("schemas.microsoft.com/project")):
		return formatMSPDI, nil
	case len(trimmed) > 0 && trimmed[0] == '{':
		return formatJSON, nil
	}
	return "", lanyan.Errorf(lanyan.CodeInvalid, "file", "", "is not a file this API reads: want a P6 XER file, P6 XML, MS Project XML or the network JSON (or name it with the format parameter)")
}

// readNetworkFile reads an uploaded file of the given format ("" to detect
// it). source chooses a project of a file holding several (XER, P6 XML).
func readNetworkFile(b []byte, format, source string) (*schedule.Imported, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "file", "", "is empty: send the file's bytes as the request body")
	}
	if format == "" {
		var err error
		if format, err = sniffFormat(b); err != nil {
			return nil, err
		}
	}
	var imp *schedule.Imported
	var err error
	switch format {
	case formatXER:
		var f *xer.File
		if f, err = xer.Read(bytes.NewReader(b), xer.Options{}); err == nil {
			imp, err = f.Import(source)
		}
	case formatPMXML:
		imp, err = pmxml.Read(bytes.NewReader(b), source)
	case formatMSPDI:
		imp, err = mspdi.Read(bytes.NewReader(b))
	case formatJSON:
		var net schedule.Network
		if err = net.UnmarshalJSON(b); err == nil {
			imp = &schedule.Imported{Network: &net, Format: formatJSON}
		}
	default:
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "query", "format", "unknown format %q (want xer, pmxml, mspdi or json)", format)
	}
	if err != nil {
		var le *lanyan.Error
		if !errors.As(err, &le) || le.Code == lanyan.CodeInternal {
			// Not a domain error: its text may say nothing useful, or too much.
			return nil, lanyan.Errorf(lanyan.CodeInvalid, "file", "", "cannot be read as %s", format)
		}
		return nil, asInvalid(err)
	}
	imp.Format = format
	return imp, nil
}

// clearNetwork deletes a project's activities, links and calendars.
func clearNetwork(ctx context.Context, st schedule.Store, project string) error {
	var ids []string
	page := schedule.Page{Limit: 5000}
	for {
		as, err := st.ListActivities(ctx, project, page)
		if err != nil {
			return err
		}
		for _, a := range as {
			ids = append(ids, a.ID)
		}
		if len(as) < page.Limit {
			break
		}
		page.After = as[len(as)-1].ID
	}
	if len(ids) > 0 {
		if err := st.DeleteActivities(ctx, project, ids); err != nil {
			return err
		}
	}
	cals, err := st.ListCalendars(ctx, project)
	if err != nil {
		return err
	}
	ordered := calendarsInBaseOrder(cals)
	slices.Reverse(ordered) // calendars before their bases
	for _, c := range ordered {
		if err := st.DeleteCalendar(ctx, project, c.ID); err != nil {
			return err
		}
	}
	return nil
}

// putNetwork stores a network's calendars, activities and links in a
// project; a name that does not resolve is invalid input.
func putNetwork(ctx context.Context, st schedule.Store, project string, net *schedule.Network) error {
	for _, c := range calendarsInBaseOrder(net.Calendars) {
		if err := st.PutCalendar(ctx, project, c); err != nil {
			return refsInvalid(err)
		}
	}
	if len(net.Activities) > 0 {
		if err := st.PutActivities(ctx, project, net.Activities); err != nil {
			return refsInvalid(err)
		}
	}
	if len(net.Links) > 0 {
		if err := st.PutLinks(ctx, project, net.Links); err != nil {
			return refsInvalid(err)
		}
	}
	return nil
}

// decodeFragment reads the top of a network fragment: calendars, activities
// and links, each still in JSON.
func decodeFragment(b []byte) (fragmentJSON, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return fragmentJSON{}, &lanyan.Error{Code: lanyan.CodeInvalid, Record: "network", Message: "must be a JSON object with calendars, activities and links", Err: err}
	}
	var f fragmentJSON
	for _, key := range slices.Sorted(maps.Keys(top)) {
		switch key {
		case "calendars":
			f.Calendars = top[key]
		case "activities":
			f.Activities = top[key]
		case "links":
			f.Links = top[key]
		default:
			return f, lanyan.Errorf(lanyan.CodeInvalid, "network", key, "unknown field (want calendars, activities, links)")
		}
	}
	return f, nil
}

// setRequestSchema documents the JSON body of an operation that reads it
// raw: its schema is that of T.
func (s *Server) setRequestSchema(method, path string, t reflect.Type, name, description string) {
	pi := s.api.OpenAPI().Paths[path]
	if pi == nil {
		return
	}
	var o *huma.Operation
	switch method {
	case http.MethodPost:
		o = pi.Post
	case http.MethodPut:
		o = pi.Put
	}
	if o == nil || o.RequestBody == nil {
		return
	}
	schema := s.api.OpenAPI().Components.Schemas.Schema(t, true, name)
	o.RequestBody.Description = description
	o.RequestBody.Content = map[string]*huma.MediaType{"application/json": {Schema: schema}}
}

// setResponseContent documents the media types of a file an operation
// answers with.
func (s *Server) setResponseContent(path string, types ...string) {
	pi := s.api.OpenAPI().Paths[path]
	if pi == nil || pi.Get == nil {
		return
	}
	r := pi.Get.Responses["200"]
	if r == nil {
		return
	}
	r.Content = map[string]*huma.MediaType{}
	for _, t := range types {
		r.Content[t] = &huma.MediaType{Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}}
	}
}

func (s *Server) registerNetworkFiles() {
	tags := []string{"Schedule"}

	type networkCountsOutput struct {
		Body NetworkCounts
	}
	type networkUpsertInput struct {
		ProjectPath
		IdempotencyHeader
		RawBody []byte
	}
	const bulkPath = "/projects/{project}/network"
	register(s, op{ID: "upsert-network", Method: http.MethodPost, Path: bulkPath, Summary: "Store calendars, activities and links in one go",
		Description: "Stores a fragment of the project's network in the network JSON (docs/network-json.md) — calendars, activities and links, " +
			"each replacing the record with the same id (ends, for links) — in one transaction: all or nothing. " +
			"An error names the record and field at fault, e.g. `activity \"A1030\": duration: days: must be a number`. " +
			"Durations in days are days of the activity's calendar (a lag's, of its predecessor's), whether stored already or in the fragment. " +
			"Takes programmes of 100,000 activities and more in one request, up to the server's upload limit.",
		Tags: tags, Role: store.RoleEditor, Upload: true, Errors: []int{404, 413, 422}},
		func(ctx context.Context, k store.Key, in *networkUpsertInput) (*networkCountsOutput, error) {
			f, err := decodeFragment(in.RawBody)
			if err != nil {
				return nil, err
			}
			out := &networkCountsOutput{}
			err = s.db.Atomically(ctx, func(tx *store.Tx) error {
				st := tx.Schedule(k.Tenant)
				conv, err := loadConv(ctx, st, in.Project)
				if err != nil {
					return err
				}
				net, err := conv.decode(ctx, st, f)
				if err != nil {
					return err
				}
				if err := checkCalendars(net.Calendars, mergeCalendars(conv.cals, net.Calendars)); err != nil {
					return err
				}
				if err := putNetwork(ctx, st, in.Project, net); err != nil {
					return err
				}
				out.Body = NetworkCounts{Calendars: len(net.Calendars), Activities: len(net.Activities), Links: len(net.Links)}
				return nil
			})
			if err != nil {
				return nil, err
			}
			return out, nil
		})
	s.setRequestSchema(http.MethodPost, bulkPath, reflect.TypeFor[NetworkFragment](), "NetworkFragment",
		"Part of the network in the network JSON: any of calendars, activities and links.")

	type scheduleImportInput struct {
		ProjectPath
		IdempotencyHeader
		Format  string `query:"format" enum:"xer,pmxml,mspdi,json" doc:"The file's format; detected from its content when absent."`
		Source  string `query:"source" doc:"Which project of a file holding several (XER, P6 XML): its P6 id or short name (proj_id or proj_short_name; ObjectId or Id). Needed only when the file holds more than one."`
		RawBody []byte `contentType:"application/octet-stream"`
	}
	type scheduleImportOutput struct {
		Status   int
		Location string `header:"Location" doc:"The project."`
		Body     ScheduleImport
	}
	register(s, op{ID: "import-schedule", Method: http.MethodPost, Path: "/projects/{project}/import", Summary: "Import a P6 or MS Project file",
		Description: "The request body is the file itself: a Primavera P6 XER file, P6 XML (PMXML), MS Project XML (MSPDI) or the network JSON. " +
			"Replaces the project's calendars, activities and links, and its start, default calendar and scheduling options, with the file's, in one transaction; " +
			"creates the project (201) when it does not exist. The project keeps the path's id. A file that cannot be read fails with 422 naming the table, row " +
			"or element and the field at fault, and changes nothing.",
		Tags: tags, Role: store.RoleEditor, Upload: true, Errors: []int{413, 422}},
		func(ctx context.Context, k store.Key, in *scheduleImportInput) (*scheduleImportOutput, error) {
			imp, err := readNetworkFile(in.RawBody, in.Format, in.Source)
			if err != nil {
				return nil, err
			}
			net := imp.Network
			out := &scheduleImportOutput{Status: http.StatusOK, Location: "/projects/" + url.PathEscape(in.Project)}
			err = s.db.Atomically(ctx, func(tx *store.Tx) error {
				st := tx.Schedule(k.Tenant)
				cur, err := st.GetProject(ctx, in.Project)
				created := lanyan.CodeOf(err) == lanyan.CodeNotFound
				if err != nil && !created {
					return err
				}
				p := schedule.StoredProject{Project: net.Project, Options: net.Options}
				p.ID = in.Project
				if p.Name == "" {
					p.Name = cur.Name
				}
				if p.Start == 0 {
					p.Start = cur.Start
				}
				if created {
					if p.Start == 0 {
						p.Start = p.DataDate
					}
					if p.Start == 0 {
						return lanyan.Errorf(lanyan.CodeInvalid, "project", "start", "is not in the file, and a new project needs one")
					}
					if _, err := st.CreateProject(ctx, p); err != nil {
						return err
					}
					_, err := tx.Cost(k.Tenant).CreateProject(ctx, cost.Project{ID: p.ID, Name: p.Name})
					if err != nil && lanyan.CodeOf(err) != lanyan.CodeConflict {
						return err
					}
				} else {
					if err := clearNetwork(ctx, st, in.Project); err != nil {
						return err
					}
					p.Version = cur.Version
					if _, err := st.UpdateProject(ctx, p); err != nil {
						return err
					}
				}
				if err := putNetwork(ctx, st, in.Project, net); err != nil {
					return err
				}
				if created {
					out.Status = http.StatusCreated
				}
				out.Body = ScheduleImport{Project: in.Project, Format: imp.Format, Tool: imp.Tool, Created: created,
					NetworkCounts: NetworkCounts{Calendars: len(net.Calendars), Activities: len(net.Activities), Links: len(net.Links)}}
				return nil
			})
			if err != nil {
				return nil, err
			}
			return out, nil
		})

	type scheduleExportInput struct {
		ProjectPath
		Format string `query:"format" enum:"json,mspdi,xer,pmxml" default:"json" doc:"The file's format: the network JSON, MS Project XML, a P6 XER file or P6 XML."`
	}
	type scheduleExportOutput struct {
		ContentType        string `header:"Content-Type"`
		ContentDisposition string `header:"Content-Disposition"`
		Body               []byte
	}
	const exportPath = "/projects/{project}/export"
	register(s, op{ID: "export-schedule", Method: http.MethodGet, Path: exportPath, Summary: "Export the project as a file",
		Description: "The project's network as a file to download: the network JSON, MS Project XML (MSPDI), a P6 XER file or P6 XML (PMXML). " +
			"The XML and XER files carry the dates of the last computed schedule when it is still that of the network. " +
			"A network the format cannot hold fails with 422 naming what.",
		Tags: tags, Role: store.RoleViewer, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *scheduleExportInput) (*scheduleExportOutput, error) {
			st := s.db.Schedule(k.Tenant)
			net, err := st.LoadNetwork(ctx, in.Project)
			if err != nil {
				return nil, err
			}
			format := in.Format
			if format == "" {
				format = formatJSON
			}
			var rec []schedule.Recorded
			if format != formatJSON {
				if rec, err = recordedOf(ctx, st, in.Project, net); err != nil {
					return nil, err
				}
			}
			imp := &schedule.Imported{Network: net, Recorded: rec, Format: format}
			var buf bytes.Buffer
			out := &scheduleExportOutput{}
			ext := ".xml"
			switch format {
			case formatJSON:
				b, err := net.MarshalJSON()
				if err != nil {
					return nil, err
				}
				buf.Write(b)
				buf.WriteByte('\n')
				out.ContentType, ext = "application/json", ".json"
			case formatMSPDI:
				err = mspdi.Write(&buf, imp)
				out.ContentType = "application/xml"
			case formatPMXML:
				err = pmxml.Write(&buf, imp)
				out.ContentType = "application/xml"
			case formatXER:
				err = xer.Write(&buf, net, rec)
				out.ContentType, ext = "text/plain; charset=utf-8", ".xer"
			}
			if err != nil {
				return nil, err
			}
			out.ContentDisposition = mime.FormatMediaType("attachment", map[string]string{"filename": fileName(in.Project) + ext})
			out.Body = buf.Bytes()
			return out, nil
		})
	s.setResponseContent(exportPath, "application/json", "application/xml", "text/plain")
}

// fileName makes a project id safe as a file name.
func fileName(id string) string {
	name := strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, id)
	if name == "" {
		return "project"
	}
	return name
}

// recordedOf returns the dates of the project's last computed schedule,
// aligned with net's activities, or nil when there is none or it was computed
// for other activities.
func recordedOf(ctx context.Context, st schedule.Store, project string, net *schedule.Network) ([]schedule.Recorded, error) {
	res, err := st.LoadResult(ctx, project)
	if lanyan.CodeOf(err) == lanyan.CodeNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !resultFits(res, net) {
		return nil, nil
	}
	rec := make([]schedule.Recorded, len(res.Activities))
	for i, r := range res.Activities {
		rec[i] = schedule.Recorded{EarlyStart: r.EarlyStart, EarlyFinish: r.EarlyFinish, LateStart: r.LateStart, LateFinish: r.LateFinish,
			TotalFloat: r.TotalFloat, HasTotalFloat: true}
	}
	return rec, nil
}

// resultFits reports whether a saved result was computed for a network of
// these activities and as many links.
func resultFits(res *schedule.Result, net *schedule.Network) bool {
	if len(res.Activities) != len(net.Activities) || len(res.Driving) != len(net.Links) {
		return false
	}
	for i := range res.Activities {
		if res.Activities[i].ID != net.Activities[i].ID {
			return false
		}
	}
	return true
}
