package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/refserver/store"
)

// labourTags tags the labour operations.
var labourTags = []string{"Labour"}

// OvertimeRule is one overtime rule: it moves the hours it takes, on days of
// the kinds listed, into a premium bucket at a multiplier of the hourly rate.
type OvertimeRule struct {
	Kind       labour.RuleKind `json:"kind" enum:"daily,weekly,day" doc:"daily: the hours of a day beyond threshold; weekly: the straight hours of the week beyond threshold; day: every hour of the day." example:"daily"`
	Days       []string        `json:"days,omitempty" enum:"workday,restDay,holiday" doc:"The kinds of day the rule applies to; empty means all." example:"[\"workday\"]"`
	Threshold  decimal.Decimal `json:"threshold,omitzero" doc:"Hours, for daily and weekly rules." example:"8"`
	Bucket     string          `json:"bucket" enum:"overtime,doubleTime" doc:"The premium bucket the hours go into." example:"overtime"`
	Multiplier decimal.Decimal `json:"multiplier" doc:"Times the hourly rate, 1 to 10 in whole percent." example:"1.5"`
}

// OvertimeRules is an overtime rule set: the rules in order, the length of the
// standard work-day (工日) and the first day of the pay week.
type OvertimeRules struct {
	Name        string          `json:"name,omitempty" maxLength:"200" example:"CN Labour Law art. 44"`
	StandardDay decimal.Decimal `json:"standardDay" doc:"Hours of one work-day: turns work-days into hours and prices per-day rates." example:"8"`
	WeekStart   string          `json:"weekStart" enum:"monday,tuesday,wednesday,thursday,friday,saturday,sunday" doc:"First day of the pay week over which weekly rules count." example:"monday"`
	Rules       []OvertimeRule  `json:"rules"`
}

// DayCalendar tells the kind of each date for overtime: rest weekdays, public
// holidays (法定节假日) and the dates that break the weekly pattern (调休).
type DayCalendar struct {
	RestWeekdays []string    `json:"restWeekdays" required:"false" enum:"monday,tuesday,wednesday,thursday,friday,saturday,sunday" doc:"The weekly rest days. Absent means Saturday and Sunday; an empty list means none." example:"[\"saturday\",\"sunday\"]"`
	Holidays     []date.Date `json:"holidays,omitempty" doc:"Statutory public holidays." example:"[\"2025-10-01\"]"`
	Workdays     []date.Date `json:"workdays,omitempty" doc:"Weekend dates worked as normal days (调休)." example:"[\"2025-09-28\"]"`
	RestDates    []date.Date `json:"restDates,omitempty" doc:"Weekdays given as rest days." example:"[\"2025-10-08\"]"`
}

// LabourSettingsBody is a tenant's labour settings as a client writes them:
// its rate table, overtime rules, day calendar and pay settings, with the wage
// advances and payments that payroll sets against accrued wages.
type LabourSettingsBody struct {
	Rates          []LabourRate         `json:"rates" doc:"Effective-dated day-work rates. For a slip the most specific applies: its own rate, then its team's for its trade, then its project's, then the trade's. Entries of one scope may not overlap."`
	Overtime       OvertimeRules        `json:"overtime" doc:"The overtime rule set; China's Labour Law art. 44 by default."`
	Calendar       DayCalendar          `json:"calendar" doc:"Day kinds for overtime; Saturday and Sunday rest and no holidays by default."`
	PayDay         int                  `json:"payDay,omitempty" minimum:"1" maximum:"31" doc:"Day of the following month on which a month's wages fall due; 15 when absent." example:"15"`
	MaxPendingDays int                  `json:"maxPendingDays,omitempty" minimum:"1" maximum:"3650" doc:"Days a submitted or verified slip may wait for approval before the checks flag it; 7 when absent." example:"7"`
	Advances       []labour.WagePayment `json:"advances,omitempty" doc:"Wage advances (借支) made to workers."`
	Payments       []labour.WagePayment `json:"payments,omitempty" doc:"Wage payments (工资发放) made to workers."`
}

// LabourSettings is a tenant's labour settings as the API returns them.
type LabourSettings struct {
	LabourSettingsBody
	Version int64 `json:"version" doc:"0 while the defaults apply; then incremented on every change. The ETag is \"v<version>\"."`
}

// labourSettings is a tenant's settings, checked and ready to price with.
type labourSettings struct {
	body    LabourSettingsBody
	version int64
	rates   *labour.RateTable
	rules   labour.RuleSet
	cal     labour.Calendar
}

var weekdayNames = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

func weekdayOf(field, s string) (time.Weekday, error) {
	for i, n := range weekdayNames {
		if strings.EqualFold(n, s) {
			return time.Weekday(i), nil
		}
	}
	return 0, lanyan.Errorf(lanyan.CodeInvalid, "labour settings", field, "%q is not a weekday", s)
}

var dayKindNames = map[string]labour.DayKind{"workday": labour.Workday, "restDay": labour.RestDay, "holiday": labour.Holiday}
var bucketNames = map[string]labour.Bucket{"overtime": labour.Overtime, "doubleTime": labour.DoubleTime}

