package api

import (
	"encoding/json"
	"reflect"

	"github.com/danielgtaylor/huma/v2"
)

// The schedule bodies mirror the network JSON (docs/network-json.md) field by
// field, so that the OpenAPI description shows its shape; handlers convert
// them through schedule.Network's JSON methods, so that its rules and error
// messages apply.

// WorkPeriod is a span of working time within a day.
type WorkPeriod struct {
	Start string `json:"start" pattern:"^[0-9]{2}:[0-9]{2}$" doc:"Start of the period, 00:00–24:00." example:"08:00"`
	End   string `json:"end" pattern:"^[0-9]{2}:[0-9]{2}$" doc:"End of the period (24:00 for midnight)." example:"12:00"`
}

// WorkWeek gives the working periods of each weekday, keyed "monday" …
// "sunday". A day left out inherits the base calendar's (non-working without a
// base); a day given as [] or null is non-working.
type WorkWeek map[string][]WorkPeriod

var weekdayKeys = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// Schema describes the week as an object with one optional property per
// weekday.
func (WorkWeek) Schema(r huma.Registry) *huma.Schema {
	period := r.Schema(reflect.TypeFor[WorkPeriod](), true, "WorkPeriod")
	props := make(map[string]*huma.Schema, len(weekdayKeys))
	for _, d := range weekdayKeys {
		props[d] = &huma.Schema{Type: huma.TypeArray, Nullable: true, Items: period,
			Description: "Working periods of " + d + ", in order; [] or null for a non-working day; absent inherits the base calendar's."}
	}
	return &huma.Schema{
		Type:                 huma.TypeObject,
		Description:          "Working periods of each weekday. A day left out inherits the base calendar's (non-working without a base).",
		Properties:           props,
		AdditionalProperties: false,
		Examples:             []any{map[string]any{"monday": []any{map[string]any{"start": "08:00", "end": "12:00"}, map[string]any{"start": "13:00", "end": "17:00"}}}},
	}
}

// CalendarException overrides the working time of the days from through to.
type CalendarException struct {
	Name    string       `json:"name,omitempty" example:"国庆节"`
	From    string       `json:"from" format:"date" doc:"First day." example:"2025-10-01"`
	To      string       `json:"to,omitempty" format:"date" doc:"Last day, inclusive; absent means from." example:"2025-10-08"`
	Periods []WorkPeriod `json:"periods,omitempty" doc:"Working periods of those days: none for a holiday, or periods for a working day such as a weekend make-up day (调休)."`
}

// Calendar is a calendar of working time.
type Calendar struct {
	ID          string              `json:"id" minLength:"1" doc:"The calendar's id within the project." example:"standard"`
	Name        string              `json:"name,omitempty" example:"Standard five-day week"`
	Base        string              `json:"base,omitempty" doc:"Id of the calendar this one inherits from: weekdays left out and dates without an exception of their own come from it."`
	Week        WorkWeek            `json:"week,omitempty"`
	Exceptions  []CalendarException `json:"exceptions,omitempty" doc:"Dated overrides; later ones win over earlier ones and over the base's."`
	HoursPerDay float64             `json:"hoursPerDay,omitempty" minimum:"0" maximum:"24" doc:"Hours in one working day, to convert durations given in days; 0 inherits the base's, else 8." example:"8"`
}

// Constraint is a date constraint on an activity.
type Constraint struct {
	Type string `json:"type" enum:"asap,alap,startNoEarlierThan,startNoLaterThan,finishNoEarlierThan,finishNoLaterThan,startOn,finishOn,mandatoryStart,mandatoryFinish" example:"startNoEarlierThan"`
	Date string `json:"date,omitempty" doc:"Project-local wall time; unused for asap and alap." example:"2025-03-10T08:00"`
}

// Activity is an activity of a project's network.
type Activity struct {
	ID                string      `json:"id" minLength:"1" doc:"The activity's id, unique within the project." example:"A1010"`
	Name              string      `json:"name,omitempty" example:"Excavate"`
	Kind              string      `json:"kind,omitempty" enum:"task,startMilestone,finishMilestone,levelOfEffort,wbsSummary" doc:"What the activity is; absent means task."`
	Calendar          string      `json:"calendar,omitempty" doc:"Id of its calendar; absent means the project's default calendar." example:"standard"`
	Parent            string      `json:"parent,omitempty" doc:"Id of the WBS summary activity it rolls up into."`
	Duration          *Duration   `json:"duration,omitempty" doc:"Original duration, in working time of its calendar."`
	Constraint        *Constraint `json:"constraint,omitempty" doc:"The primary date constraint."`
	Constraint2       *Constraint `json:"constraint2,omitempty" doc:"The secondary date constraint (P6)."`
	ActualStart       string      `json:"actualStart,omitempty" doc:"When work actually started." example:"2025-03-03T08:00"`
	ActualFinish      string      `json:"actualFinish,omitempty" doc:"When it actually finished."`
	RemainingDuration *Duration   `json:"remainingDuration,omitempty" doc:"Working time still to do once started; absent derives it from percentComplete."`
	PercentComplete   float64     `json:"percentComplete,omitempty" minimum:"0" maximum:"100" doc:"Duration percent complete."`
}

// Link is a precedence link (relationship) between two activities.
type Link struct {
	Pred        string    `json:"pred" minLength:"1" doc:"Id of the predecessor activity." example:"A1010"`
	Succ        string    `json:"succ" minLength:"1" doc:"Id of the successor activity." example:"A1020"`
	Type        string    `json:"type,omitempty" enum:"FS,SS,FF,SF" doc:"Link type; absent means FS."`
	Lag         *Duration `json:"lag,omitempty" doc:"Working time between the two on the lag calendar (days of the predecessor's calendar); negative is a lead."`
	LagPercent  float64   `json:"lagPercent,omitempty" doc:"When not 0, replaces lag with this percentage of the predecessor's duration."`
	LagCalendar string    `json:"lagCalendar,omitempty" enum:"predecessor,successor,24h,projectDefault" doc:"Overrides the project's lagCalendar option for this link."`
}

