package schedule

// The native JSON form of a network and of a computed result, documented in
// docs/network-json.md. The Go types carry no json tags: private mirror structs
// below give the wire names, so the Go names can follow the domain and the JSON
// can follow the API's lowerCamel style independently.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan"
)

// jsonDefaultDayMinutes converts days when a calendar gives no hours per day.
const jsonDefaultDayMinutes = 8 * 60

// Mirrors of the network. Durations are kept raw so that they can be converted
// once every calendar is known, whatever order the JSON keys come in.

type networkOut struct {
	Project    projectJSON    `json:"project"`
	Options    *optionsJSON   `json:"options,omitempty"`
	Calendars  []Calendar     `json:"calendars"`
	Activities []activityJSON `json:"activities"`
	Links      []linkJSON     `json:"links"`
}

type networkIn struct {
	Project    json.RawMessage   `json:"project"`
	Options    json.RawMessage   `json:"options"`
	Calendars  []json.RawMessage `json:"calendars"`
	Activities []json.RawMessage `json:"activities"`
	Links      []json.RawMessage `json:"links"`
}

type projectJSON struct {
	ID              string `json:"id,omitempty"`
	Name            string `json:"name,omitempty"`
	Start           string `json:"start,omitempty"`
	DefaultCalendar string `json:"defaultCalendar,omitempty"`
}

type optionsJSON struct {
	DataDate      string          `json:"dataDate,omitempty"`
	MustFinishBy  string          `json:"mustFinishBy,omitempty"`
	LagCalendar   string          `json:"lagCalendar,omitempty"`
	FloatType     string          `json:"floatType,omitempty"`
	CriticalFloat json.RawMessage `json:"criticalFloat,omitempty"`
	Progress      string          `json:"progress,omitempty"`
	HonorDates    bool            `json:"honorConstraintDates,omitempty"`
}

type calendarIn struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Base        string            `json:"base"`
	Week        json.RawMessage   `json:"week"`
	Exceptions  []json.RawMessage `json:"exceptions"`
	HoursPerDay float64           `json:"hoursPerDay"`
}

type constraintJSON struct {
	Type string `json:"type"`
	Date string `json:"date,omitempty"`
}

type activityJSON struct {
	ID                string          `json:"id"`
	Name              string          `json:"name,omitempty"`
	Kind              string          `json:"kind,omitempty"`
	Calendar          string          `json:"calendar,omitempty"`
	Parent            string          `json:"parent,omitempty"`
	Duration          json.RawMessage `json:"duration,omitempty"`
	Constraint        *constraintJSON `json:"constraint,omitempty"`
	Constraint2       *constraintJSON `json:"constraint2,omitempty"`
	ActualStart       string          `json:"actualStart,omitempty"`
	ActualFinish      string          `json:"actualFinish,omitempty"`
	RemainingDuration json.RawMessage `json:"remainingDuration,omitempty"`
	PercentComplete   float64         `json:"percentComplete,omitempty"`
}

type linkJSON struct {
	Pred        string          `json:"pred"`
	Succ        string          `json:"succ"`
	Type        string          `json:"type,omitempty"`
	Lag         json.RawMessage `json:"lag,omitempty"`
	LagPercent  float64         `json:"lagPercent,omitempty"`
	LagCalendar string          `json:"lagCalendar,omitempty"`
}

// Mirrors of the result.

type resultJSON struct {
	EarlyFinish string               `json:"earlyFinish,omitempty"`
	LongestPath []string             `json:"longestPath"`
	Activities  []activityResultJSON `json:"activities"`
	Links       []linkResultJSON     `json:"links"`
}

type resultIn struct {
	EarlyFinish string            `json:"earlyFinish"`
	LongestPath []string          `json:"longestPath"`
	Activities  []json.RawMessage `json:"activities"`
	Links       []json.RawMessage `json:"links"`
}

type activityResultJSON struct {
	ID                string          `json:"id"`
	EarlyStart        string          `json:"earlyStart,omitempty"`
	EarlyFinish       string          `json:"earlyFinish,omitempty"`
	LateStart         string          `json:"lateStart,omitempty"`
	LateFinish        string          `json:"lateFinish,omitempty"`
	RemainingStart    string          `json:"remainingEarlyStart,omitempty"`
	RemainingFinish   string          `json:"remainingEarlyFinish,omitempty"`
	RemainingDuration json.RawMessage `json:"remainingDuration,omitempty"`
	TotalFloat        json.RawMessage `json:"totalFloat,omitempty"`
	FreeFloat         json.RawMessage `json:"freeFloat,omitempty"`
	Critical          bool            `json:"critical,omitempty"`
	LongestPath       bool            `json:"longestPath,omitempty"`
}

type linkResultJSON struct {
	Pred    string `json:"pred"`
	Succ    string `json:"succ"`
	Type    string `json:"type,omitempty"`
	Driving bool   `json:"driving,omitempty"`
}

