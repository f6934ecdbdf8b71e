package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// schedConv converts a project's schedule records between the API's bodies
// and the domain's values through the network JSON, so that its checks and
// error messages apply. Durations given in days need the calendars: an
// activity's are days of its calendar (else the project's default), a link's
// lag days of its predecessor's calendar.
type schedConv struct {
	project schedule.StoredProject
	cals    []schedule.Calendar
}

// loadConv reads what converting a project's records needs: the project and
// its calendars. A missing project is not found.
func loadConv(ctx context.Context, st schedule.Store, project string) (*schedConv, error) {
	p, err := st.GetProject(ctx, project)
	if err != nil {
		return nil, err
	}
	cals, err := st.ListCalendars(ctx, project)
	if err != nil {
		return nil, err
	}
	return &schedConv{project: p, cals: cals}, nil
}

// loadDayConv is loadConv for writing activities and links only: its
// calendars have just what converting days needs (store.DayCalendars), so a
// page costs no decoding of calendars' exceptions.
func loadDayConv(ctx context.Context, st *store.ScheduleStore, project string) (*schedConv, error) {
	p, err := st.GetProject(ctx, project)
	if err != nil {
		return nil, err
	}
	cals, err := st.DayCalendars(ctx, project)
	if err != nil {
		return nil, err
	}
	return &schedConv{project: p, cals: cals}, nil
}

// convOf returns the converter of a loaded network.
func convOf(net *schedule.Network) *schedConv {
	return &schedConv{project: schedule.StoredProject{Project: net.Project, Options: net.Options}, cals: net.Calendars}
}

// fragmentJSON is a part of a network document, each part as the client sent
// it.
type fragmentJSON struct {
	Calendars  json.RawMessage `json:"calendars"`
	Activities json.RawMessage `json:"activities"`
	Links      json.RawMessage `json:"links"`
}

