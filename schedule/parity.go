package schedule

import (
	"fmt"

	"github.com/lanyan-dev/lanyan"
)

// Mismatch is one value where our schedule and the file's differ.
type Mismatch struct {
	Activity string
	Field    string // earlyStart, earlyFinish, lateStart, lateFinish or totalFloat
	File     string
	Ours     string
}

// Parity counts how many activities' computed values agree with what the file
// stores. EarlyN counts the activities whose file holds both early dates, and
// Early those whose two early dates both agree; likewise for late dates and total
// float.
type Parity struct {
	Early, EarlyN int
	Late, LateN   int
	Float, FloatN int
	Mismatches    []Mismatch
}

// String gives the summary line `parity: early E/N late L/N float F/N`.
func (p *Parity) String() string {
	return fmt.Sprintf("parity: early %d/%d late %d/%d float %d/%d", p.Early, p.EarlyN, p.Late, p.LateN, p.Float, p.FloatN)
}

// CompareRecorded compares a computed schedule with the values a file recorded
// (rec aligned with net.Activities). Two dates agree when they are the same
// instant, or one is the end of a working day and the other the start of the next
// working period — that is, the same position in the activity's working time.
// Floats agree within one minute.
func CompareRecorded(net *Network, res *Result, rec []Recorded) (*Parity, error) {
	if net == nil || res == nil || len(res.Activities) != len(net.Activities) || len(rec) != len(net.Activities) {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "parity", "", "the network, result and recorded values do not have the same activities")
	}
	cals := net.Calendars
	if len(cals) == 0 {
		cals = []Calendar{StandardFiveDay()}
	}
	rs, err := resolveCalendars(cals)
	if err != nil {
		return nil, err
	}
	around := net.Project.Start
	compiled := make(map[string]*CompiledCalendar, len(rs))
	calOf := func(id string) *CompiledCalendar {
		if id == "" {
			id = net.Project.DefaultCalendar
			if id == "" {
				id = cals[0].ID
			}
		}
		c, ok := compiled[id]
		if !ok {
			r, known := rs[id]
			if !known {
				return nil
			}
			c = newCompiled(id, r, around.Date())
			compiled[id] = c
		}
		return c
	}
	same := func(c *CompiledCalendar, a, b Instant) bool {
		return a == b || (c != nil && c.W(a) == c.W(b))
	}
	p := &Parity{}
	for i := range net.Activities {
		a, r, got := &net.Activities[i], &rec[i], &res.Activities[i]
		c := calOf(a.Calendar)
		miss := func(field string, file, ours string) {
			p.Mismatches = append(p.Mismatches, Mismatch{a.ID, field, file, ours})
		}
		if r.EarlyStart != 0 && r.EarlyFinish != 0 {
			p.EarlyN++
			ok := true
			es, ef := got.EarlyStart, got.EarlyFinish
			if r.Remaining {
				es, ef = got.RemainingEarlyStart, got.RemainingEarlyFinish
			}
			if !same(c, r.EarlyStart, es) {
				ok = false
				miss("earlyStart", r.EarlyStart.String(), es.String())
			}
			if !same(c, r.EarlyFinish, ef) {
				ok = false
				miss("earlyFinish", r.EarlyFinish.String(), ef.String())
			}
			if ok {
				p.Early++
			}
		}
		if r.LateStart != 0 && r.LateFinish != 0 {
			p.LateN++
			ok := true
			if !same(c, r.LateStart, got.LateStart) {
				ok = false
				miss("lateStart", r.LateStart.String(), got.LateStart.String())
			}
			if !same(c, r.LateFinish, got.LateFinish) {
				ok = false
				miss("lateFinish", r.LateFinish.String(), got.LateFinish.String())
			}
			if ok {
				p.Late++
			}
		}
		if r.HasTotalFloat {
			p.FloatN++
			if d := r.TotalFloat - got.TotalFloat; d >= -1 && d <= 1 {
				p.Float++
			} else {
				miss("totalFloat", fmt.Sprintf("%dmin", r.TotalFloat), fmt.Sprintf("%dmin", got.TotalFloat))
			}
		}
	}
	for _, c := range compiled {
		if c.Overflowed() {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(c.ID()), "", "dates run outside the years 2 to 9998")
		}
	}
	return p, nil
}