// MarshalJSON writes the network in its native JSON form (docs/network-json.md).
// Fields at their zero or default value are left out; durations are written as
// whole days of the relevant calendar, then hours, then minutes. It fails, naming
// the record and field, on an enum value out of range, a date outside the years
// 0000–9999, or a percentage that is NaN or infinite.
func (n Network) MarshalJSON() ([]byte, error) {
	days := newJSONDays(n.Calendars, n.Project.DefaultCalendar)
	out := networkOut{
		Calendars:  n.Calendars,
		Activities: make([]activityJSON, len(n.Activities)),
		Links:      make([]linkJSON, len(n.Links)),
	}
	if out.Calendars == nil {
		out.Calendars = []Calendar{}
	}
	var err error
	p := n.Project
	out.Project = projectJSON{ID: p.ID, Name: p.Name, DefaultCalendar: p.DefaultCalendar}
	if out.Project.Start, err = jsonInstant("project", "start", p.Start); err != nil {
		return nil, err
	}
	if n.Options != (Options{}) {
		if out.Options, err = encodeOptionsJSON(n.Options, days); err != nil {
			return nil, err
		}
	}
	for i := range n.Activities {
		if out.Activities[i], err = encodeActivityJSON(i, &n.Activities[i], days); err != nil {
			return nil, err
		}
	}
	acts := jsonActivityIndex(n.Activities)
	for i := range n.Links {
		if out.Links[i], err = encodeLinkJSON(i, &n.Links[i], days, acts, n.Activities); err != nil {
			return nil, err
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		// Only a calendar (marshalled by its own methods) can fail here.
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "network", "calendars", "%v", err)
	}
	return b, nil
}

func encodeOptionsJSON(o Options, days jsonDays) (*optionsJSON, error) {
	const rec = "options"
	j := &optionsJSON{}
	var err error
	if j.DataDate, err = jsonInstant(rec, "dataDate", o.DataDate); err != nil {
		return nil, err
	}
	if j.MustFinishBy, err = jsonInstant(rec, "mustFinishBy", o.MustFinishBy); err != nil {
		return nil, err
	}
	if o.LagCalendar != LagFromOption {
		if j.LagCalendar, err = jsonEnumName(rec, "lagCalendar", lagCalendarNames[:], int(o.LagCalendar)); err != nil {
			return nil, err
		}
	}
	if o.FloatType != FinishFloat {
		if j.FloatType, err = jsonEnumName(rec, "floatType", floatTypeNames[:], int(o.FloatType)); err != nil {
			return nil, err
		}
	}
	if o.Progress != RetainedLogic {
		if j.Progress, err = jsonEnumName(rec, "progress", progressModeNames[:], int(o.Progress)); err != nil {
			return nil, err
		}
	}
	if o.CriticalFloat != 0 {
		j.CriticalFloat = encodeUnits(o.CriticalFloat, days.def)
	}
	j.HonorDates = o.HonorConstraintDates
	return j, nil
}

func encodeActivityJSON(i int, a *Activity, days jsonDays) (activityJSON, error) {
	rec := jsonActRecord(i, a.ID)
	j := activityJSON{ID: a.ID, Name: a.Name, Calendar: a.Calendar, Parent: a.Parent}
	var err error
	if a.Kind != Task {
		if j.Kind, err = jsonEnumName(rec, "kind", kindNames[:], int(a.Kind)); err != nil {
			return j, err
		}
	}
	perDay := days.of(a.Calendar)
	if a.Duration != 0 {
		j.Duration = encodeUnits(a.Duration, perDay)
	}
	if j.Constraint, err = encodeConstraintJSON(rec, "constraint", a.Constraint); err != nil {
		return j, err
	}
	if j.Constraint2, err = encodeConstraintJSON(rec, "constraint2", a.Constraint2); err != nil {
		return j, err
	}
	if j.ActualStart, err = jsonInstant(rec, "actualStart", a.ActualStart); err != nil {
		return j, err
	}
	if j.ActualFinish, err = jsonInstant(rec, "actualFinish", a.ActualFinish); err != nil {
		return j, err
	}
	if a.RemainingDuration >= 0 {
		j.RemainingDuration = encodeUnits(a.RemainingDuration, perDay)
	}
	if math.IsNaN(a.PercentComplete) || math.IsInf(a.PercentComplete, 0) {
		return j, lanyan.Errorf(lanyan.CodeInvalid, rec, "percentComplete", "must be a finite number")
	}
	j.PercentComplete = a.PercentComplete
	return j, nil
}

func encodeConstraintJSON(rec, field string, c Constraint) (*constraintJSON, error) {
	if c.Type == ASAP && c.Date == 0 {
		return nil, nil
	}
	t, err := jsonEnumName(rec, field+".type", constraintNames[:], int(c.Type))
	if err != nil {
		return nil, err
	}
	d, err := jsonInstant(rec, field+".date", c.Date)
	if err != nil {
		return nil, err
	}
	return &constraintJSON{Type: t, Date: d}, nil
}

