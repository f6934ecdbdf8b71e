package api

import (
	"context"
	"slices"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/refserver/store"
)

// How the server prices slips.
//
// Overtime depends on a worker's whole week: China's rules pay the hours of a
// day beyond 8 at 150 %, and several slips of a worker on one day are laid end
// to end (in order of slip id), so a slip's pay depends on the worker's other
// slips. The server therefore never prices a slip alone: it prices it with the
// other slips of the same worker in the same pay week (weeks starting on the
// rule set's WeekStart), over all projects:
//
//   - an approved slip with the worker's other approved slips of the week —
//     so its pay, and the actual cost booked from it, changes only when
//     another slip of that worker-week is approved, and that approval books
//     the whole worker-week again;
//   - any other slip with all the worker's slips of the week that are not
//     rejected (what the week will cost if everything pending is approved).
//
// Rejected slips are void: they are never priced, summed or booked.

// listPage is the page size slips are read in.
const listPage = 5000

// listAllSlips reads every slip matching f (f.After and f.Limit are ignored).
func listAllSlips(ctx context.Context, ls labour.Store, f labour.Filter) ([]labour.Slip, error) {
	var out []labour.Slip
	f.After, f.Limit = "", listPage
	for {
		page, err := ls.ListSlips(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, s := range page {
			out = append(out, s.Slip)
		}
		if len(page) < listPage {
			return out, nil
		}
		f.After = page[len(page)-1].ID
	}
}

// weekOf returns the first day of the pay week holding d.
func (st *labourSettings) weekOf(d date.Date) date.Date {
	ws := int(st.rules.WeekStart)
	return d - date.Date((int(d.Weekday())-ws+7)%7)
}

// workerWeek is one worker's pay week.
type workerWeek struct {
	worker string
	week   date.Date
}

// priceSlips prices slips (none rejected) each with its worker-week, as the
// comment above says, reading the other slips of those worker-weeks from ls.
// The pays are in the order of slips.
func priceSlips(ctx context.Context, ls labour.Store, st *labourSettings, slips []labour.Slip) ([]labour.Pay, error) {
	if len(slips) == 0 {
		return []labour.Pay{}, nil
	}
	weeks := map[workerWeek]bool{}
	workers := map[string]bool{}
	var from, to date.Date
	for i, s := range slips {
		if s.Status == labour.StatusRejected {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, record("slip", s.ID), "status", "is rejected: a rejected slip is void and has no pay")
		}
		w := st.weekOf(s.Date)
		weeks[workerWeek{s.Worker.ID, w}] = true
		workers[s.Worker.ID] = true
		if i == 0 || w < from {
			from = w
		}
		if i == 0 || w+6 > to {
			to = w + 6
		}
	}
	f := labour.Filter{From: from, To: to}
	if len(workers) == 1 {
		f.Worker = slips[0].Worker.ID
	}
	stored, err := listAllSlips(ctx, ls, f)
	if err != nil {
		return nil, err
	}
	// The context: the stored slips of the worker-weeks, with the slips given
	// in place of their stored copies.
	given := make(map[string]int, len(slips))
	for i, s := range slips {
		given[s.ID] = i
	}
	var approved, live []labour.Slip
	add := func(s labour.Slip) {
		if s.Status == labour.StatusRejected || !weeks[workerWeek{s.Worker.ID, st.weekOf(s.Date)}] {
			return
		}
		live = append(live, s)
		if s.Status == labour.StatusApproved {
			approved = append(approved, s)
		}
	}
	for _, s := range stored {
		if _, ok := given[s.ID]; !ok {
			add(s)
		}
	}
	for _, s := range slips {
		add(s)
	}
	byID := make(map[string]labour.Pay, len(slips))
	needApproved, needLive := false, false
	for _, s := range slips {
		if s.Status == labour.StatusApproved {
			needApproved = true
		} else {
			needLive = true
		}
	}
	for _, group := range []struct {
		need     bool
		slips    []labour.Slip
		approved bool
	}{{needApproved, approved, true}, {needLive, live, false}} {
		if !group.need {
			continue
		}
		pays, err := st.rules.Price(group.slips, st.rates, st.cal.Kind)
		if err != nil {
			return nil, notFoundAsInvalid(err)
		}
		for i, p := range pays {
			s := group.slips[i]
			if _, ok := given[s.ID]; ok && (s.Status == labour.StatusApproved) == group.approved {
				byID[s.ID] = p
			}
		}
	}
	out := make([]labour.Pay, len(slips))
	for i, s := range slips {
		out[i] = byID[s.ID]
	}
	return out, nil
}

// LabourBooking reports the actual costs booked from approved slips.
type LabourBooking struct {
	Booked  int             `json:"booked" doc:"Actual costs stored, one per slip: id \"labour:<slip id>\"."`
	Amount  decimal.Decimal `json:"amount" doc:"Their sum." example:"412.50"`
	Skipped []SkippedSlip   `json:"skipped" doc:"Approved slips not booked, and why."`
}