// defaultLabourSettings are the settings of a tenant that has stored none:
// China's overtime rules, Saturday and Sunday rest, no rates.
func defaultLabourSettings() LabourSettingsBody {
	b := LabourSettingsBody{Rates: []LabourRate{}, Overtime: overtimeOut(labour.ChinaRules())}
	b.Calendar.RestWeekdays = []string{"saturday", "sunday"}
	return b
}

// overtimeOut converts a rule set to its API form.
func overtimeOut(rs labour.RuleSet) OvertimeRules {
	out := OvertimeRules{Name: rs.Name, StandardDay: rs.StandardDay, WeekStart: weekdayNames[rs.WeekStart], Rules: make([]OvertimeRule, len(rs.Rules))}
	for i, r := range rs.Rules {
		or := OvertimeRule{Kind: r.Kind, Threshold: r.Threshold, Multiplier: r.Multiplier}
		for name, b := range bucketNames {
			if b == r.Bucket {
				or.Bucket = name
			}
		}
		for _, d := range r.Days {
			for name, k := range dayKindNames {
				if k == d {
					or.Days = append(or.Days, name)
				}
			}
		}
		out.Rules[i] = or
	}
	return out
}

// compile checks the settings and makes them ready to price with; errors name
// the field (`labour settings: overtime.rules[0].bucket: ...`).
func (b LabourSettingsBody) compile(version int64) (*labourSettings, error) {
	const rec = "labour settings"
	st := &labourSettings{body: b, version: version}
	var err error
	entries := make([]labour.RateEntry, len(b.Rates))
	for i, r := range b.Rates {
		entries[i] = r.RateEntry
	}
	if st.rates, err = labour.NewRateTable(entries); err != nil {
		return nil, err
	}
	rs := labour.RuleSet{Name: b.Overtime.Name, StandardDay: b.Overtime.StandardDay}
	if rs.WeekStart, err = weekdayOf("overtime.weekStart", b.Overtime.WeekStart); err != nil {
		return nil, err
	}
	for i, r := range b.Overtime.Rules {
		lr := labour.Rule{Kind: r.Kind, Threshold: r.Threshold, Multiplier: r.Multiplier}
		var ok bool
		if lr.Bucket, ok = bucketNames[r.Bucket]; !ok {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, fmt.Sprintf("overtime.rules[%d].bucket", i), "%q is not overtime or doubleTime", r.Bucket)
		}
		for j, d := range r.Days {
			k, ok := dayKindNames[d]
			if !ok {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, fmt.Sprintf("overtime.rules[%d].days[%d]", i, j), "%q is not workday, restDay or holiday", d)
			}
			lr.Days = append(lr.Days, k)
		}
		rs.Rules = append(rs.Rules, lr)
	}
	// Pricing no slips checks the rule set.
	if _, err := rs.Price(nil, nil, nil); err != nil {
		return nil, err
	}
	st.rules = rs
	st.cal = labour.Calendar{Holidays: b.Calendar.Holidays, Workdays: b.Calendar.Workdays, RestDates: b.Calendar.RestDates}
	if b.Calendar.RestWeekdays != nil {
		st.cal.RestWeekdays = []time.Weekday{}
		for i, n := range b.Calendar.RestWeekdays {
			d, err := weekdayOf(fmt.Sprintf("calendar.restWeekdays[%d]", i), n)
			if err != nil {
				return nil, err
			}
			st.cal.RestWeekdays = append(st.cal.RestWeekdays, d)
		}
	}
	for _, list := range []struct {
		name string
		ps   []labour.WagePayment
	}{{"advances", b.Advances}, {"payments", b.Payments}} {
		for i, p := range list.ps {
			field := fmt.Sprintf("%s[%d]", list.name, i)
			switch {
			case p.WorkerID == "":
				return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".workerId", "is empty")
			case p.Date == 0:
				return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".date", "is missing")
			case !p.Amount.IsPositive():
				return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, field+".amount", "%s is not positive", p.Amount)
			}
			if err := wholeCents(rec, field+".amount", p.Amount, false); err != nil {
				return nil, err
			}
		}
	}
	return st, nil
}

// standardDay is the hours of a work-day of the rule set.
func (st *labourSettings) standardDay() decimal.Decimal {
	if st.rules.StandardDay.IsZero() {
		return decimal.New(8, 0)
	}
	return st.rules.StandardDay
}

// settingsReader reads a tenant's settings document: the database, or a
// transaction on it.
type settingsReader interface {
	LabourSettings(ctx context.Context, tenant string) ([]byte, int64, error)
}

// loadLabourSettings reads and compiles a tenant's settings, or the defaults.
func loadLabourSettings(ctx context.Context, r settingsReader, tenant string) (*labourSettings, error) {
	doc, version, err := r.LabourSettings(ctx, tenant)
	if err != nil {
		return nil, err
	}
	b := defaultLabourSettings()
	if doc != nil {
		b = LabourSettingsBody{}
		if err := json.Unmarshal(doc, &b); err != nil {
			return nil, fmt.Errorf("labour settings of tenant %q: %v", tenant, err) // stored by us: internal
		}
	}
	st, err := b.compile(version)
	if err != nil {
		return nil, fmt.Errorf("labour settings of tenant %q: %v", tenant, err)
	}
	return st, nil
}