func encodeLinkJSON(i int, l *Link, days jsonDays, acts map[string]int, activities []Activity) (linkJSON, error) {
	rec := jsonLinkRecord(i, l.Pred, l.Succ)
	j := linkJSON{Pred: l.Pred, Succ: l.Succ}
	var err error
	if l.Type != FS {
		if j.Type, err = jsonEnumName(rec, "type", linkTypeNames[:], int(l.Type)); err != nil {
			return j, err
		}
	}
	if l.Lag != 0 {
		j.Lag = encodeUnits(l.Lag, days.ofActivity(l.Pred, acts, activities))
	}
	if math.IsNaN(l.LagPercent) || math.IsInf(l.LagPercent, 0) {
		return j, lanyan.Errorf(lanyan.CodeInvalid, rec, "lagPercent", "must be a finite number")
	}
	j.LagPercent = l.LagPercent
	if l.LagCalendar != LagFromOption {
		if j.LagCalendar, err = jsonEnumName(rec, "lagCalendar", lagCalendarNames[:], int(l.LagCalendar)); err != nil {
			return j, err
		}
	}
	return j, nil
}

// UnmarshalJSON reads the network's native JSON form (docs/network-json.md)
// strictly: unknown fields, unknown enum values (which are case-sensitive), dates
// that do not exist and durations that overflow are errors naming the record and
// field, and n is left unchanged on error. Absent fields take their defaults; an
// absent remainingDuration gives RemainingDuration −1 (derive it). Calendar
// references are not checked here: an unknown calendar converts days at 8 hours.
func (n *Network) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var in networkIn
	if err := jsonStrictDecode(b, &in); err != nil {
		return jsonError("network", err)
	}
	var net Network
	if !jsonIsNull(in.Project) {
		var p projectJSON
		if err := jsonStrictDecode(in.Project, &p); err != nil {
			return jsonError("project", err)
		}
		net.Project = Project{ID: p.ID, Name: p.Name, DefaultCalendar: p.DefaultCalendar}
		var err error
		if net.Project.Start, err = jsonParseInstant("project", "start", p.Start); err != nil {
			return err
		}
	}
	if len(in.Calendars) > 0 {
		net.Calendars = make([]Calendar, len(in.Calendars))
		for i, raw := range in.Calendars {
			c, err := decodeCalendarJSON(i, raw)
			if err != nil {
				return err
			}
			net.Calendars[i] = c
		}
	}
	days := newJSONDays(net.Calendars, net.Project.DefaultCalendar)
	if !jsonIsNull(in.Options) {
		o, err := decodeOptionsJSON(in.Options, days)
		if err != nil {
			return err
		}
		net.Options = o
	}
	if len(in.Activities) > 0 {
		net.Activities = make([]Activity, len(in.Activities))
		for i, raw := range in.Activities {
			a, err := decodeActivityJSON(i, raw, days)
			if err != nil {
				return err
			}
			net.Activities[i] = a
		}
	}
	if len(in.Links) > 0 {
		acts := jsonActivityIndex(net.Activities)
		net.Links = make([]Link, len(in.Links))
		for i, raw := range in.Links {
			l, err := decodeLinkJSON(i, raw, days, acts, net.Activities)
			if err != nil {
				return err
			}
			net.Links[i] = l
		}
	}
	*n = net
	return nil
}

func decodeOptionsJSON(raw json.RawMessage, days jsonDays) (Options, error) {
	const rec = "options"
	var j optionsJSON
	var o Options
	if err := jsonStrictDecode(raw, &j); err != nil {
		return o, jsonError(rec, err)
	}
	var err error
	if o.DataDate, err = jsonParseInstant(rec, "dataDate", j.DataDate); err != nil {
		return o, err
	}
	if o.MustFinishBy, err = jsonParseInstant(rec, "mustFinishBy", j.MustFinishBy); err != nil {
		return o, err
	}
	v, err := jsonEnumValue(rec, "lagCalendar", lagCalendarNames[1:], j.LagCalendar, -1)
	if err != nil {
		return o, err
	}
	o.LagCalendar = LagCalendar(v + 1)
	if v, err = jsonEnumValue(rec, "floatType", floatTypeNames[:], j.FloatType, int(FinishFloat)); err != nil {
		return o, err
	}
	o.FloatType = FloatType(v)
	if v, err = jsonEnumValue(rec, "progress", progressModeNames[:], j.Progress, int(RetainedLogic)); err != nil {
		return o, err
	}
	o.Progress = ProgressMode(v)
	o.HonorConstraintDates = j.HonorDates
	if o.CriticalFloat, err = unitsField(rec, "criticalFloat", j.CriticalFloat, days.def, 0); err != nil {
		return o, err
	}
	return o, nil
}