// SkippedSlip is an approved slip that could not be booked as an actual cost.
type SkippedSlip struct {
	Slip     string `json:"slip" example:"D-0012"`
	Project  string `json:"project" example:"P1"`
	CostCode string `json:"costCode" example:"WP9"`
	Reason   string `json:"reason" example:"cost code \"WP9\" is not an element of the project's cost breakdown"`
}

// bookLabourActuals prices approved slips (with their worker-weeks) and stores
// one labour actual cost per slip, id "labour:<slip id>", in the cost store of
// the slip's project, booked to the element named by its cost code; slips
// whose project has no cost record, or whose cost code is not an element or is
// a planning package, are skipped. It runs in tx, so the booking and whatever
// approved the slips take effect together.
func bookLabourActuals(ctx context.Context, tx *store.Tx, tenant string, st *labourSettings, slips []labour.Slip) (LabourBooking, error) {
	res := LabourBooking{Skipped: []SkippedSlip{}}
	if len(slips) == 0 {
		return res, nil
	}
	pays, err := priceSlips(ctx, tx.Labour(tenant), st, slips)
	if err != nil {
		return res, err
	}
	cs := tx.Cost(tenant)
	type codeState struct {
		ok     bool
		reason string
	}
	projects := map[string]*struct {
		exists  bool
		codes   map[string]codeState
		actuals []cost.StoredActual
	}{}
	var order []string
	total := decimal.Zero
	for i, s := range slips {
		p := projects[s.Project]
		if p == nil {
			p = &struct {
				exists  bool
				codes   map[string]codeState
				actuals []cost.StoredActual
			}{codes: map[string]codeState{}}
			_, err := cs.GetProject(ctx, s.Project)
			switch {
			case err == nil:
				p.exists = true
			case !isNotFound(err):
				return res, err
			}
			projects[s.Project] = p
			order = append(order, s.Project)
		}
		skip := func(reason string) {
			res.Skipped = append(res.Skipped, SkippedSlip{Slip: s.ID, Project: s.Project, CostCode: s.CostCode, Reason: reason})
		}
		if !p.exists {
			skip("project \"" + s.Project + "\" has no cost record")
			continue
		}
		c, seen := p.codes[s.CostCode]
		if !seen {
			e, err := cs.GetElement(ctx, s.Project, s.CostCode)
			switch {
			case isNotFound(err):
				c.reason = "cost code \"" + s.CostCode + "\" is not an element of the project's cost breakdown"
			case err != nil:
				return res, err
			case e.Kind == cost.PlanningPackage:
				c.reason = "cost code \"" + s.CostCode + "\" is a planning package, which takes no actual cost"
			default:
				c.ok = true
			}
			p.codes[s.CostCode] = c
		}
		if !c.ok {
			skip(c.reason)
			continue
		}
		p.actuals = append(p.actuals, cost.StoredActual{ID: labourActualPrefix + s.ID, ActualCost: cost.ActualCost{
			Code: s.CostCode, Date: s.Date, Amount: pays[i].Amount, Type: cost.CostLabour, SourceRef: s.ID,
		}})
		total = total.Add(pays[i].Amount)
	}
	for _, id := range order {
		p := projects[id]
		if len(p.actuals) == 0 {
			continue
		}
		if err := cs.PutActuals(ctx, id, p.actuals); err != nil {
			return res, err
		}
		res.Booked += len(p.actuals)
	}
	res.Amount = total
	return res, nil
}

// bookWorkerWeeks books every approved slip of the worker-weeks of slips
// (which have just become approved) again, as their pays may have changed.
func bookWorkerWeeks(ctx context.Context, tx *store.Tx, tenant string, st *labourSettings, slips []labour.Slip) (LabourBooking, error) {
	weeks := map[workerWeek]bool{}
	for _, s := range slips {
		weeks[workerWeek{s.Worker.ID, st.weekOf(s.Date)}] = true
	}
	keys := make([]workerWeek, 0, len(weeks))
	for w := range weeks {
		keys = append(keys, w)
	}
	slices.SortFunc(keys, func(a, b workerWeek) int {
		if a.worker != b.worker {
			if a.worker < b.worker {
				return -1
			}
			return 1
		}
		return int(a.week - b.week)
	})
	ls := tx.Labour(tenant)
	var all []labour.Slip
	for _, w := range keys {
		got, err := listAllSlips(ctx, ls, labour.Filter{Worker: w.worker, Status: labour.StatusApproved, From: w.week, To: w.week + 6})
		if err != nil {
			return LabourBooking{}, err
		}
		all = append(all, got...)
	}
	return bookLabourActuals(ctx, tx, tenant, st, all)
}
