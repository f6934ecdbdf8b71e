package cost_test

import (
	"errors"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/schedule"
)

// dec reads a decimal.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// decs reads decimals.
func decs(ss ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = dec(s)
	}
	return out
}

func day(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

func at(y int, m time.Month, d, hh, mm int) schedule.Instant {
	return schedule.AtTime(day(y, m, d), hh, mm)
}

// act dates an activity on the standard calendar from 08:00 on its first day to
// 17:00 on its last.
func act(id string, first, last date.Date) cost.BaselineActivity {
	return cost.BaselineActivity{ID: id, Start: schedule.AtTime(first, 8, 0), Finish: schedule.AtTime(last, 17, 0)}
}

// baseline returns baseline 0 on the built-in calendars (default "standard")
// with the given activities, budgeting every package of b at its working budget.
func baseline(b *cost.Breakdown, acts ...cost.BaselineActivity) *cost.Baseline {
	bl := &cost.Baseline{
		Number:              0,
		Calendars:           schedule.BuiltinCalendars(),
		DefaultCalendar:     schedule.StandardFiveDayID,
		Activities:          acts,
		UndistributedBudget: b.UndistributedBudget,
		ManagementReserve:   b.ManagementReserve,
	}
	for _, e := range b.Elements {
		if e.Kind != cost.ControlAccount {
			bl.Budgets = append(bl.Budgets, cost.PackageBudget{Package: e.ID, Budget: e.Budget})
		}
	}
	return bl
}

// wp returns a 0/100 work package with a linear curve.
func wp(id, budget string, acts ...string) cost.Element {
	return cost.Element{ID: id, Kind: cost.WorkPackage, Budget: dec(budget), Activities: acts,
		Technique: cost.Technique{Method: cost.ZeroHundred}}
}

// assertDecimals compares decimals by value.
func assertDecimals(t *testing.T, want, got []decimal.Decimal, msgAndArgs ...any) {
	t.Helper()
	ws, gs := make([]string, len(want)), make([]string, len(got))
	for i := range want {
		ws[i] = want[i].StringFixed(2)
	}
	for i := range got {
		gs[i] = got[i].StringFixed(2)
	}
	assert.Equal(t, ws, gs, msgAndArgs...)
}

// assertLanyanError checks that err is a *lanyan.Error matching sentinel, naming
// record and field.
func assertLanyanError(t *testing.T, err error, sentinel error, record, field string) {
	t.Helper()
	require.Error(t, err)
	var le *lanyan.Error
	require.True(t, errors.As(err, &le), "not a *lanyan.Error: %v", err)
	assert.ErrorIs(t, err, sentinel, "%v", err)
	assert.Equal(t, record, le.Record, "%v", err)
	assert.Equal(t, field, le.Field, "%v", err)
}

// labels returns the periods' labels.
func labels(ps []cost.Period) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// dateDays converts a count of days for date arithmetic.
func dateDays(n uint16) date.Date { return date.Date(n) }