func decodeActivityJSON(i int, raw json.RawMessage, days jsonDays) (Activity, error) {
	var j activityJSON
	var a Activity
	if err := jsonStrictDecode(raw, &j); err != nil {
		var probe struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(raw, &probe)
		return a, jsonError(jsonActRecord(i, probe.ID), err)
	}
	rec := jsonActRecord(i, j.ID)
	a = Activity{ID: j.ID, Name: j.Name, Calendar: j.Calendar, Parent: j.Parent, PercentComplete: j.PercentComplete}
	v, err := jsonEnumValue(rec, "kind", kindNames[:], j.Kind, int(Task))
	if err != nil {
		return a, err
	}
	a.Kind = Kind(v)
	perDay := days.of(a.Calendar)
	if a.Duration, err = unitsField(rec, "duration", j.Duration, perDay, 0); err != nil {
		return a, err
	}
	if a.Constraint, err = decodeConstraintJSON(rec, "constraint", j.Constraint); err != nil {
		return a, err
	}
	if a.Constraint2, err = decodeConstraintJSON(rec, "constraint2", j.Constraint2); err != nil {
		return a, err
	}
	if a.ActualStart, err = jsonParseInstant(rec, "actualStart", j.ActualStart); err != nil {
		return a, err
	}
	if a.ActualFinish, err = jsonParseInstant(rec, "actualFinish", j.ActualFinish); err != nil {
		return a, err
	}
	if a.RemainingDuration, err = unitsField(rec, "remainingDuration", j.RemainingDuration, perDay, -1); err != nil {
		return a, err
	}
	if a.RemainingDuration < 0 && !jsonIsNull(j.RemainingDuration) {
		// −1 means "derive"; a negative value written out would not survive a round trip.
		return a, lanyan.Errorf(lanyan.CodeInvalid, rec, "remainingDuration", "must not be negative (leave it out to derive it from percentComplete)")
	}
	return a, nil
}

func decodeConstraintJSON(rec, field string, j *constraintJSON) (Constraint, error) {
	var c Constraint
	if j == nil {
		return c, nil
	}
	v, err := jsonEnumValue(rec, field+".type", constraintNames[:], j.Type, int(ASAP))
	if err != nil {
		return c, err
	}
	c.Type = ConstraintType(v)
	c.Date, err = jsonParseInstant(rec, field+".date", j.Date)
	return c, err
}

func decodeLinkJSON(i int, raw json.RawMessage, days jsonDays, acts map[string]int, activities []Activity) (Link, error) {
	var j linkJSON
	var l Link
	if err := jsonStrictDecode(raw, &j); err != nil {
		var probe struct {
			Pred string `json:"pred"`
			Succ string `json:"succ"`
		}
		_ = json.Unmarshal(raw, &probe)
		return l, jsonError(jsonLinkRecord(i, probe.Pred, probe.Succ), err)
	}
	rec := jsonLinkRecord(i, j.Pred, j.Succ)
	l = Link{Pred: j.Pred, Succ: j.Succ, LagPercent: j.LagPercent}
	v, err := jsonEnumValue(rec, "type", linkTypeNames[:], j.Type, int(FS))
	if err != nil {
		return l, err
	}
	l.Type = LinkType(v)
	if l.Lag, err = unitsField(rec, "lag", j.Lag, days.ofActivity(l.Pred, acts, activities), 0); err != nil {
		return l, err
	}
	if v, err = jsonEnumValue(rec, "lagCalendar", lagCalendarNames[1:], j.LagCalendar, -1); err != nil {
		return l, err
	}
	l.LagCalendar = LagCalendar(v + 1)
	return l, nil
}

// decodeCalendarJSON reads one calendar in the form calendar.go's JSON methods write,
// checking field names exactly (those methods read leniently) and naming the field
// at fault.
func decodeCalendarJSON(i int, raw json.RawMessage) (Calendar, error) {
	var j calendarIn
	if err := jsonStrictDecode(raw, &j); err != nil {
		var probe struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(raw, &probe)
		return Calendar{}, jsonError(jsonCalRecord(i, probe.ID), err)
	}
	rec := jsonCalRecord(i, j.ID)
	c := Calendar{ID: j.ID, Name: j.Name, Base: j.Base, HoursPerDay: j.HoursPerDay}
	if !jsonIsNull(j.Week) {
		var days map[string]json.RawMessage
		if err := json.Unmarshal(j.Week, &days); err != nil {
			return c, lanyan.Errorf(lanyan.CodeInvalid, rec, "week", "must be an object keyed by weekday")
		}
		for _, day := range slices.Sorted(maps.Keys(days)) {
			ps := days[day]
			if !jsonIsWeekday(day) {
				return c, lanyan.Errorf(lanyan.CodeInvalid, rec, "week", "unknown weekday %q (want monday … sunday)", day)
			}
			if _, err := decodePeriodsJSON(ps); err != nil {
				return c, lanyan.Errorf(lanyan.CodeInvalid, rec, "week."+day, "%v", err)
			}
		}
		if err := json.Unmarshal(j.Week, &c.Week); err != nil {
			return c, lanyan.Errorf(lanyan.CodeInvalid, rec, "week", "%v", plainJSONError(err))
		}
	}
	if len(j.Exceptions) > 0 {
		c.Exceptions = make([]Exception, len(j.Exceptions))
		for k, raw := range j.Exceptions {
			field := fmt.Sprintf("exceptions[%d]", k)
			var fields map[string]json.RawMessage
			if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
				return c, lanyan.Errorf(lanyan.CodeInvalid, rec, field, "must be an object")
			}
			for _, key := range slices.Sorted(maps.Keys(fields)) {
				v := fields[key]
				switch key {
				case "name", "from", "to":
				case "periods":
					if _, err := decodePeriodsJSON(v); err != nil {
						return c, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".periods", "%v", err)
					}
				default:
					return c, lanyan.Errorf(lanyan.CodeInvalid, rec, field+"."+key, "unknown field")
				}
			}
			var e Exception
			if err := json.Unmarshal(raw, &e); err != nil {
				return c, lanyan.Errorf(lanyan.CodeInvalid, rec, field, "%v", plainJSONError(err))
			}
			if len(e.Periods) == 0 {
				e.Periods = nil // a holiday: null, [] and absent mean the same
			}
			c.Exceptions[k] = e
		}
	}
	return c, nil
}