func (st *labourSettings) out() LabourSettings {
	b := st.body
	if b.Rates == nil {
		b.Rates = []LabourRate{}
	}
	if b.Calendar.RestWeekdays == nil {
		b.Calendar.RestWeekdays = []string{"saturday", "sunday"}
	}
	if b.PayDay == 0 {
		b.PayDay = labour.DefaultPayDay
	}
	if b.MaxPendingDays == 0 {
		b.MaxPendingDays = labour.DefaultMaxPendingDays
	}
	return LabourSettings{LabourSettingsBody: b, Version: st.version}
}

// LabourSettingsOutput is the settings with their entity tag.
type LabourSettingsOutput struct {
	ETag string `header:"ETag" doc:"Send it back in If-Match to change the settings only if nobody changed them since; \"v0\" while the defaults apply."`
	Body LabourSettings
}

func (s *Server) registerLabourSettings() {
	register(s, op{ID: "get-labour-settings", Method: http.MethodGet, Path: "/labour/settings", Summary: "Get the tenant's labour settings",
		Description: "Rates, overtime rules, day calendar, pay day, approval wait, and the wage advances and payments payroll sets against wages. " +
			"A tenant that has stored none gets China's overtime rules (8-hour day, 150 % beyond 8 hours on a workday, 200 % on a rest day, " +
			"300 % on a holiday; weeks from Monday), Saturday and Sunday rest and no rates, with version 0.",
		Tags: labourTags, Role: store.RoleViewer},
		func(ctx context.Context, k store.Key, _ *struct{}) (*LabourSettingsOutput, error) {
			st, err := loadLabourSettings(ctx, s.db, k.Tenant)
			if err != nil {
				return nil, err
			}
			return &LabourSettingsOutput{ETag: versionTag(st.version), Body: st.out()}, nil
		})

	type labourSettingsPut struct {
		IfMatch string `header:"If-Match" doc:"The ETag the change is based on (\"v0\" for the defaults); a stale one fails with 412."`
		Body    LabourSettingsBody
	}
	register(s, op{ID: "put-labour-settings", Method: http.MethodPut, Path: "/labour/settings", Summary: "Replace the tenant's labour settings",
		Description: "The whole document is replaced and checked: rates (trade, from, unit day or hour, amount in whole cents; one scope's entries may " +
			"not overlap), overtime rules, weekdays, advances and payments (positive whole cents). Approved slips already booked as actual costs " +
			"keep their amounts until POST /projects/{project}/cost/actuals/from-labour books them again.",
		Tags: labourTags, Role: store.RoleEditor, Errors: []int{412, 422}},
		func(ctx context.Context, k store.Key, in *labourSettingsPut) (*LabourSettingsOutput, error) {
			st, err := in.Body.compile(0)
			if err != nil {
				return nil, err
			}
			doc, err := json.Marshal(in.Body)
			if err != nil {
				return nil, err
			}
			err = s.db.Atomically(ctx, func(tx *store.Tx) error {
				_, cur, err := tx.LabourSettings(ctx, k.Tenant)
				if err != nil {
					return err
				}
				if err := ifMatch(in.IfMatch, versionTag(cur)); err != nil {
					return err
				}
				st.version, err = tx.PutLabourSettings(ctx, k.Tenant, doc, cur)
				return err
			})
			if err != nil {
				return nil, err
			}
			return &LabourSettingsOutput{ETag: versionTag(st.version), Body: st.out()}, nil
		})
}

// LabourRate is one effective-dated rate of the rate table.
type LabourRate struct {
	labour.RateEntry
}

// TransformSchema documents a rate's fields.
func (LabourRate) TransformSchema(_ huma.Registry, s *huma.Schema) *huma.Schema {
	return documented(s, "A day-work rate for a trade (工种), from a date, for one team or one project or neither.", map[string]fieldDoc{
		"trade":   {doc: "The trade."},
		"team":    {doc: "Only for slips of this team (班组); not with project."},
		"project": {doc: "Only for slips of this project; not with team."},
		"from":    {doc: "The first day the rate applies."},
		"to":      {doc: "The last day it applies; absent means open-ended."},
		"unit":    {doc: "Paid per work-day (工日, of the rule set's standard day) or per hour.", enum: []any{"day", "hour"}},
		"amount":  {doc: "Money per unit in whole cents, not negative."},
	})
}

// SlipRate is a rate given on a slip.
type SlipRate struct {
	labour.Rate
}

// TransformSchema documents a slip rate's fields.
func (SlipRate) TransformSchema(_ huma.Registry, s *huma.Schema) *huma.Schema {
	return documented(s, "A rate for one slip, overriding the rate table.", map[string]fieldDoc{
		"unit":   {doc: "Paid per work-day or per hour.", enum: []any{"day", "hour"}},
		"amount": {doc: "Money per unit in whole cents, not negative."},
	})
}
