// Package storetest checks that an implementation of [cost.Store] behaves as the
// interface documents, in the spirit of testing/fstest.TestFS: round trips with
// amounts compared by value, ordering and paging, optimistic versions, errors
// naming record and field, all-or-nothing batches, references and cascading
// deletes, isolation, cancellation, concurrent use and batches of 100,000
// elements and actual costs.
//
// An implementation runs it from its own tests, giving a function that returns a
// new, empty store:
//
//	func TestSQLStore(t *testing.T) {
//		storetest.TestStore(t, func(t *testing.T) cost.Store {
//			db := openEmptyTestDatabase(t) // closed by t.Cleanup
//			return sqlstore.NewCostStore(db)
//		})
//	}
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
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

// TestStore runs the conformance suite as subtests of t. newStore is called once
// per subtest and must return a new, empty store; it may register clean-up with
// t.Cleanup. The subtests do not run in parallel with each other, but several of
// them use one store from many goroutines.
func TestStore(t *testing.T, newStore func(t *testing.T) cost.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s cost.Store)
	}{
		{"CreateAndGetProject", testCreateAndGetProject},
		{"CreateProjectErrors", testCreateProjectErrors},
		{"ListProjects", testListProjects},
		{"UpdateProject", testUpdateProject},
		{"DeleteProjectCascades", testDeleteProjectCascades},
		{"MissingProject", testMissingProject},
		{"Elements", testElements},
		{"PutElementsAllOrNothing", testPutElementsAllOrNothing},
		{"DeleteElements", testDeleteElements},
		{"Baselines", testBaselines},
		{"Progress", testProgress},
		{"Actuals", testActuals},
		{"LoadAnalysisInput", testLoadAnalysisInput},
		{"Isolation", testIsolation},
		{"CanceledContext", testCanceledContext},
		{"ConcurrentWriters", testConcurrentWriters},
		{"ConcurrentProjectUpdates", testConcurrentProjectUpdates},
		{"Bulk", testBulk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			require.NotNil(t, s, "newStore returned nil")
			tt.fn(t, s)
		})
	}
}

// Fixtures.

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func day(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

func at(y int, m time.Month, d, hh, mm int) schedule.Instant {
	return schedule.AtTime(day(y, m, d), hh, mm)
}

func fixtureProject(id string) cost.Project {
	return cost.Project{
		ID:                  id,
		Name:                "Riverside Tower 滨江大厦 " + id,
		Currency:            "CNY",
		ScheduleProject:     "sched-" + id,
		Baseline:            1,
		UndistributedBudget: dec("12500.50"),
		ManagementReserve:   dec("30000"),
	}
}

// fixtureElements is a small breakdown using every kind, curve form and
// technique parameter, listed out of id order.
func fixtureElements() []cost.Element {
	return []cost.Element{
		{ID: "CA-2", Name: "Superstructure 上部结构", Kind: cost.ControlAccount},
		{ID: "WP-2.1", Name: "Frame", Kind: cost.WorkPackage, Parent: "CA-2", Budget: dec("250000.00"),
			Activities: []string{"A2010", "A2020"}, Curve: cost.Curve{Shape: cost.Bell},
			Technique: cost.Technique{Method: cost.WeightedMilestones, Milestones: []cost.Milestone{
				{ID: "L1", Name: "Level 1", Weight: dec("1")}, {ID: "L2", Name: "Level 2", Weight: dec("1.5")},
			}}},
		{ID: "CA-1", Name: "Substructure 地下结构", Kind: cost.ControlAccount},
		{ID: "WP-1.1", Name: "Piling", Kind: cost.WorkPackage, Parent: "CA-1", Budget: dec("120000.10"),
			Activities: []string{"A1010"},
			Curve: cost.Curve{Shape: cost.Custom, Points: []decimal.Decimal{
				dec("0"), dec("2.5"), dec("5"), dec("7.5"), dec("10"), dec("15"), dec("20"), dec("25"), dec("30"), dec("35"),
				dec("40"), dec("45"), dec("50"), dec("60"), dec("70"), dec("80"), dec("85"), dec("90"), dec("95"), dec("97.5"), dec("100"),
			}},
			Technique: cost.Technique{Method: cost.FixedFormula, StartPercent: dec("25")}},
		{ID: "WP-1.2", Kind: cost.WorkPackage, Parent: "CA-1", Budget: dec("8000"), Activities: []string{"A1020"},
			Technique: cost.Technique{Method: cost.UnitsComplete, Units: dec("400.5")}},
		{ID: "WP-1.3", Kind: cost.WorkPackage, Parent: "CA-1", Budget: dec("800.00"), Activities: []string{"A1020"},
			Technique: cost.Technique{Method: cost.ApportionedEffort, Base: "WP-1.2", Factor: dec("0.1")}},
		{ID: "PP-3", Name: "Fit-out", Kind: cost.PlanningPackage, Budget: dec("99000.99"), Activities: []string{"A3000"}},
	}
}

func fixtureBaseline(number int) cost.Baseline {
	var w schedule.WorkWeek
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}
	}
	w[time.Saturday] = []schedule.Period{}
	return cost.Baseline{
		Number: number,
		Name:   fmt.Sprintf("Baseline %d 基准", number),
		Calendars: []schedule.Calendar{{
			ID: "std", Name: "Standard", Week: w, HoursPerDay: 8,
			Exceptions: []schedule.Exception{{Name: "国庆节", From: day(2025, 10, 1), To: day(2025, 10, 8)}},
		}},
		DefaultCalendar: "std",
		Activities: []cost.BaselineActivity{
			{ID: "A1010", Start: at(2025, 3, 3, 8, 0), Finish: at(2025, 3, 14, 17, 0)},
			{ID: "A1020", Calendar: "std", Start: at(2025, 3, 17, 8, 0), Finish: at(2025, 3, 21, 17, 0)},
		},
		Budgets: []cost.PackageBudget{
			{Package: "WP-1.1", Budget: dec("120000.10")},
			{Package: "WP-1.2", Budget: dec("8000.00")},
		},
		UndistributedBudget: dec("500.5"),
		ManagementReserve:   dec("1000"),
	}
}