func jsonIsWeekday(s string) bool {
	for _, n := range weekdayNames {
		if n == s {
			return true
		}
	}
	return false
}

// decodePeriodsJSON reads null or an array of {"start","end"} objects with no other
// fields, saying which period is at fault.
func decodePeriodsJSON(raw json.RawMessage) ([]Period, error) {
	if jsonIsNull(raw) {
		return nil, nil
	}
	var objs []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &objs); err != nil {
		return nil, errors.New(`must be an array of {"start": "08:00", "end": "12:00"}`)
	}
	ps := make([]Period, len(objs))
	for i, o := range objs {
		for _, key := range slices.Sorted(maps.Keys(o)) {
			if key != "start" && key != "end" {
				return nil, fmt.Errorf("period %d: unknown field %q", i, key)
			}
		}
		b, _ := json.Marshal(o)
		if err := json.Unmarshal(b, &ps[i]); err != nil {
			return nil, fmt.Errorf("period %d: %v", i, plainJSONError(err))
		}
	}
	return ps, nil
}

// MarshalResult writes a computed result in its JSON form (docs/network-json.md):
// the project's early finish and longest path, then one record per activity and
// per link of net, in net's order. Floats and remaining durations are decomposed
// into days of res.MinutesPerDay[i] working minutes (of the activity's calendar
// when that is missing), hours and minutes.
func MarshalResult(net *Network, res *Result) ([]byte, error) {
	if net == nil || res == nil {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "result", "", "needs both the network and the result")
	}
	if len(res.Activities) != len(net.Activities) {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "result", "activities", "has %d, the network %d", len(res.Activities), len(net.Activities))
	}
	if len(res.Driving) != len(net.Links) {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "result", "links", "has %d driving flags, the network %d links", len(res.Driving), len(net.Links))
	}
	days := newJSONDays(net.Calendars, net.Project.DefaultCalendar)
	out := resultJSON{
		LongestPath: res.LongestPath,
		Activities:  make([]activityResultJSON, len(res.Activities)),
		Links:       make([]linkResultJSON, len(net.Links)),
	}
	if out.LongestPath == nil {
		out.LongestPath = []string{}
	}
	var err error
	if out.EarlyFinish, err = jsonInstant("result", "earlyFinish", res.EarlyFinish); err != nil {
		return nil, err
	}
	for i := range res.Activities {
		a := &res.Activities[i]
		rec := jsonActRecord(i, a.ID)
		if a.ID != net.Activities[i].ID {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "id", "does not match the network's activity %d %q", i, net.Activities[i].ID)
		}
		perDay := days.of(net.Activities[i].Calendar)
		if i < len(res.MinutesPerDay) && res.MinutesPerDay[i] > 0 {
			perDay = res.MinutesPerDay[i]
		}
		j := activityResultJSON{ID: a.ID, Critical: a.Critical, LongestPath: a.LongestPath}
		for _, f := range []struct {
			name string
			t    Instant
			s    *string
		}{
			{"earlyStart", a.EarlyStart, &j.EarlyStart},
			{"earlyFinish", a.EarlyFinish, &j.EarlyFinish},
			{"lateStart", a.LateStart, &j.LateStart},
			{"lateFinish", a.LateFinish, &j.LateFinish},
			{"remainingEarlyStart", a.RemainingEarlyStart, &j.RemainingStart},
			{"remainingEarlyFinish", a.RemainingEarlyFinish, &j.RemainingFinish},
		} {
			if *f.s, err = jsonInstant(rec, f.name, f.t); err != nil {
				return nil, err
			}
		}
		j.RemainingDuration = encodeUnits(a.RemainingDuration, perDay)
		j.TotalFloat = encodeUnits(a.TotalFloat, perDay)
		j.FreeFloat = encodeUnits(a.FreeFloat, perDay)
		out.Activities[i] = j
	}
	for i := range net.Links {
		l := &net.Links[i]
		j := linkResultJSON{Pred: l.Pred, Succ: l.Succ, Driving: res.Driving[i]}
		if l.Type != FS {
			if j.Type, err = jsonEnumName(jsonLinkRecord(i, l.Pred, l.Succ), "type", linkTypeNames[:], int(l.Type)); err != nil {
				return nil, err
			}
		}
		out.Links[i] = j
	}
	return json.Marshal(out)
}