// networkDoc writes a network document from its parts in JSON, leaving out the
// nil ones.
func networkDoc(project, calendars, options, activities, links json.RawMessage) []byte {
	var b bytes.Buffer
	b.Grow(len(project) + len(calendars) + len(options) + len(activities) + len(links) + 80)
	b.WriteByte('{')
	for _, p := range []struct {
		name string
		raw  json.RawMessage
	}{{"project", project}, {"calendars", calendars}, {"options", options}, {"activities", activities}, {"links", links}} {
		if p.raw == nil {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + p.name + `":`)
		b.Write(p.raw)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// head returns the JSON of the project record and of calendars, for the head
// of a network document.
func (c *schedConv) head(cals []schedule.Calendar) (project, calendars json.RawMessage, err error) {
	b, err := schedule.Network{Project: c.project.Project, Calendars: cals}.MarshalJSON()
	if err != nil {
		return nil, nil, err
	}
	var doc struct {
		Project   json.RawMessage `json:"project"`
		Calendars json.RawMessage `json:"calendars"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, nil, err
	}
	return doc.Project, doc.Calendars, nil
}

// decodeCalendars reads calendars in the network JSON.
func decodeCalendars(raw json.RawMessage) ([]schedule.Calendar, error) {
	if isJSONNull(raw) {
		return nil, nil
	}
	var net schedule.Network
	if err := net.UnmarshalJSON(networkDoc(nil, raw, nil, nil, nil)); err != nil {
		return nil, err
	}
	return net.Calendars, nil
}

// decode reads a fragment of the project's network. The fragment's calendars
// replace stored ones of the same ids for converting days; a link's
// predecessor may be a stored activity, whose calendar is read from st. The
// network returned holds the fragment's calendars, activities and links only.
func (c *schedConv) decode(ctx context.Context, st schedule.Store, f fragmentJSON) (*schedule.Network, error) {
	own, err := decodeCalendars(f.Calendars)
	if err != nil {
		return nil, err
	}
	merged := mergeCalendars(c.cals, own)
	project, cals, err := c.head(merged)
	if err != nil {
		return nil, err
	}
	var net schedule.Network
	if err := net.UnmarshalJSON(networkDoc(project, cals, nil, nullAsAbsent(f.Activities), nullAsAbsent(f.Links))); err != nil {
		return nil, err
	}
	net.Project, net.Calendars = schedule.Project{}, own
	if len(net.Links) == 0 || uniformDays(merged) {
		return &net, nil
	}
	// Read the links again knowing every predecessor's calendar, so that lags
	// in days are days of the right calendar.
	preds, err := predCalendars(ctx, st, c.project.ID, net.Activities, net.Links)
	if err != nil {
		return nil, err
	}
	type stub struct {
		ID       string `json:"id"`
		Calendar string `json:"calendar,omitempty"`
	}
	stubs := make([]stub, 0, len(net.Activities)+len(preds))
	for _, a := range net.Activities {
		stubs = append(stubs, stub{a.ID, a.Calendar})
	}
	for id, cal := range preds {
		stubs = append(stubs, stub{id, cal})
	}
	acts, err := json.Marshal(stubs)
	if err != nil {
		return nil, err
	}
	var again schedule.Network
	if err := again.UnmarshalJSON(networkDoc(project, cals, nil, acts, f.Links)); err != nil {
		return nil, err
	}
	net.Links = again.Links
	return &net, nil
}

// encode writes activities and links of the project in their API form.
func (c *schedConv) encode(ctx context.Context, st schedule.Store, acts []schedule.Activity, links []schedule.Link) ([]Activity, []Link, error) {
	all := acts
	if len(links) > 0 && !uniformDays(c.cals) {
		preds, err := predCalendars(ctx, st, c.project.ID, acts, links)
		if err != nil {
			return nil, nil, err
		}
		all = slices.Clip(acts)
		for id, cal := range preds {
			all = append(all, schedule.Activity{ID: id, Calendar: cal})
		}
	}
	b, err := schedule.Network{Project: c.project.Project, Calendars: dayCalendars(c.cals), Activities: all, Links: links}.MarshalJSON()
	if err != nil {
		return nil, nil, err
	}
	var doc struct {
		Activities []Activity `json:"activities"`
		Links      []Link     `json:"links"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, nil, err
	}
	return doc.Activities[:len(acts)], doc.Links, nil
}

// dayCalendars returns calendars with only what converting durations to days
// needs — id, base and hours per day — so that writing a page of activities
// does not write every calendar's weeks and exceptions too.
func dayCalendars(cals []schedule.Calendar) []schedule.Calendar {
	out := make([]schedule.Calendar, len(cals))
	for i, c := range cals {
		out[i] = schedule.Calendar{ID: c.ID, Base: c.Base, HoursPerDay: c.HoursPerDay}
	}
	return out
}

// activityIn converts an activity body.
func (c *schedConv) activityIn(ctx context.Context, st schedule.Store, a Activity) (schedule.Activity, error) {
	raw, err := json.Marshal([]Activity{a})
	if err != nil {
		return schedule.Activity{}, err
	}
	net, err := c.decode(ctx, st, fragmentJSON{Activities: raw})
	if err != nil {
		return schedule.Activity{}, err
	}
	return net.Activities[0], nil
}

// activityOut converts a stored activity.
func (c *schedConv) activityOut(a schedule.Activity) (Activity, error) {
	out, _, err := c.encode(context.Background(), nil, []schedule.Activity{a}, nil)
	if err != nil {
		return Activity{}, err
	}
	return out[0], nil
}

// optionsOut returns the project's options in their API form.
func (c *schedConv) optionsOut() (ProjectOptions, error) {
	b, err := schedule.Network{Project: c.project.Project, Options: c.project.Options, Calendars: c.cals}.MarshalJSON()
	if err != nil {
		return ProjectOptions{}, err
	}
	var doc struct {
		Options *ProjectOptions `json:"options"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || doc.Options == nil {
		return ProjectOptions{}, err
	}
	return *doc.Options, nil
}

// optionsIn converts options in their API form.
func (c *schedConv) optionsIn(o ProjectOptions) (schedule.Options, error) {
	project, cals, err := c.head(c.cals)
	if err != nil {
		return schedule.Options{}, err
	}
	raw, err := json.Marshal(o)
	if err != nil {
		return schedule.Options{}, err
	}
	var net schedule.Network
	if err := net.UnmarshalJSON(networkDoc(project, cals, raw, nil, nil)); err != nil {
		return schedule.Options{}, err
	}
	return net.Options, nil
}

// calendarOut converts a stored calendar.
func calendarOut(c schedule.Calendar) (Calendar, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return Calendar{}, err
	}
	var out Calendar
	err = json.Unmarshal(b, &out)
	return out, err
}

// calendarIn converts a calendar body.
func calendarIn(c Calendar) (schedule.Calendar, error) {
	raw, err := json.Marshal([]Calendar{c})
	if err != nil {
		return schedule.Calendar{}, err
	}
	cals, err := decodeCalendars(raw)
	if err != nil {
		return schedule.Calendar{}, err
	}
	return cals[0], nil
}

// mergeCalendars returns the stored calendars with those of own replacing the
// ones with the same ids, and the others of own after them.
func mergeCalendars(stored, own []schedule.Calendar) []schedule.Calendar {
	if len(own) == 0 {
		return stored
	}
	at := make(map[string]int, len(stored))
	out := slices.Clone(stored)
	for i, c := range out {
		at[c.ID] = i
	}
	for _, c := range own {
		if i, ok := at[c.ID]; ok {
			out[i] = c
			continue
		}
		at[c.ID] = len(out)
		out = append(out, c)
	}
	return out
}

// defaultDayMinutes is what the network JSON converts a day to when no
// calendar says otherwise.
const defaultDayMinutes = 8 * 60

// uniformDays reports whether every calendar has 8-hour days, as the network
// JSON resolves them (a calendar's hours per day, else its base's, else 8), so
// that days convert alike whatever an activity's calendar.
func uniformDays(cals []schedule.Calendar) bool {
	byID := make(map[string]*schedule.Calendar, len(cals))
	for i := range cals {
		byID[cals[i].ID] = &cals[i]
	}
	for _, c := range cals {
		if dayMinutes(c.ID, byID) != defaultDayMinutes {
			return false
		}
	}
	return true
}

func dayMinutes(id string, byID map[string]*schedule.Calendar) int64 {
	for range len(byID) + 1 {
		c, ok := byID[id]
		if !ok {
			break
		}
		if h := c.HoursPerDay; h > 0 && h <= 24 {
			if m := int64(h*60 + 0.5); m > 0 {
				return m
			}
			break
		}
		if c.HoursPerDay != 0 || c.Base == "" {
			break
		}
		id = c.Base
	}
	return defaultDayMinutes
}

// predCalendars returns the calendars of the links' predecessors that are not
// among acts, as stored ("" for the project's default). Predecessors not
// stored are left out.
func predCalendars(ctx context.Context, st schedule.Store, project string, acts []schedule.Activity, links []schedule.Link) (map[string]string, error) {
	have := make(map[string]bool, len(acts))
	for _, a := range acts {
		have[a.ID] = true
	}
	want := map[string]bool{}
	for _, l := range links {
		if !have[l.Pred] {
			want[l.Pred] = true
		}
	}
	out := make(map[string]string, len(want))
	if len(want) == 0 {
		return out, nil
	}
	if len(want) <= 100 {
		for id := range want {
			a, err := st.GetActivity(ctx, project, id)
			if lanyan.CodeOf(err) == lanyan.CodeNotFound {
				continue
			}
			if err != nil {
				return nil, err
			}
			out[id] = a.Calendar
		}
		return out, nil
	}
	page := schedule.Page{Limit: 5000}
	for {
		as, err := st.ListActivities(ctx, project, page)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			if want[a.ID] {
				out[a.ID] = a.Calendar
			}
		}
		if len(as) < page.Limit {
			return out, nil
		}
		page.After = as[len(as)-1].ID
	}
}

// calendarsInBaseOrder orders calendars so that a base comes before the
// calendars built on it, as the store needs them; calendars whose bases loop
// come last, in their order, for the store to refuse.
func calendarsInBaseOrder(cals []schedule.Calendar) []schedule.Calendar {
	in := make(map[string]bool, len(cals))
	for _, c := range cals {
		in[c.ID] = true
	}
	placed := make(map[string]bool, len(cals))
	out := make([]schedule.Calendar, 0, len(cals))
	for len(out) < len(cals) {
		n := len(out)
		for _, c := range cals {
			if !placed[c.ID] && (c.Base == "" || !in[c.Base] || placed[c.Base]) {
				placed[c.ID] = true
				out = append(out, c)
			}
		}
		if len(out) == n {
			for _, c := range cals {
				if !placed[c.ID] {
					placed[c.ID] = true
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// checkCalendars compiles each calendar of own with its bases among all, so
// that a calendar without working time, with periods out of order or with a
// missing base is refused when it is written, not when the project is
// scheduled.
func checkCalendars(own, all []schedule.Calendar) error {
	byID := make(map[string]schedule.Calendar, len(all))
	for _, c := range all {
		byID[c.ID] = c
	}
	for _, c := range own {
		chain := []schedule.Calendar{c}
		seen := map[string]bool{c.ID: true}
		for b := c.Base; b != "" && !seen[b]; {
			bc, ok := byID[b]
			if !ok {
				break
			}
			seen[b] = true
			chain = append(chain, bc)
			b = bc.Base
		}
		if _, err := schedule.Compile(c.ID, chain...); err != nil {
			return asInvalid(err)
		}
	}
	return nil
}

// asInvalid turns a domain error that a reference is not found, or conflicts,
// into invalid input: for a request whose project exists, a name in its body
// that does not resolve is the body's fault, not a missing resource.
func asInvalid(err error) error {
	var le *lanyan.Error
	if errors.As(err, &le) && (le.Code == lanyan.CodeNotFound || le.Code == lanyan.CodeConflict) {
		c := *le
		c.Code = lanyan.CodeInvalid
		return &c
	}
	return err
}

// refsInvalid is asInvalid for not-found errors only.
func refsInvalid(err error) error {
	if lanyan.CodeOf(err) == lanyan.CodeNotFound {
		return asInvalid(err)
	}
	return err
}

func isJSONNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

func nullAsAbsent(raw json.RawMessage) json.RawMessage {
	if isJSONNull(raw) {
		return nil
	}
	return raw
}