func fixtureProgress() []cost.Progress {
	return []cost.Progress{
		{Package: "WP-2.1", Date: day(2025, 3, 7), Milestones: []string{"L1"}},
		{Package: "WP-1.1", Date: day(2025, 3, 14), Percent: dec("100")},
		{Package: "WP-1.1", Date: day(2025, 3, 7), Started: true, Percent: dec("12.5")},
		{Package: "WP-1.2", Date: day(2025, 3, 7), Units: dec("40.25")},
	}
}

func fixtureActuals() []cost.StoredActual {
	return []cost.StoredActual{
		{ID: "AC-002", ActualCost: cost.ActualCost{Code: "WP-1.1", Date: day(2025, 3, 10), Amount: dec("-150.25"),
			Type: cost.CostMaterial, SourceRef: "Credit note CN-9"}},
		{ID: "AC-001", ActualCost: cost.ActualCost{Code: "WP-1.1", Date: day(2025, 3, 7), Amount: dec("45000.00"),
			Type: cost.CostSubcontract, SourceRef: "Invoice 发票 2025-117"}},
		{ID: "AC-003", ActualCost: cost.ActualCost{Code: "CA-1", Date: day(2025, 3, 8), Amount: dec("99.9"),
			Type: cost.CostLabour, SourceRef: "点工单 DW-0308"}},
	}
}

// seed creates project id with the fixture elements, baselines 0 and 1,
// progress and actual costs.
func seed(t *testing.T, s cost.Store, id string) {
	t.Helper()
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject(id))
	require.NoError(t, err, "CreateProject")
	require.NoError(t, s.PutElements(ctx, id, fixtureElements()), "PutElements")
	require.NoError(t, s.PutBaseline(ctx, id, fixtureBaseline(0)), "PutBaseline 0")
	require.NoError(t, s.PutBaseline(ctx, id, fixtureBaseline(1)), "PutBaseline 1")
	require.NoError(t, s.PutProgress(ctx, id, fixtureProgress()), "PutProgress")
	require.NoError(t, s.PutActuals(ctx, id, fixtureActuals()), "PutActuals")
}

// Normalising for comparison: amounts compare by value, and nil and empty slices
// are equivalent (except in a calendar's week).

func canon(d decimal.Decimal) decimal.Decimal { return decimal.RequireFromString(d.String()) }

func canons(ds []decimal.Decimal) []decimal.Decimal {
	if len(ds) == 0 {
		return nil
	}
	out := make([]decimal.Decimal, len(ds))
	for i, d := range ds {
		out[i] = canon(d)
	}
	return out
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func normProject(p cost.Project) cost.Project {
	p.UndistributedBudget = canon(p.UndistributedBudget)
	p.ManagementReserve = canon(p.ManagementReserve)
	return p
}

func normElement(e cost.Element) cost.Element {
	e.Budget = canon(e.Budget)
	e.Activities = nilIfEmpty(slices.Clone(e.Activities))
	e.Curve.Points = canons(e.Curve.Points)
	tq := &e.Technique
	tq.StartPercent, tq.Units, tq.Factor = canon(tq.StartPercent), canon(tq.Units), canon(tq.Factor)
	if len(tq.Milestones) == 0 {
		tq.Milestones = nil
	} else {
		ms := make([]cost.Milestone, len(tq.Milestones))
		for i, m := range tq.Milestones {
			m.Weight = canon(m.Weight)
			ms[i] = m
		}
		tq.Milestones = ms
	}
	return e
}

func normElements(es []cost.Element) []cost.Element {
	if len(es) == 0 {
		return nil
	}
	out := make([]cost.Element, len(es))
	for i, e := range es {
		out[i] = normElement(e)
	}
	return out
}

func sortedElements(es []cost.Element) []cost.Element {
	es = slices.Clone(es)
	slices.SortFunc(es, func(a, b cost.Element) int { return strings.Compare(a.ID, b.ID) })
	return es
}

func normCalendar(c schedule.Calendar) schedule.Calendar {
	if len(c.Exceptions) == 0 {
		c.Exceptions = nil
	} else {
		es := make([]schedule.Exception, len(c.Exceptions))
		for i, e := range c.Exceptions {
			if e.To == 0 {
				e.To = e.From
			}
			e.Periods = nilIfEmpty(e.Periods)
			es[i] = e
		}
		c.Exceptions = es
	}
	return c
}

func normBaseline(bl cost.Baseline) cost.Baseline {
	if len(bl.Calendars) == 0 {
		bl.Calendars = nil
	} else {
		cs := make([]schedule.Calendar, len(bl.Calendars))
		for i, c := range bl.Calendars {
			cs[i] = normCalendar(c)
		}
		bl.Calendars = cs
	}
	bl.Activities = nilIfEmpty(bl.Activities)
	if len(bl.Budgets) == 0 {
		bl.Budgets = nil
	} else {
		bs := make([]cost.PackageBudget, len(bl.Budgets))
		for i, b := range bl.Budgets {
			b.Budget = canon(b.Budget)
			bs[i] = b
		}
		bl.Budgets = bs
	}
	bl.UndistributedBudget = canon(bl.UndistributedBudget)
	bl.ManagementReserve = canon(bl.ManagementReserve)
	return bl
}

func normProgress(ps []cost.Progress) []cost.Progress {
	if len(ps) == 0 {
		return nil
	}
	out := make([]cost.Progress, len(ps))
	for i, p := range ps {
		p.Percent, p.Units = canon(p.Percent), canon(p.Units)
		p.Milestones = nilIfEmpty(slices.Clone(p.Milestones))
		out[i] = p
	}
	return out
}

func sortedProgress(ps []cost.Progress) []cost.Progress {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b cost.Progress) int {
		if c := strings.Compare(a.Package, b.Package); c != 0 {
			return c
		}
		return int(a.Date - b.Date)
	})
	return ps
}