// UnmarshalResult reads a result written by [MarshalResult] for net, strictly:
// its activities and links must be net's, in net's order. MinutesPerDay is
// filled from net's calendars (hours per day with base inheritance, else 8 h),
// which is also how durations given in days are converted.
func UnmarshalResult(data []byte, net *Network) (*Result, error) {
	if net == nil {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "result", "", "needs the network it was computed for")
	}
	var in resultIn
	if err := jsonStrictDecode(data, &in); err != nil {
		return nil, jsonError("result", err)
	}
	if len(in.Activities) != len(net.Activities) {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "result", "activities", "has %d, the network %d", len(in.Activities), len(net.Activities))
	}
	if len(in.Links) != len(net.Links) {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "result", "links", "has %d, the network %d", len(in.Links), len(net.Links))
	}
	res := &Result{
		Activities:    make([]ActivityResult, len(in.Activities)),
		Driving:       make([]bool, len(in.Links)),
		MinutesPerDay: make([]int64, len(in.Activities)),
	}
	if len(in.LongestPath) > 0 {
		res.LongestPath = in.LongestPath
	}
	var err error
	if res.EarlyFinish, err = jsonParseInstant("result", "earlyFinish", in.EarlyFinish); err != nil {
		return nil, err
	}
	days := newJSONDays(net.Calendars, net.Project.DefaultCalendar)
	for i, raw := range in.Activities {
		var j activityResultJSON
		if err := jsonStrictDecode(raw, &j); err != nil {
			return nil, jsonError(jsonActRecord(i, net.Activities[i].ID), err)
		}
		rec := jsonActRecord(i, j.ID)
		if j.ID != net.Activities[i].ID {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "id", "does not match the network's activity %d %q", i, net.Activities[i].ID)
		}
		perDay := days.of(net.Activities[i].Calendar)
		res.MinutesPerDay[i] = perDay
		a := ActivityResult{ID: j.ID, Critical: j.Critical, LongestPath: j.LongestPath}
		for _, f := range []struct {
			name string
			s    string
			t    *Instant
		}{
			{"earlyStart", j.EarlyStart, &a.EarlyStart},
			{"earlyFinish", j.EarlyFinish, &a.EarlyFinish},
			{"lateStart", j.LateStart, &a.LateStart},
			{"lateFinish", j.LateFinish, &a.LateFinish},
			{"remainingEarlyStart", j.RemainingStart, &a.RemainingEarlyStart},
			{"remainingEarlyFinish", j.RemainingFinish, &a.RemainingEarlyFinish},
		} {
			if *f.t, err = jsonParseInstant(rec, f.name, f.s); err != nil {
				return nil, err
			}
		}
		if a.RemainingDuration, err = unitsField(rec, "remainingDuration", j.RemainingDuration, perDay, 0); err != nil {
			return nil, err
		}
		if a.TotalFloat, err = unitsField(rec, "totalFloat", j.TotalFloat, perDay, 0); err != nil {
			return nil, err
		}
		if a.FreeFloat, err = unitsField(rec, "freeFloat", j.FreeFloat, perDay, 0); err != nil {
			return nil, err
		}
		res.Activities[i] = a
	}
	for i, raw := range in.Links {
		l := &net.Links[i]
		rec := jsonLinkRecord(i, l.Pred, l.Succ)
		var j linkResultJSON
		if err := jsonStrictDecode(raw, &j); err != nil {
			return nil, jsonError(rec, err)
		}
		t, err := jsonEnumValue(rec, "type", linkTypeNames[:], j.Type, int(FS))
		if err != nil {
			return nil, err
		}
		if j.Pred != l.Pred || j.Succ != l.Succ || LinkType(t) != l.Type {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "", "does not match the network's link %d (%s→%s %s)", i, l.Pred, l.Succ, l.Type)
		}
		res.Driving[i] = j.Driving
	}
	return res, nil
}

// Durations.