// LinkKey names a link by its two ends.
type LinkKey struct {
	Pred string `json:"pred" minLength:"1" example:"A1010"`
	Succ string `json:"succ" minLength:"1" example:"A1020"`
}

// NetworkFragment is part of a project's network, stored in one go.
type NetworkFragment struct {
	Calendars  []Calendar `json:"calendars,omitempty" doc:"Calendars to store, replacing those with the same ids."`
	Activities []Activity `json:"activities,omitempty" doc:"Activities to store, replacing those with the same ids."`
	Links      []Link     `json:"links,omitempty" doc:"Links to store, replacing those with the same ends."`
}

// NetworkCounts counts what a request stored.
type NetworkCounts struct {
	Calendars  int `json:"calendars" doc:"Calendars stored."`
	Activities int `json:"activities" doc:"Activities stored."`
	Links      int `json:"links" doc:"Links stored."`
}

// ScheduleImport is what an import stored.
type ScheduleImport struct {
	Project string `json:"project" doc:"The project imported into." example:"P1"`
	Format  string `json:"format" enum:"xer,pmxml,mspdi,json" doc:"The file's format."`
	Tool    string `json:"tool,omitempty" doc:"What wrote the file, as the file says." example:"Microsoft Project 2019"`
	Created bool   `json:"created" doc:"The project did not exist and was created."`
	NetworkCounts
}

// ScheduleOverrides are scheduling options for one computation, overriding
// the project's own; absent fields keep the project's.
type ScheduleOverrides struct {
	DataDate             string    `json:"dataDate,omitempty" doc:"Status date of progress." example:"2025-04-01T08:00"`
	MustFinishBy         string    `json:"mustFinishBy,omitempty" doc:"Project must-finish-by." example:"2025-12-19T17:00"`
	LagCalendar          string    `json:"lagCalendar,omitempty" enum:"predecessor,successor,24h,projectDefault"`
	FloatType            string    `json:"floatType,omitempty" enum:"finish,start,smallest"`
	CriticalFloat        *Duration `json:"criticalFloat,omitempty" doc:"Critical when total float is at most this (days of the default calendar)."`
	Progress             string    `json:"progress,omitempty" enum:"retainedLogic,progressOverride,actualDates"`
	HonorConstraintDates *bool     `json:"honorConstraintDates,omitempty"`
}

// ScheduleSummary sums up a computed schedule.
type ScheduleSummary struct {
	EarlyFinish   string   `json:"earlyFinish,omitempty" doc:"The project's early finish." example:"2025-03-10T17:00"`
	CriticalCount int      `json:"criticalCount" doc:"Activities that are critical."`
	LongestPath   []string `json:"longestPath" doc:"Ids of the activities on the longest path, from its first activity to the project finish." example:"[\"A\",\"B\",\"C\"]"`
	Activities    int      `json:"activities" doc:"Activities scheduled."`
}

// ActivitySchedule is the computed schedule of one activity.
type ActivitySchedule struct {
	ID                   string    `json:"id"`
	EarlyStart           string    `json:"earlyStart,omitempty" example:"2025-03-03T08:00"`
	EarlyFinish          string    `json:"earlyFinish,omitempty" example:"2025-03-04T17:00"`
	LateStart            string    `json:"lateStart,omitempty"`
	LateFinish           string    `json:"lateFinish,omitempty"`
	RemainingEarlyStart  string    `json:"remainingEarlyStart,omitempty" doc:"Where the remaining work starts (P6's early start of a started activity)."`
	RemainingEarlyFinish string    `json:"remainingEarlyFinish,omitempty"`
	RemainingDuration    *Duration `json:"remainingDuration,omitempty"`
	TotalFloat           *Duration `json:"totalFloat,omitempty" doc:"Total float, in days of the activity's calendar; may be negative."`
	FreeFloat            *Duration `json:"freeFloat,omitempty"`
	Critical             bool      `json:"critical,omitempty"`
	LongestPath          bool      `json:"longestPath,omitempty"`
}

// LinkSchedule says whether a link drives its successor.
type LinkSchedule struct {
	Pred    string `json:"pred"`
	Succ    string `json:"succ"`
	Type    string `json:"type,omitempty" enum:"FS,SS,FF,SF"`
	Driving bool   `json:"driving,omitempty" doc:"The link determines its successor's early dates."`
}

// ScheduleResult is a computed schedule in the network JSON's result form:
// one record per activity and per link, in the network's order.
type ScheduleResult struct {
	EarlyFinish string             `json:"earlyFinish,omitempty"`
	LongestPath []string           `json:"longestPath"`
	Activities  []ActivitySchedule `json:"activities"`
	Links       []LinkSchedule     `json:"links"`
}

// resultJSON is a result already written by schedule.MarshalResult, sent as
// it is; its schema is ScheduleResult's.
type resultJSON []byte

// MarshalJSON returns the JSON as it is.
func (r resultJSON) MarshalJSON() ([]byte, error) { return json.RawMessage(r).MarshalJSON() }

// Schema is ScheduleResult's.
func (resultJSON) Schema(r huma.Registry) *huma.Schema {
	return r.Schema(reflect.TypeFor[ScheduleResult](), true, "ScheduleResult")
}