func normActuals(as []cost.StoredActual) []cost.StoredActual {
	if len(as) == 0 {
		return nil
	}
	out := make([]cost.StoredActual, len(as))
	for i, a := range as {
		a.Amount = canon(a.Amount)
		out[i] = a
	}
	return out
}

func sortedActuals(as []cost.StoredActual) []cost.StoredActual {
	as = slices.Clone(as)
	slices.SortFunc(as, func(a, b cost.StoredActual) int { return strings.Compare(a.ID, b.ID) })
	return as
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

func elementID(e cost.Element) string         { return e.ID }
func actualID(a cost.StoredActual) string     { return a.ID }
func projectID(p cost.Project) string         { return p.ID }
func progressKey(p cost.Progress) string      { return p.Package + "@" + p.Date.String() }
func baselineNo(h cost.BaselineHeader) string { return fmt.Sprint(h.Number) }

// requireError checks that err matches sentinel and, when record or field is not
// empty, that its *lanyan.Error names that record and field.
func requireError(t *testing.T, err error, sentinel error, record, field string, msgAndArgs ...any) {
	t.Helper()
	require.Error(t, err, msgAndArgs...)
	require.ErrorIs(t, err, sentinel, msgAndArgs...)
	var le *lanyan.Error
	require.ErrorAs(t, err, &le, msgAndArgs...)
	if record != "" {
		assert.Equal(t, record, le.Record, "record named by %q", err.Error())
	}
	if field != "" {
		assert.Equal(t, field, le.Field, "field named by %q", err.Error())
	}
}

func listElements(t *testing.T, s cost.Store, projectID string) []cost.Element {
	t.Helper()
	es, err := s.ListElements(t.Context(), projectID, schedule.Page{})
	require.NoError(t, err, "ListElements")
	return es
}

func listActuals(t *testing.T, s cost.Store, projectID string) []cost.StoredActual {
	t.Helper()
	as, err := s.ListActuals(t.Context(), projectID, schedule.Page{})
	require.NoError(t, err, "ListActuals")
	return as
}

func listProgress(t *testing.T, s cost.Store, projectID string) []cost.Progress {
	t.Helper()
	ps, err := s.ListProgress(t.Context(), projectID)
	require.NoError(t, err, "ListProgress")
	return ps
}

// Projects.

func testCreateAndGetProject(t *testing.T, s cost.Store) {
	ctx := t.Context()
	in := fixtureProject("P1")
	in.Version = 42 // ignored
	got, err := s.CreateProject(ctx, in)
	require.NoError(t, err)
	want := normProject(fixtureProject("P1"))
	want.Version = 1
	assert.Equal(t, want, normProject(got), "CreateProject result")

	got, err = s.GetProject(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, want, normProject(got), "GetProject")

	_, err = s.GetProject(ctx, "P2")
	requireError(t, err, lanyan.ErrNotFound, `project "P2"`, "")
}

func testCreateProjectErrors(t *testing.T, s cost.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	dup := fixtureProject("P1")
	dup.Name = "other"
	_, err = s.CreateProject(ctx, dup)
	requireError(t, err, lanyan.ErrConflict, `project "P1"`, "", "duplicate CreateProject")
	got, err := s.GetProject(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, fixtureProject("P1").Name, got.Name, "a failed duplicate create changed the project")
	assert.Equal(t, int64(1), got.Version)

	_, err = s.CreateProject(ctx, fixtureProject(""))
	requireError(t, err, lanyan.ErrInvalid, "", "id", "CreateProject with an empty id")
}

func testListProjects(t *testing.T, s cost.Store) {
	ctx := t.Context()
	ps, err := s.ListProjects(ctx, schedule.Page{})
	require.NoError(t, err)
	assert.Empty(t, ps, "ListProjects of an empty store")

	// Byte order: upper case before '_' before lower case before non-ASCII.
	for _, id := range []string{"p1", "P2", "Ä", "_z", "P10", "Q"} {
		_, err := s.CreateProject(ctx, fixtureProject(id))
		require.NoError(t, err)
	}
	want := []string{"P10", "P2", "Q", "_z", "p1", "Ä"}
	ps, err = s.ListProjects(ctx, schedule.Page{})
	require.NoError(t, err)
	assert.Equal(t, want, ids(ps, projectID), "ListProjects with no limit")

	var got []string
	after := ""
	for range 10 {
		page, err := s.ListProjects(ctx, schedule.Page{After: after, Limit: 4})
		require.NoError(t, err)
		got = append(got, ids(page, projectID)...)
		if len(page) < 4 {
			break
		}
		after = page[len(page)-1].ID
	}
	assert.Equal(t, want, got, "ListProjects in pages of 4")
	page, err := s.ListProjects(ctx, schedule.Page{After: "P3", Limit: 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"Q", "_z"}, ids(page, projectID), "After need not name a stored project")

	_, err = s.ListProjects(ctx, schedule.Page{Limit: -1})
	requireError(t, err, lanyan.ErrInvalid, "", "limit")
}

func testUpdateProject(t *testing.T, s cost.Store) {
	ctx := t.Context()
	p, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	p.Name = "renamed"
	p.Baseline = 3
	p.ManagementReserve = dec("1.23")
	p2, err := s.UpdateProject(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, int64(2), p2.Version)
	got, err := s.GetProject(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, normProject(p2), normProject(got))
	assert.Equal(t, 3, got.Baseline)

	// p still says version 1: stale.
	p.Name = "stale"
	_, err = s.UpdateProject(ctx, p)
	requireError(t, err, lanyan.ErrConflict, `project "P1"`, "version")
	got, err = s.GetProject(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, "renamed", got.Name, "a stale update changed the project")

	_, err = s.UpdateProject(ctx, fixtureProject("P9"))
	requireError(t, err, lanyan.ErrNotFound, `project "P9"`, "")
}

func testDeleteProjectCascades(t *testing.T, s cost.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	seed(t, s, "P2")
	require.NoError(t, s.DeleteProject(ctx, "P1"))
	_, err := s.GetProject(ctx, "P1")
	requireError(t, err, lanyan.ErrNotFound, `project "P1"`, "")
	requireError(t, s.DeleteProject(ctx, "P1"), lanyan.ErrNotFound, `project "P1"`, "")

	// A new project with the same id starts empty.
	_, err = s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	assert.Empty(t, listElements(t, s, "P1"))
	assert.Empty(t, listActuals(t, s, "P1"))
	assert.Empty(t, listProgress(t, s, "P1"))
	hs, err := s.ListBaselines(ctx, "P1")
	require.NoError(t, err)
	assert.Empty(t, hs)
	// The other project is untouched.
	assert.Len(t, listElements(t, s, "P2"), len(fixtureElements()))
}

func testMissingProject(t *testing.T, s cost.Store) {
	ctx := t.Context()
	const rec = `project "nope"`
	check := func(name string, err error) {
		t.Helper()
		requireError(t, err, lanyan.ErrNotFound, rec, "", name)
	}
	_, err := s.GetProject(ctx, "nope")
	check("GetProject", err)
	check("DeleteProject", s.DeleteProject(ctx, "nope"))
	check("PutElements", s.PutElements(ctx, "nope", fixtureElements()))
	_, err = s.GetElement(ctx, "nope", "CA-1")
	check("GetElement", err)
	_, err = s.ListElements(ctx, "nope", schedule.Page{})
	check("ListElements", err)
	check("DeleteElements", s.DeleteElements(ctx, "nope", []string{"CA-1"}))
	check("PutBaseline", s.PutBaseline(ctx, "nope", fixtureBaseline(0)))
	_, err = s.GetBaseline(ctx, "nope", 0)
	check("GetBaseline", err)
	_, err = s.ListBaselines(ctx, "nope")
	check("ListBaselines", err)
	check("DeleteBaseline", s.DeleteBaseline(ctx, "nope", 0))
	check("PutProgress", s.PutProgress(ctx, "nope", nil))
	_, err = s.ListProgress(ctx, "nope")
	check("ListProgress", err)
	check("DeleteProgress", s.DeleteProgress(ctx, "nope", nil))
	check("PutActuals", s.PutActuals(ctx, "nope", nil))
	_, err = s.GetActual(ctx, "nope", "AC-001")
	check("GetActual", err)
	_, err = s.ListActuals(ctx, "nope", schedule.Page{})
	check("ListActuals", err)
	check("DeleteActuals", s.DeleteActuals(ctx, "nope", nil))
	_, err = s.LoadBreakdown(ctx, "nope")
	check("LoadBreakdown", err)
	_, err = s.LoadAnalysisInput(ctx, "nope")
	check("LoadAnalysisInput", err)
}

// Elements.

func testElements(t *testing.T, s cost.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	want := normElements(sortedElements(fixtureElements()))
	assert.Equal(t, want, normElements(listElements(t, s, "P1")), "ListElements: every field, ordered by id")

	e, err := s.GetElement(ctx, "P1", "WP-1.1")
	require.NoError(t, err)
	assert.Equal(t, normElement(fixtureElements()[3]), normElement(e), "GetElement")
	_, err = s.GetElement(ctx, "P1", "WP-9")
	requireError(t, err, lanyan.ErrNotFound, `element "WP-9"`, "")

	// Replace one, add one whose parent is in the store.
	e.Name = "Piling (revised)"
	e.Budget = dec("130000")
	e.Activities = nil
	add := cost.Element{ID: "WP-1.0", Kind: cost.WorkPackage, Parent: "CA-1", Budget: dec("1"), Activities: []string{"A1000"},
		Technique: cost.Technique{Method: cost.LevelOfEffort}}
	require.NoError(t, s.PutElements(ctx, "P1", []cost.Element{e, add}))
	got := listElements(t, s, "P1")
	assert.Len(t, got, len(fixtureElements())+1)
	e2, err := s.GetElement(ctx, "P1", "WP-1.1")
	require.NoError(t, err)
	assert.Equal(t, normElement(e), normElement(e2), "replaced element")

	// Pages of 3, continuing after the last id of each.
	var pages []string
	after := ""
	for range 10 {
		page, err := s.ListElements(ctx, "P1", schedule.Page{After: after, Limit: 3})
		require.NoError(t, err)
		pages = append(pages, ids(page, elementID)...)
		if len(page) < 3 {
			break
		}
		after = page[len(page)-1].ID
	}
	assert.Equal(t, ids(got, elementID), pages, "ListElements in pages")
	_, err = s.ListElements(ctx, "P1", schedule.Page{Limit: -1})
	requireError(t, err, lanyan.ErrInvalid, "", "limit")

	// A batch may name parents within itself, in any order.
	require.NoError(t, s.PutElements(ctx, "P1", []cost.Element{
		{ID: "WP-4.1", Kind: cost.WorkPackage, Parent: "CA-4", Activities: []string{"A4"}},
		{ID: "CA-4", Kind: cost.ControlAccount},
	}))

	b, err := s.LoadBreakdown(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, normElements(listElements(t, s, "P1")), normElements(b.Elements), "LoadBreakdown elements")
	assert.True(t, b.UndistributedBudget.Equal(dec("12500.50")))
	assert.True(t, b.ManagementReserve.Equal(dec("30000")))
}

func testPutElementsAllOrNothing(t *testing.T, s cost.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	before := normElements(listElements(t, s, "P1"))
	good := cost.Element{ID: "WP-9", Kind: cost.WorkPackage, Parent: "CA-1", Activities: []string{"A9"}}
	tests := []struct {
		name     string
		batch    []cost.Element
		sentinel error
		record   string
		field    string
	}{
		{"empty id", []cost.Element{good, {Kind: cost.ControlAccount}}, lanyan.ErrInvalid, "element 1", "id"},
		{"id twice", []cost.Element{good, good}, lanyan.ErrInvalid, `element "WP-9"`, "id"},
		{"unknown parent", []cost.Element{good, {ID: "WP-8", Kind: cost.WorkPackage, Parent: "CA-8"}},
			lanyan.ErrNotFound, `element "WP-8"`, "parent"},
	}
	for _, tt := range tests {
		err := s.PutElements(ctx, "P1", tt.batch)
		requireError(t, err, tt.sentinel, tt.record, tt.field, tt.name)
		assert.Equal(t, before, normElements(listElements(t, s, "P1")), "%s: a rejected batch changed the store", tt.name)
	}
	require.NoError(t, s.PutElements(ctx, "P1", nil), "an empty batch")
}

func testDeleteElements(t *testing.T, s cost.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	before := normElements(listElements(t, s, "P1"))

	// CA-2 is the parent of WP-2.1, which stays.
	err := s.DeleteElements(ctx, "P1", []string{"CA-2"})
	requireError(t, err, lanyan.ErrConflict, `element "CA-2"`, "")
	// WP-1.1 has actual costs booked to it.
	err = s.DeleteElements(ctx, "P1", []string{"WP-1.1"})
	requireError(t, err, lanyan.ErrConflict, `element "WP-1.1"`, "")
	// One bad id spoils the batch.
	err = s.DeleteElements(ctx, "P1", []string{"PP-3", "CA-2"})
	requireError(t, err, lanyan.ErrConflict, `element "CA-2"`, "")
	assert.Equal(t, before, normElements(listElements(t, s, "P1")), "a rejected delete changed the store")

	// An account with its packages goes, with their progress; unknown ids are
	// ignored.
	require.NoError(t, s.DeleteElements(ctx, "P1", []string{"WP-2.1", "CA-2", "nope"}))
	assert.Equal(t, []string{"CA-1", "PP-3", "WP-1.1", "WP-1.2", "WP-1.3"}, ids(listElements(t, s, "P1"), elementID))
	for _, p := range listProgress(t, s, "P1") {
		assert.NotEqual(t, "WP-2.1", p.Package, "progress of a deleted package remains")
	}
	require.NoError(t, s.DeleteElements(ctx, "P1", nil))
}

// Baselines.

func testBaselines(t *testing.T, s cost.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	hs, err := s.ListBaselines(ctx, "P1")
	require.NoError(t, err)
	assert.Empty(t, hs)
	_, err = s.GetBaseline(ctx, "P1", 0)
	requireError(t, err, lanyan.ErrNotFound, "baseline 0", "")

	for _, n := range []int{10, 0, 3} {
		require.NoError(t, s.PutBaseline(ctx, "P1", fixtureBaseline(n)))
	}
	hs, err = s.ListBaselines(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, []cost.BaselineHeader{{Number: 0, Name: "Baseline 0 基准"}, {Number: 3, Name: "Baseline 3 基准"}, {Number: 10, Name: "Baseline 10 基准"}}, hs)

	got, err := s.GetBaseline(ctx, "P1", 3)
	require.NoError(t, err)
	assert.Equal(t, normBaseline(fixtureBaseline(3)), normBaseline(got), "GetBaseline: every field")
	require.NotNil(t, got.Calendars[0].Week[time.Saturday], "an empty (non-working) day must not come back nil")
	assert.Nil(t, got.Calendars[0].Week[time.Sunday], "a nil (inherited) day must come back nil")

	// Replace baseline 3.
	bl := fixtureBaseline(3)
	bl.Name = "re-baselined"
	bl.Budgets = bl.Budgets[:1]
	require.NoError(t, s.PutBaseline(ctx, "P1", bl))
	got, err = s.GetBaseline(ctx, "P1", 3)
	require.NoError(t, err)
	assert.Equal(t, normBaseline(bl), normBaseline(got))

	for _, n := range []int{-1, 11} {
		err := s.PutBaseline(ctx, "P1", fixtureBaseline(n))
		requireError(t, err, lanyan.ErrInvalid, fmt.Sprintf("baseline %d", n), "number")
	}

	require.NoError(t, s.DeleteBaseline(ctx, "P1", 10))
	require.NoError(t, s.DeleteBaseline(ctx, "P1", 10), "deleting a missing baseline")
	hs, err = s.ListBaselines(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, []string{"0", "3"}, ids(hs, baselineNo))
}

// Progress.

func testProgress(t *testing.T, s cost.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	want := normProgress(sortedProgress(fixtureProgress()))
	assert.Equal(t, want, normProgress(listProgress(t, s, "P1")), "ListProgress: every field, by package then date")

	// Replace one record by its key, add another.
	repl := cost.Progress{Package: "WP-1.1", Date: day(2025, 3, 7), Percent: dec("20")}
	add := cost.Progress{Package: "WP-1.2", Date: day(2025, 3, 1), Units: dec("1")}
	require.NoError(t, s.PutProgress(ctx, "P1", []cost.Progress{repl, add}))
	got := listProgress(t, s, "P1")
	assert.Equal(t, []string{"WP-1.1@2025-03-07", "WP-1.1@2025-03-14", "WP-1.2@2025-03-01", "WP-1.2@2025-03-07", "WP-2.1@2025-03-07"},
		ids(got, progressKey))
	assert.Equal(t, normProgress([]cost.Progress{repl}), normProgress(got[:1]))

	before := normProgress(got)
	tests := []struct {
		name     string
		batch    []cost.Progress
		sentinel error
		record   string
		field    string
	}{
		{"unknown package", []cost.Progress{add, {Package: "WP-9", Date: day(2025, 3, 7)}},
			lanyan.ErrNotFound, `progress "WP-9" 2025-03-07`, "package"},
		{"no date", []cost.Progress{add, {Package: "WP-1.1"}}, lanyan.ErrInvalid, "progress 1", "date"},
		{"no package", []cost.Progress{{Date: day(2025, 3, 7)}}, lanyan.ErrInvalid, "progress 0", "package"},
		{"key twice", []cost.Progress{add, add}, lanyan.ErrInvalid, `progress "WP-1.2" 2025-03-01`, ""},
	}
	for _, tt := range tests {
		err := s.PutProgress(ctx, "P1", tt.batch)
		requireError(t, err, tt.sentinel, tt.record, tt.field, tt.name)
		assert.Equal(t, before, normProgress(listProgress(t, s, "P1")), "%s: a rejected batch changed the store", tt.name)
	}

	require.NoError(t, s.DeleteProgress(ctx, "P1", []cost.ProgressKey{
		{Package: "WP-1.1", Date: day(2025, 3, 14)}, {Package: "WP-1.1", Date: day(2030, 1, 1)},
	}))
	assert.Equal(t, []string{"WP-1.1@2025-03-07", "WP-1.2@2025-03-01", "WP-1.2@2025-03-07", "WP-2.1@2025-03-07"},
		ids(listProgress(t, s, "P1"), progressKey))
}

// Actual costs.

func testActuals(t *testing.T, s cost.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	want := normActuals(sortedActuals(fixtureActuals()))
	assert.Equal(t, want, normActuals(listActuals(t, s, "P1")), "ListActuals: every field, by id")
	a, err := s.GetActual(ctx, "P1", "AC-002")
	require.NoError(t, err)
	assert.Equal(t, normActuals(fixtureActuals()[:1]), normActuals([]cost.StoredActual{a}))
	assert.True(t, a.Amount.Equal(dec("-150.25")), "negative amounts (credits) round-trip")
	_, err = s.GetActual(ctx, "P1", "AC-999")
	requireError(t, err, lanyan.ErrNotFound, `actual cost "AC-999"`, "")

	page, err := s.ListActuals(ctx, "P1", schedule.Page{After: "AC-001", Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, []string{"AC-002"}, ids(page, actualID))
	_, err = s.ListActuals(ctx, "P1", schedule.Page{Limit: -1})
	requireError(t, err, lanyan.ErrInvalid, "", "limit")

	before := normActuals(listActuals(t, s, "P1"))
	good := cost.StoredActual{ID: "AC-010", ActualCost: cost.ActualCost{Code: "WP-1.2", Date: day(2025, 3, 9), Amount: dec("1"), Type: cost.CostOther}}
	tests := []struct {
		name     string
		batch    []cost.StoredActual
		sentinel error
		record   string
		field    string
	}{
		{"unknown code", []cost.StoredActual{good, {ID: "AC-011", ActualCost: cost.ActualCost{Code: "WP-9"}}},
			lanyan.ErrNotFound, `actual cost "AC-011"`, "code"},
		{"empty id", []cost.StoredActual{good, {ActualCost: good.ActualCost}}, lanyan.ErrInvalid, "actual cost 1", "id"},
		{"id twice", []cost.StoredActual{good, good}, lanyan.ErrInvalid, `actual cost "AC-010"`, "id"},
	}
	for _, tt := range tests {
		err := s.PutActuals(ctx, "P1", tt.batch)
		requireError(t, err, tt.sentinel, tt.record, tt.field, tt.name)
		assert.Equal(t, before, normActuals(listActuals(t, s, "P1")), "%s: a rejected batch changed the store", tt.name)
	}

	// Replace by id.
	repl := fixtureActuals()[1]
	repl.Amount = dec("45100")
	require.NoError(t, s.PutActuals(ctx, "P1", []cost.StoredActual{repl, good}))
	a, err = s.GetActual(ctx, "P1", "AC-001")
	require.NoError(t, err)
	assert.True(t, a.Amount.Equal(dec("45100")))
	assert.Equal(t, []string{"AC-001", "AC-002", "AC-003", "AC-010"}, ids(listActuals(t, s, "P1"), actualID))

	require.NoError(t, s.DeleteActuals(ctx, "P1", []string{"AC-002", "AC-001", "nope"}))
	assert.Equal(t, []string{"AC-003", "AC-010"}, ids(listActuals(t, s, "P1"), actualID))
	// With its costs gone, WP-1.1 may be deleted.
	require.NoError(t, s.DeleteElements(ctx, "P1", []string{"WP-1.1"}))
}

// LoadAnalysisInput.

func testLoadAnalysisInput(t *testing.T, s cost.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	in, err := s.LoadAnalysisInput(ctx, "P1")
	require.NoError(t, err)
	require.NotNil(t, in.Breakdown)
	require.NotNil(t, in.Baseline)
	assert.Equal(t, normElements(sortedElements(fixtureElements())), normElements(in.Breakdown.Elements))
	assert.True(t, in.Breakdown.UndistributedBudget.Equal(dec("12500.50")))
	assert.Equal(t, normBaseline(fixtureBaseline(1)), normBaseline(*in.Baseline), "the project's chosen baseline (1)")
	assert.Equal(t, normProgress(sortedProgress(fixtureProgress())), normProgress(in.Progress))
	var acs []cost.ActualCost
	for _, a := range normActuals(sortedActuals(fixtureActuals())) {
		acs = append(acs, a.ActualCost)
	}
	require.Len(t, in.Actuals, len(acs))
	for i := range acs {
		got := in.Actuals[i]
		got.Amount = canon(got.Amount)
		assert.Equal(t, acs[i], got)
	}

	p, err := s.GetProject(ctx, "P1")
	require.NoError(t, err)
	p.Baseline = 7
	_, err = s.UpdateProject(ctx, p)
	require.NoError(t, err)
	_, err = s.LoadAnalysisInput(ctx, "P1")
	requireError(t, err, lanyan.ErrNotFound, "baseline 7", "")
}

// Isolation: values passed in and returned are copies.

func testIsolation(t *testing.T, s cost.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	es := fixtureElements()
	require.NoError(t, s.PutElements(ctx, "P1", es))
	es[1].Activities[0] = "changed"
	es[1].Technique.Milestones[0].ID = "changed"
	es[3].Curve.Points[1] = dec("99")
	want := normElements(sortedElements(fixtureElements()))
	assert.Equal(t, want, normElements(listElements(t, s, "P1")), "changing a batch after PutElements changed the store")

	got := listElements(t, s, "P1")
	got[0].Name = "changed"
	for i := range got {
		if len(got[i].Activities) > 0 {
			got[i].Activities[0] = "changed"
		}
	}
	assert.Equal(t, want, normElements(listElements(t, s, "P1")), "changing ListElements' result changed the store")

	bl := fixtureBaseline(0)
	require.NoError(t, s.PutBaseline(ctx, "P1", bl))
	bl.Activities[0].ID = "changed"
	bl.Calendars[0].Week[time.Monday][0].Start = 0
	bl.Calendars[0].Exceptions[0].Name = "changed"
	bl.Budgets[0].Package = "changed"
	got0, err := s.GetBaseline(ctx, "P1", 0)
	require.NoError(t, err)
	assert.Equal(t, normBaseline(fixtureBaseline(0)), normBaseline(got0), "changing a baseline after PutBaseline changed the store")
	got0.Calendars[0].Week[time.Monday][0].Start = 0
	got0.Activities[0].ID = "changed"
	again, err := s.GetBaseline(ctx, "P1", 0)
	require.NoError(t, err)
	assert.Equal(t, normBaseline(fixtureBaseline(0)), normBaseline(again), "changing GetBaseline's result changed the store")

	ps := fixtureProgress()
	require.NoError(t, s.PutProgress(ctx, "P1", ps))
	ps[0].Milestones[0] = "changed"
	lp := listProgress(t, s, "P1")
	assert.Equal(t, normProgress(sortedProgress(fixtureProgress())), normProgress(lp))
	for i := range lp {
		if len(lp[i].Milestones) > 0 {
			lp[i].Milestones[0] = "changed"
		}
	}
	assert.Equal(t, normProgress(sortedProgress(fixtureProgress())), normProgress(listProgress(t, s, "P1")),
		"changing ListProgress' result changed the store")
}

// Cancellation.

func testCanceledContext(t *testing.T, s cost.Store) {
	seed(t, s, "P1")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	check := func(name string, err error) {
		t.Helper()
		require.Error(t, err, name)
		assert.True(t, errors.Is(err, context.Canceled), "%s: %v does not wrap context.Canceled", name, err)
	}
	_, err := s.CreateProject(ctx, fixtureProject("P2"))
	check("CreateProject", err)
	_, err = s.GetProject(ctx, "P1")
	check("GetProject", err)
	_, err = s.ListProjects(ctx, schedule.Page{})
	check("ListProjects", err)
	p := fixtureProject("P1")
	p.Version = 1
	_, err = s.UpdateProject(ctx, p)
	check("UpdateProject", err)
	check("DeleteProject", s.DeleteProject(ctx, "P1"))
	check("PutElements", s.PutElements(ctx, "P1", []cost.Element{{ID: "X", Kind: cost.ControlAccount}}))
	_, err = s.GetElement(ctx, "P1", "CA-1")
	check("GetElement", err)
	_, err = s.ListElements(ctx, "P1", schedule.Page{})
	check("ListElements", err)
	check("DeleteElements", s.DeleteElements(ctx, "P1", []string{"PP-3"}))
	check("PutBaseline", s.PutBaseline(ctx, "P1", fixtureBaseline(5)))
	_, err = s.GetBaseline(ctx, "P1", 0)
	check("GetBaseline", err)
	_, err = s.ListBaselines(ctx, "P1")
	check("ListBaselines", err)
	check("DeleteBaseline", s.DeleteBaseline(ctx, "P1", 0))
	check("PutProgress", s.PutProgress(ctx, "P1", []cost.Progress{{Package: "PP-3", Date: day(2025, 1, 1)}}))
	_, err = s.ListProgress(ctx, "P1")
	check("ListProgress", err)
	check("DeleteProgress", s.DeleteProgress(ctx, "P1", []cost.ProgressKey{{Package: "WP-1.1", Date: day(2025, 3, 7)}}))
	check("PutActuals", s.PutActuals(ctx, "P1", fixtureActuals()[:1]))
	_, err = s.GetActual(ctx, "P1", "AC-001")
	check("GetActual", err)
	_, err = s.ListActuals(ctx, "P1", schedule.Page{})
	check("ListActuals", err)
	check("DeleteActuals", s.DeleteActuals(ctx, "P1", []string{"AC-001"}))
	_, err = s.LoadBreakdown(ctx, "P1")
	check("LoadBreakdown", err)
	_, err = s.LoadAnalysisInput(ctx, "P1")
	check("LoadAnalysisInput", err)

	// Nothing changed.
	live := t.Context()
	ps, err := s.ListProjects(live, schedule.Page{})
	require.NoError(t, err)
	assert.Equal(t, []string{"P1"}, ids(ps, projectID))
	assert.Equal(t, normElements(sortedElements(fixtureElements())), normElements(listElements(t, s, "P1")))
	assert.Len(t, listActuals(t, s, "P1"), len(fixtureActuals()))
	assert.Len(t, listProgress(t, s, "P1"), len(fixtureProgress()))
	hs, err := s.ListBaselines(live, "P1")
	require.NoError(t, err)
	assert.Len(t, hs, 2)
}

// Concurrency.

func testConcurrentWriters(t *testing.T, s cost.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	const writers, each = 8, 50
	var wg sync.WaitGroup
	errs := make(chan error, writers*each*2)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				a := cost.StoredActual{ID: fmt.Sprintf("W%d-%03d", w, i), ActualCost: cost.ActualCost{
					Code: "WP-1.2", Date: day(2025, 3, 1+i%28), Amount: dec(fmt.Sprintf("%d.%02d", i, w)), Type: cost.CostLabour}}
				if err := s.PutActuals(ctx, "P1", []cost.StoredActual{a}); err != nil {
					errs <- err
				}
				if err := s.PutProgress(ctx, "P1", []cost.Progress{{Package: "WP-1.2", Date: day(2026, 1, 1).AddDate(0, 0, w*each+i), Units: dec("1")}}); err != nil {
					errs <- err
				}
				if _, err := s.ListActuals(ctx, "P1", schedule.Page{Limit: 10}); err != nil {
					errs <- err
				}
				if _, err := s.LoadAnalysisInput(ctx, "P1"); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	assert.Len(t, listActuals(t, s, "P1"), len(fixtureActuals())+writers*each)
	assert.Len(t, listProgress(t, s, "P1"), len(fixtureProgress())+writers*each)
}

func testConcurrentProjectUpdates(t *testing.T, s cost.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	// Every goroutine retries on conflict; each update must land exactly once.
	const goroutines, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for done := 0; done < each; {
				p, err := s.GetProject(ctx, "P1")
				if err != nil {
					errs <- err
					return
				}
				p.ManagementReserve = p.ManagementReserve.Add(decimal.NewFromInt(1))
				if _, err := s.UpdateProject(ctx, p); err != nil {
					if errors.Is(err, lanyan.ErrConflict) {
						continue
					}
					errs <- err
					return
				}
				done++
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	p, err := s.GetProject(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, int64(1+goroutines*each), p.Version)
	assert.True(t, p.ManagementReserve.Equal(dec("30000").Add(decimal.NewFromInt(goroutines*each))), "%s", p.ManagementReserve)
}

// Bulk.

func testBulk(t *testing.T, s cost.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	const n = 100_000
	es := make([]cost.Element, 0, n+1)
	es = append(es, cost.Element{ID: "CA", Kind: cost.ControlAccount})
	for i := range n {
		es = append(es, cost.Element{ID: fmt.Sprintf("WP%06d", n-i), Kind: cost.WorkPackage, Parent: "CA",
			Budget: decimal.New(int64(i)*37+1, -2), Activities: []string{fmt.Sprintf("A%06d", i)},
			Technique: cost.Technique{Method: cost.PercentComplete}})
	}
	require.NoError(t, s.PutElements(ctx, "P1", es), "a batch of 100,000 elements")
	as := make([]cost.StoredActual, n)
	for i := range as {
		as[i] = cost.StoredActual{ID: fmt.Sprintf("AC%06d", i), ActualCost: cost.ActualCost{
			Code: fmt.Sprintf("WP%06d", i+1), Date: day(2025, 1, 1).AddDate(0, 0, i%1000), Amount: decimal.New(int64(i), -2), Type: cost.CostMaterial}}
	}
	require.NoError(t, s.PutActuals(ctx, "P1", as), "a batch of 100,000 actual costs")

	// Read them back in pages of 30,000.
	var got []string
	after := ""
	for {
		page, err := s.ListElements(ctx, "P1", schedule.Page{After: after, Limit: 30_000})
		require.NoError(t, err)
		got = append(got, ids(page, elementID)...)
		if len(page) < 30_000 {
			break
		}
		after = page[len(page)-1].ID
	}
	require.Len(t, got, n+1)
	assert.True(t, slices.IsSorted(got), "elements in id order")
	e, err := s.GetElement(ctx, "P1", "WP000001")
	require.NoError(t, err)
	assert.True(t, e.Budget.Equal(decimal.New(int64(n-1)*37+1, -2)))
	in, err := s.LoadBreakdown(ctx, "P1")
	require.NoError(t, err)
	assert.Len(t, in.Elements, n+1)
	assert.Len(t, listActuals(t, s, "P1"), n)
}