// encodeUnits writes m working minutes as {"days","hours","minutes"}: whole days
// of perDay minutes, then whole hours, then minutes, leaving zero parts out (zero
// is {"days":0}). Every part of a negative duration is negative.
func encodeUnits(m, perDay int64) json.RawMessage {
	if perDay <= 0 {
		perDay = jsonDefaultDayMinutes
	}
	d, rem := m/perDay, m%perDay
	h, mm := rem/60, rem%60
	b := make([]byte, 0, 48)
	b = append(b, '{')
	sep := false
	add := func(name string, v int64) {
		if sep {
			b = append(b, ',')
		}
		sep = true
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, `":`...)
		b = strconv.AppendInt(b, v, 10)
	}
	if d != 0 || m == 0 {
		add("days", d)
	}
	if h != 0 {
		add("hours", h)
	}
	if mm != 0 {
		add("minutes", mm)
	}
	return append(b, '}')
}

type unitsIn struct {
	Days    json.RawMessage `json:"days"`
	Hours   json.RawMessage `json:"hours"`
	Minutes json.RawMessage `json:"minutes"`
}

// unitsField reads a duration field; absent or null gives absent.
func unitsField(rec, field string, raw json.RawMessage, perDay, absent int64) (int64, error) {
	raw = bytes.TrimSpace(raw)
	if jsonIsNull(raw) {
		return absent, nil
	}
	m, err := parseUnits(raw, perDay)
	if err != nil {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, field, "%v", err)
	}
	return m, nil
}

// parseUnits sums {"days","hours","minutes"} into working minutes, days being
// perDay minutes, rounding to the nearest minute (halves away from zero). Integer
// parts are summed exactly; fractional parts in floating point.
func parseUnits(raw json.RawMessage, perDay int64) (int64, error) {
	if raw[0] != '{' {
		return 0, errors.New(`must be an object such as {"days": 5} or {"hours": 1, "minutes": 30}`)
	}
	var u unitsIn
	if err := jsonStrictDecode(raw, &u); err != nil {
		if name, ok := jsonUnknownField(err); ok {
			return 0, fmt.Errorf("unknown unit %q (want days, hours, minutes)", name)
		}
		return 0, plainJSONError(err)
	}
	var exact int64
	var frac float64
	for _, p := range []struct {
		name string
		raw  json.RawMessage
		per  int64
	}{{"days", u.Days, perDay}, {"hours", u.Hours, 60}, {"minutes", u.Minutes, 1}} {
		if jsonIsNull(p.raw) {
			continue
		}
		s := string(p.raw)
		if c := s[0]; c != '-' && (c < '0' || c > '9') {
			return 0, fmt.Errorf("%s: must be a number, not %s", p.name, s)
		}
		if v, err := strconv.ParseInt(s, 10, 64); err == nil {
			if v > math.MaxInt64/p.per || v < math.MinInt64/p.per {
				return 0, fmt.Errorf("%s: %s is too large", p.name, s)
			}
			var ok bool
			if exact, ok = jsonAddInt64(exact, v*p.per); !ok {
				return 0, errors.New("is too large for int64 minutes")
			}
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return 0, fmt.Errorf("%s: %s is too large", p.name, s)
		}
		frac += v * float64(p.per)
	}
	if math.IsInf(frac, 0) || math.IsNaN(frac) {
		return 0, errors.New("is too large for int64 minutes")
	}
	r := math.Round(frac)
	if r >= 1<<63 || r < -(1<<63) {
		return 0, errors.New("is too large for int64 minutes")
	}
	m, ok := jsonAddInt64(exact, int64(r))
	if !ok {
		return 0, errors.New("is too large for int64 minutes")
	}
	return m, nil
}

func jsonAddInt64(a, b int64) (int64, bool) {
	c := a + b
	if (b > 0 && c < a) || (b < 0 && c > a) {
		return 0, false
	}
	return c, true
}

// jsonDays gives, per calendar, the working minutes in a day used to convert
// durations in days: the calendar's hours per day, else its base's, else 8 h, as
// the engine resolves them.
type jsonDays struct {
	cals map[string]int64
	def  int64 // of the project's default calendar
}

func newJSONDays(cals []Calendar, defaultCal string) jsonDays {
	byID := make(map[string]*Calendar, len(cals))
	for i := range cals {
		if _, dup := byID[cals[i].ID]; !dup {
			byID[cals[i].ID] = &cals[i]
		}
	}
	d := jsonDays{cals: make(map[string]int64, len(byID))}
	for id := range byID {
		d.cals[id] = jsonResolveDay(id, byID)
	}
	d.def = d.ofID(defaultCal)
	return d
}

func jsonResolveDay(id string, byID map[string]*Calendar) int64 {
	for range len(byID) + 1 {
		c, ok := byID[id]
		if !ok {
			break
		}
		h := c.HoursPerDay
		if h > 0 && h <= 24 {
			if m := int64(h*60 + 0.5); m > 0 {
				return m
			}
			break
		}
		if h != 0 || c.Base == "" { // invalid (the engine rejects it), or no base
			break
		}
		id = c.Base
	}
	return jsonDefaultDayMinutes
}

func (d jsonDays) ofID(id string) int64 {
	if m, ok := d.cals[id]; ok {
		return m
	}
	return jsonDefaultDayMinutes
}

