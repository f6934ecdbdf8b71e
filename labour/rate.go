package labour

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// RateUnit says what a rate is paid per.
type RateUnit string

// The units a rate is paid per.
const (
	PerDay  RateUnit = "day"  // per work-day (工日) of the rule set's StandardDay hours
	PerHour RateUnit = "hour" // per hour
)

// MaxRate is the largest rate Amount accepted: ten million per unit. It keeps the
// integer arithmetic of pricing exact and far from overflow.
var MaxRate = decimal.New(10_000_000, 0)

// Rate is a day-work rate: an amount of money per work-day or per hour. Amount is
// in the project's currency, not negative, with at most two decimal places (whole
// cents, 分).
type Rate struct {
	Unit   RateUnit        `json:"unit"`
	Amount decimal.Decimal `json:"amount"`
}

// IsZero reports whether r is the zero Rate (no rate given).
func (r Rate) IsZero() bool { return r.Unit == "" && r.Amount.IsZero() }

// validate checks r, naming record and field in the error.
func (r Rate) validate(record, field string) error {
	if r.Unit != PerDay && r.Unit != PerHour {
		return lanyan.Errorf(lanyan.CodeInvalid, record, field, "unit %q is not %q or %q", r.Unit, PerDay, PerHour)
	}
	if r.Amount.IsNegative() {
		return lanyan.Errorf(lanyan.CodeInvalid, record, field, "amount %s is negative", r.Amount)
	}
	if r.Amount.GreaterThan(MaxRate) {
		return lanyan.Errorf(lanyan.CodeInvalid, record, field, "amount %s is more than %s", r.Amount, MaxRate)
	}
	if _, ok := scaled(r.Amount, 2); !ok {
		return lanyan.Errorf(lanyan.CodeInvalid, record, field, "amount %s has more than 2 decimal places", r.Amount)
	}
	return nil
}

// cents returns the rate's amount in cents; r has been validated.
func (r Rate) cents() int64 {
	c, _ := scaled(r.Amount, 2)
	return c
}

// RateEntry is one effective-dated rate of a [RateTable]. It applies to slips of
// its Trade (工种) dated From to To inclusive (To zero: open-ended), narrowed
// either to one Team (班组) or to one Project, or to neither; not to both.
type RateEntry struct {
	Trade   string    `json:"trade"`
	Team    string    `json:"team,omitempty"`
	Project string    `json:"project,omitempty"`
	From    date.Date `json:"from"`
	To      date.Date `json:"to,omitempty"`
	Rate
}

// rateKey is the scope of a rate entry.
type rateKey struct{ trade, team, project string }

// RateTable is a validated, indexed set of rates. Build it with [NewRateTable];
// it is immutable and safe for concurrent use.
//
// For a slip, the most specific rate wins: the slip's own Rate override, then a
// rate for the slip's team and trade, then for its project and trade, then for
// its trade alone. Within one scope the entry whose dates cover the slip's date
// applies; entries of one scope may not overlap, so there is never a tie.
type RateTable struct {
	byKey map[rateKey][]RateEntry // each sorted by From
}

// NewRateTable validates entries and indexes them. An entry needs a Trade, a
// From date, a To date not before From (or zero), at most one of Team and
// Project, and a valid Rate; entries of the same scope may not overlap in time.
// Errors name the entry by its index: `rate 3`.
func NewRateTable(entries []RateEntry) (*RateTable, error) {
	t := &RateTable{byKey: make(map[rateKey][]RateEntry)}
	for i, e := range entries {
		rec := fmt.Sprintf("rate %d", i)
		switch {
		case e.Trade == "":
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "trade", "is empty")
		case e.Team != "" && e.Project != "":
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "project", "is set together with team %q: a rate is for a team or a project", e.Team)
		case e.From == 0:
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "from", "is missing")
		case e.To != 0 && e.To < e.From:
			return nil, lanyan.Errorf(lanyan.CodeInvalid, rec, "to", "%s is before from %s", e.To, e.From)
		}
		if err := e.Rate.validate(rec, "rate"); err != nil {
			return nil, err
		}
		k := rateKey{e.Trade, e.Team, e.Project}
		t.byKey[k] = append(t.byKey[k], e)
	}
	for k, es := range t.byKey {
		slices.SortStableFunc(es, func(a, b RateEntry) int { return cmp.Compare(a.From, b.From) })
		for j := 1; j < len(es); j++ {
			if prev := es[j-1]; prev.To == 0 || prev.To >= es[j].From {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("rate %s", scopeName(k)), "from",
					"%s overlaps the rate effective from %s", es[j].From, prev.From)
			}
		}
	}
	return t, nil
}

func scopeName(k rateKey) string {
	switch {
	case k.team != "":
		return fmt.Sprintf("%q/team %q", k.trade, k.team)
	case k.project != "":
		return fmt.Sprintf("%q/project %q", k.trade, k.project)
	}
	return fmt.Sprintf("%q", k.trade)
}

// find returns the entry of scope k in effect on d.
func (t *RateTable) find(k rateKey, d date.Date) (Rate, bool) {
	es := t.byKey[k]
	// The last entry starting on or before d is the only candidate.
	i, _ := slices.BinarySearchFunc(es, d, func(e RateEntry, d date.Date) int {
		if e.From <= d {
			return -1
		}
		return 1
	})
	if i == 0 {
		return Rate{}, false
	}
	e := es[i-1]
	if e.To != 0 && e.To < d {
		return Rate{}, false
	}
	return e.Rate, true
}

// Lookup returns the rate that applies to a slip: its Rate override if set,
// else the most specific rate in effect on the slip's date (team and trade,
// project and trade, trade). It fails with lanyan.ErrNotFound, naming the slip
// and field "trade", when no rate applies. A nil table has no rates.
func (t *RateTable) Lookup(s Slip) (Rate, error) {
	if !s.Rate.IsZero() {
		if err := s.Rate.validate(slipRecord(s.ID), "rate"); err != nil {
			return Rate{}, err
		}
		return s.Rate, nil
	}
	if t != nil {
		if s.Team != "" {
			if r, ok := t.find(rateKey{trade: s.Trade, team: s.Team}, s.Date); ok {
				return r, nil
			}
		}
		if s.Project != "" {
			if r, ok := t.find(rateKey{trade: s.Trade, project: s.Project}, s.Date); ok {
				return r, nil
			}
		}
		if r, ok := t.find(rateKey{trade: s.Trade}, s.Date); ok {
			return r, nil
		}
	}
	return Rate{}, lanyan.Errorf(lanyan.CodeNotFound, slipRecord(s.ID), "trade",
		"no rate for trade %q (team %q, project %q) on %s", s.Trade, s.Team, s.Project, s.Date)
}