// of returns the minutes per day of an activity's calendar ("" is the project's default).
func (d jsonDays) of(calendar string) int64 {
	if calendar == "" {
		return d.def
	}
	return d.ofID(calendar)
}

// ofActivity returns the minutes per day of the calendar of the activity with the
// given id, or 8 h when there is no such activity.
func (d jsonDays) ofActivity(id string, acts map[string]int, activities []Activity) int64 {
	i, ok := acts[id]
	if !ok {
		return jsonDefaultDayMinutes
	}
	return d.of(activities[i].Calendar)
}

func jsonActivityIndex(as []Activity) map[string]int {
	m := make(map[string]int, len(as))
	for i := range as {
		if _, dup := m[as[i].ID]; !dup {
			m[as[i].ID] = i
		}
	}
	return m
}

// Records, enums, instants and JSON errors.

func jsonActRecord(i int, id string) string {
	if id == "" {
		return fmt.Sprintf("activity %d", i)
	}
	return fmt.Sprintf("activity %q", id)
}

func jsonCalRecord(i int, id string) string {
	if id == "" {
		return fmt.Sprintf("calendar %d", i)
	}
	return calRecord(id)
}

func jsonLinkRecord(i int, pred, succ string) string {
	if pred == "" && succ == "" {
		return fmt.Sprintf("link %d", i)
	}
	return fmt.Sprintf("link %d (%s→%s)", i, pred, succ)
}

func jsonEnumName(rec, field string, names []string, v int) (string, error) {
	if v < 0 || v >= len(names) {
		return "", lanyan.Errorf(lanyan.CodeInvalid, rec, field, "value %d is out of range", v)
	}
	return names[v], nil
}

// jsonEnumValue reads an enum name exactly; "" gives def.
func jsonEnumValue(rec, field string, names []string, s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	for i, n := range names {
		if n == s {
			return i, nil
		}
	}
	return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, field, "unknown value %q (want one of %s)", s, strings.Join(names, ", "))
}

// Instants in JSON lie in the years 0000–9999, so that they print as four-digit years.
var (
	minJSONInstant = At(date.New(0, 1, 1), 0)
	maxJSONInstant = At(date.New(9999, 12, 31), MinutesPerDay-1)
)

func jsonInstant(rec, field string, t Instant) (string, error) {
	if t == 0 {
		return "", nil
	}
	if t < minJSONInstant || t > maxJSONInstant {
		return "", lanyan.Errorf(lanyan.CodeInvalid, rec, field, "instant %d is outside the years 0000–9999", int64(t))
	}
	return t.String(), nil
}

func jsonParseInstant(rec, field, s string) (Instant, error) {
	t, err := ParseInstant(s)
	if err != nil {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, field, "%v", err)
	}
	if t != 0 && (t < minJSONInstant || t > maxJSONInstant) {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, field, "%q is after 9999-12-31", s)
	}
	return t, nil
}

func jsonIsNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

// jsonStrictDecode decodes one JSON value into v, rejecting unknown fields and
// anything after the value.
func jsonStrictDecode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if err == io.EOF {
			return errors.New("no JSON value")
		}
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// jsonUnknownField extracts the name from encoding/json's unknown-field error.
func jsonUnknownField(err error) (string, bool) {
	rest, ok := strings.CutPrefix(err.Error(), "json: unknown field ")
	if !ok {
		return "", false
	}
	name, uerr := strconv.Unquote(rest)
	if uerr != nil {
		return rest, true
	}
	return name, true
}

// jsonError turns an encoding/json error into an invalid-input error on record,
// naming the field where encoding/json tells it.
func jsonError(rec string, err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		if strings.HasPrefix(te.Value, "number ") {
			return lanyan.Errorf(lanyan.CodeInvalid, rec, te.Field, "%s is out of range", te.Value)
		}
		return lanyan.Errorf(lanyan.CodeInvalid, rec, te.Field, "must be %s, not %s", jsonTypeName(te.Type), te.Value)
	case errors.As(err, &se):
		return lanyan.Errorf(lanyan.CodeInvalid, rec, "", "invalid JSON at byte %d: %v", se.Offset, se)
	}
	if name, ok := jsonUnknownField(err); ok {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, name, "unknown field")
	}
	return lanyan.Errorf(lanyan.CodeInvalid, rec, "", "%v", plainJSONError(err))
}

func jsonTypeName(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	return jsonKindName(t.Kind().String())
}

func jsonKindName(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "float64", "int", "int64":
		return "a number"
	case "bool":
		return "true or false"
	case "slice":
		return "an array"
	case "struct", "map":
		return "an object"
	}
	return kind
}

// plainJSONError drops encoding/json's "json: " prefix and Go type names.
func plainJSONError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field != "" {
			return fmt.Errorf("%s: must be %s, not %s", te.Field, jsonTypeName(te.Type), te.Value)
		}
		return fmt.Errorf("must be %s, not %s", jsonTypeName(te.Type), te.Value)
	}
	return errors.New(strings.TrimPrefix(err.Error(), "json: "))
}
