// Package storetest checks that an implementation of [schedule.Store] behaves as
// the interface documents, in the spirit of testing/fstest.TestFS: round trips,
// ordering and paging, optimistic versions, errors, all-or-nothing batches,
// cascading deletes, isolation, cancellation, concurrent use and a batch of
// 100,000 activities.
//
// An implementation runs it from its own tests, giving a function that returns a
// new, empty store:
//
//	func TestSQLStore(t *testing.T) {
//		storetest.TestStore(t, func(t *testing.T) schedule.Store {
//			db := openEmptyTestDatabase(t) // closed by t.Cleanup
//			return sqlstore.New(db)
//		})
//	}
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// TestStore runs the conformance suite as subtests of t. newStore is called once
// per subtest and must return a new, empty store; it may register clean-up with
// t.Cleanup. The subtests do not run in parallel with each other, but several of
// them use one store from many goroutines.
func TestStore(t *testing.T, newStore func(t *testing.T) schedule.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s schedule.Store)
	}{
		{"CreateAndGetProject", testCreateAndGetProject},
		{"CreateProjectErrors", testCreateProjectErrors},
		{"ListProjects", testListProjects},
		{"UpdateProject", testUpdateProject},
		{"DeleteProjectCascades", testDeleteProjectCascades},
		{"MissingProject", testMissingProject},
		{"Calendars", testCalendars},
		{"CalendarErrors", testCalendarErrors},
		{"DeleteCalendarInUse", testDeleteCalendarInUse},
		{"Activities", testActivities},
		{"ListActivitiesPages", testListActivitiesPages},
		{"PutActivitiesAllOrNothing", testPutActivitiesAllOrNothing},
		{"DeleteActivities", testDeleteActivities},
		{"Links", testLinks},
		{"PutLinksAllOrNothing", testPutLinksAllOrNothing},
		{"LoadNetwork", testLoadNetwork},
		{"Results", testResults},
		{"Isolation", testIsolation},
		{"CanceledContext", testCanceledContext},
		{"ConcurrentActivityWriters", testConcurrentActivityWriters},
		{"ConcurrentProjectUpdates", testConcurrentProjectUpdates},
		{"ConsistentReads", testConsistentReads},
		{"BulkActivities", testBulkActivities},
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

func at(y int, m time.Month, d, hh, mm int) schedule.Instant {
	return schedule.AtTime(date.New(y, m, d), hh, mm)
}

func fixtureProject(id string) schedule.StoredProject {
	return schedule.StoredProject{
		Project: schedule.Project{
			ID:              id,
			Name:            "Riverside Tower 滨江大厦 " + id,
			Start:           at(2025, time.March, 3, 8, 0),
			DefaultCalendar: "std",
		},
		Options: schedule.Options{
			DataDate:      at(2025, time.June, 2, 8, 0),
			MustFinishBy:  at(2026, time.December, 31, 17, 0),
			LagCalendar:   schedule.LagSuccessor,
			FloatType:     schedule.SmallestFloat,
			CriticalFloat: 480,
			Progress:      schedule.ActualDates,
		},
	}
}

var workDay = []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}

// stdCalendar is a five-day week with a holiday and a make-up working Sunday.
func stdCalendar() schedule.Calendar {
	var w schedule.WorkWeek
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = slices.Clone(workDay)
	}
	w[time.Saturday] = []schedule.Period{}
	w[time.Sunday] = []schedule.Period{}
	return schedule.Calendar{
		ID:   "std",
		Name: "Standard 5-day",
		Week: w,
		Exceptions: []schedule.Exception{
			{Name: "National Day 国庆节", From: date.New(2025, time.October, 1), To: date.New(2025, time.October, 8)},
			{Name: "调休", From: date.New(2025, time.September, 28), To: date.New(2025, time.September, 28), Periods: slices.Clone(workDay)},
		},
		HoursPerDay: 8,
	}
}

// sixDayCalendar inherits from std: weekdays left nil, Saturday working, Sunday
// explicitly non-working (an empty, not nil, day).
func sixDayCalendar() schedule.Calendar {
	var w schedule.WorkWeek
	w[time.Saturday] = []schedule.Period{schedule.Span(8, 0, 12, 0)}
	w[time.Sunday] = []schedule.Period{}
	return schedule.Calendar{ID: "six", Name: "Six-day", Base: "std", Week: w, HoursPerDay: 7.5}
}

func fixtureActivities() []schedule.Activity {
	return []schedule.Activity{
		{ID: "W1", Name: "Substructure 地下结构", Kind: schedule.WBSSummary},
		{
			ID: "A1010", Name: "Site clearance 场地清理", Kind: schedule.Task, Calendar: "std", Parent: "W1",
			Duration:          5 * 480,
			Constraint:        schedule.Constraint{Type: schedule.StartNoEarlierThan, Date: at(2025, time.March, 4, 8, 0)},
			Constraint2:       schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: at(2025, time.March, 14, 17, 0)},
			ActualStart:       at(2025, time.March, 4, 8, 0),
			RemainingDuration: 960,
			PercentComplete:   62.5,
		},
		{ID: "A1020", Name: "Excavation", Calendar: "six", Parent: "W1", Duration: 10 * 450, RemainingDuration: -1},
		{
			ID: "A1030", Name: "Piling", Parent: "W1", Duration: 2400,
			ActualStart: at(2025, time.March, 5, 8, 0), ActualFinish: at(2025, time.March, 11, 17, 0),
			PercentComplete: 100,
		},
		{ID: "M1", Name: "Substructure complete", Kind: schedule.FinishMilestone,
			Constraint: schedule.Constraint{Type: schedule.MandatoryFinish, Date: at(2025, time.May, 30, 17, 0)}},
		{ID: "L1", Name: "Site management", Kind: schedule.LevelOfEffort},
	}
}

func fixtureLinks() []schedule.Link {
	return []schedule.Link{
		{Pred: "A1010", Succ: "A1020", Type: schedule.FS, Lag: 480},
		{Pred: "A1010", Succ: "A1030", Type: schedule.SS, Lag: -60, LagCalendar: schedule.Lag24Hour},
		{Pred: "A1020", Succ: "M1", Type: schedule.FF, LagPercent: 25},
		{Pred: "A1030", Succ: "M1", Type: schedule.FS},
		{Pred: "L1", Succ: "M1", Type: schedule.SF, Lag: 30, LagCalendar: schedule.LagProjectDefault},
	}
}

func fixtureResult() *schedule.Result {
	return &schedule.Result{
		Activities: []schedule.ActivityResult{
			{ID: "A1010", EarlyStart: at(2025, time.March, 4, 8, 0), EarlyFinish: at(2025, time.March, 10, 17, 0),
				LateStart: at(2025, time.March, 5, 8, 0), LateFinish: at(2025, time.March, 11, 17, 0),
				RemainingDuration: 960, TotalFloat: 480, FreeFloat: 0},
			{ID: "A1020", EarlyStart: at(2025, time.March, 11, 8, 0), EarlyFinish: at(2025, time.March, 24, 12, 0),
				LateStart: at(2025, time.March, 11, 8, 0), LateFinish: at(2025, time.March, 24, 12, 0),
				RemainingDuration: 4500, Critical: true, LongestPath: true},
		},
		Driving:       []bool{true, false, true},
		EarlyFinish:   at(2025, time.May, 30, 17, 0),
		LongestPath:   []string{"A1020", "M1"},
		MinutesPerDay: []int64{480, 450},
	}
}

// seed creates project id with the fixture calendars, activities and links.
func seed(t *testing.T, s schedule.Store, id string) {
	t.Helper()
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject(id))
	require.NoError(t, err, "CreateProject")
	require.NoError(t, s.PutCalendar(ctx, id, stdCalendar()), "PutCalendar std")
	require.NoError(t, s.PutCalendar(ctx, id, sixDayCalendar()), "PutCalendar six")
	require.NoError(t, s.PutActivities(ctx, id, fixtureActivities()), "PutActivities")
	require.NoError(t, s.PutLinks(ctx, id, fixtureLinks()), "PutLinks")
}

// Comparison helpers: nil and empty slices are equivalent everywhere except in a
// calendar's week, and an exception's zero To means its From.

func normCalendar(c schedule.Calendar) schedule.Calendar {
	if len(c.Exceptions) == 0 {
		c.Exceptions = nil
	} else {
		es := make([]schedule.Exception, len(c.Exceptions))
		for i, e := range c.Exceptions {
			if e.To == 0 {
				e.To = e.From
			}
			if len(e.Periods) == 0 {
				e.Periods = nil
			}
			es[i] = e
		}
		c.Exceptions = es
	}
	return c
}

func normCalendars(cs []schedule.Calendar) []schedule.Calendar {
	if len(cs) == 0 {
		return nil
	}
	out := make([]schedule.Calendar, len(cs))
	for i, c := range cs {
		out[i] = normCalendar(c)
	}
	return out
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func normNetwork(n *schedule.Network) schedule.Network {
	return schedule.Network{
		Project:    n.Project,
		Options:    n.Options,
		Calendars:  normCalendars(n.Calendars),
		Activities: nilIfEmpty(n.Activities),
		Links:      nilIfEmpty(n.Links),
	}
}

func normResult(r *schedule.Result) schedule.Result {
	c := *r
	c.Activities = nilIfEmpty(c.Activities)
	c.Driving = nilIfEmpty(c.Driving)
	c.LongestPath = nilIfEmpty(c.LongestPath)
	c.MinutesPerDay = nilIfEmpty(c.MinutesPerDay)
	return c
}

func sortedActivities(as []schedule.Activity) []schedule.Activity {
	as = slices.Clone(as)
	slices.SortFunc(as, func(a, b schedule.Activity) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return as
}

func sortedLinks(ls []schedule.Link) []schedule.Link {
	ls = slices.Clone(ls)
	slices.SortFunc(ls, func(a, b schedule.Link) int {
		switch {
		case a.Pred < b.Pred:
			return -1
		case a.Pred > b.Pred:
			return 1
		case a.Succ < b.Succ:
			return -1
		case a.Succ > b.Succ:
			return 1
		}
		return 0
	})
	return ls
}

func activityIDs(as []schedule.Activity) []string {
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	return ids
}

func projectIDs(ps []schedule.StoredProject) []string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

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

func listAll(t *testing.T, s schedule.Store, projectID string) []schedule.Activity {
	t.Helper()
	as, err := s.ListActivities(t.Context(), projectID, schedule.Page{})
	require.NoError(t, err, "ListActivities")
	return as
}

func loadNetwork(t *testing.T, s schedule.Store, projectID string) schedule.Network {
	t.Helper()
	n, err := s.LoadNetwork(t.Context(), projectID)
	require.NoError(t, err, "LoadNetwork")
	require.NotNil(t, n, "LoadNetwork")
	return normNetwork(n)
}

// Projects.

func testCreateAndGetProject(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	in := fixtureProject("P1")
	in.Version = 42 // ignored
	got, err := s.CreateProject(ctx, in)
	require.NoError(t, err)
	want := fixtureProject("P1")
	want.Version = 1
	assert.Equal(t, want, got, "CreateProject result")

	got, err = s.GetProject(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, want, got, "GetProject")

	_, err = s.GetProject(ctx, "P2")
	requireError(t, err, lanyan.ErrNotFound, `project "P2"`, "")
}

func testCreateProjectErrors(t *testing.T, s schedule.Store) {
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

	ps, err := s.ListProjects(ctx, schedule.Page{})
	require.NoError(t, err)
	assert.Equal(t, []string{"P1"}, projectIDs(ps))
}

func testListProjects(t *testing.T, s schedule.Store) {
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
	assert.Equal(t, want, projectIDs(ps), "ListProjects with no limit")
	for _, p := range ps {
		w := fixtureProject(p.ID)
		w.Version = 1
		assert.Equal(t, w, p)
	}

	var pages [][]string
	after := ""
	for range 10 {
		ps, err := s.ListProjects(ctx, schedule.Page{After: after, Limit: 4})
		require.NoError(t, err)
		pages = append(pages, projectIDs(ps))
		if len(ps) < 4 {
			break
		}
		after = ps[len(ps)-1].ID
	}
	assert.Equal(t, [][]string{{"P10", "P2", "Q", "_z"}, {"p1", "Ä"}}, pages, "pages of 4")

	ps, err = s.ListProjects(ctx, schedule.Page{After: "P3", Limit: 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"Q", "_z"}, projectIDs(ps), "page after an id that is not stored")

	ps, err = s.ListProjects(ctx, schedule.Page{After: "Ä", Limit: 2})
	require.NoError(t, err)
	assert.Empty(t, ps, "page after the last id")

	_, err = s.ListProjects(ctx, schedule.Page{Limit: -1})
	requireError(t, err, lanyan.ErrInvalid, "", "", "negative limit")
}

func testUpdateProject(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	p, err := s.GetProject(ctx, "P1")
	require.NoError(t, err)
	require.Equal(t, int64(1), p.Version)

	p.Name = "Renamed"
	p.DataDate = at(2025, time.July, 1, 8, 0)
	p.FloatType = schedule.FinishFloat
	got, err := s.UpdateProject(ctx, p)
	require.NoError(t, err)
	want := p
	want.Version = 2
	assert.Equal(t, want, got, "UpdateProject result")
	got, err = s.GetProject(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, want, got, "GetProject after update")

	// p still carries version 1: stale.
	stale := p
	stale.Name = "Lost update"
	_, err = s.UpdateProject(ctx, stale)
	requireError(t, err, lanyan.ErrConflict, `project "P1"`, "", "update from a stale version")
	got, err = s.GetProject(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, want, got, "a stale update changed the project")

	ahead := want
	ahead.Version = 7
	_, err = s.UpdateProject(ctx, ahead)
	requireError(t, err, lanyan.ErrConflict, `project "P1"`, "", "update from a version never stored")

	next := want
	next.Name = "Again"
	got, err = s.UpdateProject(ctx, next)
	require.NoError(t, err)
	assert.Equal(t, int64(3), got.Version)

	missing := fixtureProject("P9")
	missing.Version = 1
	_, err = s.UpdateProject(ctx, missing)
	requireError(t, err, lanyan.ErrNotFound, `project "P9"`, "", "update of a missing project")

	// The project's contents are not touched by updates.
	n := loadNetwork(t, s, "P1")
	assert.Len(t, n.Calendars, 2)
	assert.Len(t, n.Activities, len(fixtureActivities()))
	assert.Len(t, n.Links, len(fixtureLinks()))
}

func testDeleteProjectCascades(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	seed(t, s, "P2")
	require.NoError(t, s.SaveResult(ctx, "P1", fixtureResult()))

	require.NoError(t, s.DeleteProject(ctx, "P1"))
	_, err := s.GetProject(ctx, "P1")
	requireError(t, err, lanyan.ErrNotFound, `project "P1"`, "")
	_, err = s.LoadNetwork(ctx, "P1")
	requireError(t, err, lanyan.ErrNotFound, `project "P1"`, "")
	err = s.DeleteProject(ctx, "P1")
	requireError(t, err, lanyan.ErrNotFound, `project "P1"`, "", "second delete")

	ps, err := s.ListProjects(ctx, schedule.Page{})
	require.NoError(t, err)
	assert.Equal(t, []string{"P2"}, projectIDs(ps))

	// The other project is untouched.
	n := loadNetwork(t, s, "P2")
	assert.Len(t, n.Calendars, 2)
	assert.Len(t, n.Activities, len(fixtureActivities()))
	assert.Len(t, n.Links, len(fixtureLinks()))

	// A new project with the same id starts empty: nothing was left behind.
	created, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	assert.Equal(t, int64(1), created.Version)
	n = loadNetwork(t, s, "P1")
	assert.Empty(t, n.Calendars, "calendars left behind")
	assert.Empty(t, n.Activities, "activities left behind")
	assert.Empty(t, n.Links, "links left behind")
	_, err = s.GetActivity(ctx, "P1", "A1010")
	requireError(t, err, lanyan.ErrNotFound, `activity "A1010"`, "")
	_, err = s.GetCalendar(ctx, "P1", "std")
	requireError(t, err, lanyan.ErrNotFound, `calendar "std"`, "")
	_, err = s.LoadResult(ctx, "P1")
	requireError(t, err, lanyan.ErrNotFound, `project "P1"`, "result", "result left behind")
}

func testMissingProject(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	const id = "nope"
	calls := map[string]func() error{
		"GetProject":       func() error { _, err := s.GetProject(ctx, id); return err },
		"DeleteProject":    func() error { return s.DeleteProject(ctx, id) },
		"PutCalendar":      func() error { return s.PutCalendar(ctx, id, stdCalendar()) },
		"GetCalendar":      func() error { _, err := s.GetCalendar(ctx, id, "std"); return err },
		"ListCalendars":    func() error { _, err := s.ListCalendars(ctx, id); return err },
		"DeleteCalendar":   func() error { return s.DeleteCalendar(ctx, id, "std") },
		"PutActivities":    func() error { return s.PutActivities(ctx, id, []schedule.Activity{{ID: "A"}}) },
		"GetActivity":      func() error { _, err := s.GetActivity(ctx, id, "A1010"); return err },
		"ListActivities":   func() error { _, err := s.ListActivities(ctx, id, schedule.Page{}); return err },
		"DeleteActivities": func() error { return s.DeleteActivities(ctx, id, []string{"A1010"}) },
		"PutLinks":         func() error { return s.PutLinks(ctx, id, fixtureLinks()[:1]) },
		"ListLinks":        func() error { _, err := s.ListLinks(ctx, id); return err },
		"DeleteLinks":      func() error { return s.DeleteLinks(ctx, id, []schedule.LinkKey{{Pred: "A1010", Succ: "A1020"}}) },
		"LoadNetwork":      func() error { _, err := s.LoadNetwork(ctx, id); return err },
		"SaveResult":       func() error { return s.SaveResult(ctx, id, fixtureResult()) },
		"LoadResult":       func() error { _, err := s.LoadResult(ctx, id); return err },
		"UpdateProject": func() error {
			p := fixtureProject(id)
			p.Version = 1
			_, err := s.UpdateProject(ctx, p)
			return err
		},
	}
	names := make([]string, 0, len(calls))
	for name := range calls {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		requireError(t, calls[name](), lanyan.ErrNotFound, `project "nope"`, "", name)
	}
	ps, err := s.ListProjects(ctx, schedule.Page{})
	require.NoError(t, err)
	assert.Equal(t, []string{"P1"}, projectIDs(ps), "calls on a missing project created one")
}

// Calendars.

func testCalendars(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	cs, err := s.ListCalendars(ctx, "P1")
	require.NoError(t, err)
	assert.Empty(t, cs, "ListCalendars of a new project")

	// A single-day exception with a zero To, and a calendar with no exceptions.
	std := stdCalendar()
	std.Exceptions = append(std.Exceptions, schedule.Exception{Name: "New Year", From: date.New(2026, time.January, 1)})
	require.NoError(t, s.PutCalendar(ctx, "P1", std))
	require.NoError(t, s.PutCalendar(ctx, "P1", sixDayCalendar()))
	night := schedule.Calendar{ID: "N", Name: "Night shift", Base: "six"}
	night.Week[time.Monday] = []schedule.Period{schedule.Span(0, 0, 6, 0), schedule.Span(22, 0, 24, 0)}
	require.NoError(t, s.PutCalendar(ctx, "P1", night))

	got, err := s.GetCalendar(ctx, "P1", "std")
	require.NoError(t, err)
	assert.Equal(t, normCalendar(std), normCalendar(got), "GetCalendar std")
	got, err = s.GetCalendar(ctx, "P1", "six")
	require.NoError(t, err)
	assert.Equal(t, normCalendar(sixDayCalendar()), normCalendar(got), "GetCalendar six")
	for d := time.Sunday; d <= time.Saturday; d++ {
		want := sixDayCalendar().Week[d]
		assert.Equal(t, want == nil, got.Week[d] == nil, "six.Week[%s]: nil (inherit) and empty (non-working) must stay apart", d)
	}

	cs, err = s.ListCalendars(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, normCalendars([]schedule.Calendar{night, sixDayCalendar(), std}), normCalendars(cs), "ListCalendars in id order")

	// Replace.
	six := sixDayCalendar()
	six.Name = "Six-day, replaced"
	six.Week[time.Saturday] = []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 15, 0)}
	six.Exceptions = []schedule.Exception{{Name: "Typhoon", From: date.New(2025, time.August, 4), To: date.New(2025, time.August, 5)}}
	require.NoError(t, s.PutCalendar(ctx, "P1", six))
	got, err = s.GetCalendar(ctx, "P1", "six")
	require.NoError(t, err)
	assert.Equal(t, normCalendar(six), normCalendar(got), "GetCalendar after replace")
	cs, err = s.ListCalendars(ctx, "P1")
	require.NoError(t, err)
	assert.Len(t, cs, 3, "replacing added a calendar")

	// Delete.
	require.NoError(t, s.DeleteCalendar(ctx, "P1", "N"))
	_, err = s.GetCalendar(ctx, "P1", "N")
	requireError(t, err, lanyan.ErrNotFound, `calendar "N"`, "")
	err = s.DeleteCalendar(ctx, "P1", "N")
	requireError(t, err, lanyan.ErrNotFound, `calendar "N"`, "", "second delete")
	cs, err = s.ListCalendars(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, normCalendars([]schedule.Calendar{six, std}), normCalendars(cs))

	// Calendars belong to their project.
	_, err = s.CreateProject(ctx, fixtureProject("P2"))
	require.NoError(t, err)
	_, err = s.GetCalendar(ctx, "P2", "std")
	requireError(t, err, lanyan.ErrNotFound, `calendar "std"`, "", "calendar of another project")
	err = s.PutCalendar(ctx, "P2", sixDayCalendar())
	requireError(t, err, lanyan.ErrNotFound, `calendar "six"`, "base", "base calendar of another project")
}

func testCalendarErrors(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)

	err = s.PutCalendar(ctx, "P1", sixDayCalendar())
	requireError(t, err, lanyan.ErrNotFound, `calendar "six"`, "base", "base not stored")
	empty := stdCalendar()
	empty.ID = ""
	err = s.PutCalendar(ctx, "P1", empty)
	requireError(t, err, lanyan.ErrInvalid, "", "id", "empty id")
	_, err = s.GetCalendar(ctx, "P1", "std")
	requireError(t, err, lanyan.ErrNotFound, `calendar "std"`, "")
	err = s.DeleteCalendar(ctx, "P1", "std")
	requireError(t, err, lanyan.ErrNotFound, `calendar "std"`, "")

	cs, err := s.ListCalendars(ctx, "P1")
	require.NoError(t, err)
	assert.Empty(t, cs, "failed puts stored a calendar")
}

func testDeleteCalendarInUse(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	before := loadNetwork(t, s, "P1")

	err := s.DeleteCalendar(ctx, "P1", "std") // base of six, calendar of A1010
	requireError(t, err, lanyan.ErrConflict, `calendar "std"`, "", "delete a calendar in use")
	err = s.DeleteCalendar(ctx, "P1", "six") // calendar of A1020
	requireError(t, err, lanyan.ErrConflict, `calendar "six"`, "", "delete a calendar in use")
	assert.Equal(t, before, loadNetwork(t, s, "P1"), "a refused delete changed the network")

	// Once nothing refers to them they can go, derived calendar first.
	as := fixtureActivities()
	as[1].Calendar = ""
	as[2].Calendar = ""
	require.NoError(t, s.PutActivities(ctx, "P1", as))
	require.NoError(t, s.DeleteCalendar(ctx, "P1", "six"))
	require.NoError(t, s.DeleteCalendar(ctx, "P1", "std"))
	cs, err := s.ListCalendars(ctx, "P1")
	require.NoError(t, err)
	assert.Empty(t, cs)
}

// Activities.

func testActivities(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	for _, want := range fixtureActivities() {
		got, err := s.GetActivity(ctx, "P1", want.ID)
		require.NoError(t, err, "GetActivity %q", want.ID)
		assert.Equal(t, want, got, "GetActivity %q", want.ID)
	}
	assert.Equal(t, sortedActivities(fixtureActivities()), listAll(t, s, "P1"), "ListActivities")

	_, err := s.GetActivity(ctx, "P1", "A9999")
	requireError(t, err, lanyan.ErrNotFound, `activity "A9999"`, "")

	// Upsert: replace two, add one; the others stay as they were.
	a1010 := fixtureActivities()[1]
	a1010.Name = "Site clearance (revised)"
	a1010.Duration = 3 * 480
	a1010.Calendar = ""
	a1010.PercentComplete = 80
	a1020 := fixtureActivities()[2]
	a1020.Parent = ""
	added := schedule.Activity{ID: "A1040", Name: "Pile caps", Parent: "W1", Duration: 960}
	require.NoError(t, s.PutActivities(ctx, "P1", []schedule.Activity{added, a1010, a1020}))

	want := fixtureActivities()
	want[1] = a1010
	want[2] = a1020
	want = append(want, added)
	assert.Equal(t, sortedActivities(want), listAll(t, s, "P1"), "ListActivities after upsert")

	// An empty batch changes nothing.
	require.NoError(t, s.PutActivities(ctx, "P1", nil))
	assert.Equal(t, sortedActivities(want), listAll(t, s, "P1"), "ListActivities after an empty batch")

	// A parent later in the same batch is fine.
	require.NoError(t, s.PutActivities(ctx, "P1", []schedule.Activity{
		{ID: "B1", Parent: "W2", Duration: 60},
		{ID: "W2", Kind: schedule.WBSSummary, Parent: "W1"},
	}))
	b1, err := s.GetActivity(ctx, "P1", "B1")
	require.NoError(t, err)
	assert.Equal(t, "W2", b1.Parent)

	// Activities belong to their project.
	_, err = s.CreateProject(ctx, fixtureProject("P2"))
	require.NoError(t, err)
	_, err = s.GetActivity(ctx, "P2", "A1010")
	requireError(t, err, lanyan.ErrNotFound, `activity "A1010"`, "", "activity of another project")
	err = s.PutActivities(ctx, "P2", []schedule.Activity{{ID: "X", Parent: "W1"}})
	requireError(t, err, lanyan.ErrNotFound, `activity "X"`, "parent", "parent in another project")
	assert.Empty(t, listAll(t, s, "P2"))
}

func testListActivitiesPages(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	assert.Empty(t, listAll(t, s, "P1"), "ListActivities of a new project")

	ids := []string{"a0100", "A200", "A1010", "Ä1", "_x", "Z", "A1010a", "B", "A2", "0"}
	want := []string{"0", "A1010", "A1010a", "A2", "A200", "B", "Z", "_x", "a0100", "Ä1"}
	as := make([]schedule.Activity, len(ids))
	for i, id := range ids {
		as[i] = schedule.Activity{ID: id, Name: "n" + id, Duration: int64(i) * 60}
	}
	require.NoError(t, s.PutActivities(ctx, "P1", as))
	assert.Equal(t, want, activityIDs(listAll(t, s, "P1")), "byte order")

	for _, limit := range []int{1, 3, 4, 9, 10, 11} {
		var got []string
		pages := 0
		after := ""
		for pages < 20 {
			page, err := s.ListActivities(ctx, "P1", schedule.Page{After: after, Limit: limit})
			require.NoError(t, err)
			require.LessOrEqual(t, len(page), limit, "page longer than the limit")
			pages++
			got = append(got, activityIDs(page)...)
			if len(page) < limit {
				break
			}
			after = page[len(page)-1].ID
		}
		assert.Equal(t, want, got, "all pages with limit %d", limit)
		assert.Equal(t, len(want)/limit+1, pages, "pages with limit %d", limit)
	}

	page, err := s.ListActivities(ctx, "P1", schedule.Page{After: "A1010", Limit: 3})
	require.NoError(t, err)
	assert.Equal(t, []string{"A1010a", "A2", "A200"}, activityIDs(page))
	page, err = s.ListActivities(ctx, "P1", schedule.Page{After: "A3"}) // not stored
	require.NoError(t, err)
	assert.Equal(t, []string{"B", "Z", "_x", "a0100", "Ä1"}, activityIDs(page))
	page, err = s.ListActivities(ctx, "P1", schedule.Page{After: "Ä1", Limit: 5})
	require.NoError(t, err)
	assert.Empty(t, page)

	// Paging carries on past a record deleted between pages.
	page, err = s.ListActivities(ctx, "P1", schedule.Page{Limit: 2})
	require.NoError(t, err)
	require.Equal(t, []string{"0", "A1010"}, activityIDs(page))
	require.NoError(t, s.DeleteActivities(ctx, "P1", []string{"A1010"}))
	page, err = s.ListActivities(ctx, "P1", schedule.Page{After: "A1010", Limit: 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"A1010a", "A2"}, activityIDs(page))

	_, err = s.ListActivities(ctx, "P1", schedule.Page{Limit: -5})
	requireError(t, err, lanyan.ErrInvalid, "", "", "negative limit")
}

func testPutActivitiesAllOrNothing(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	before := loadNetwork(t, s, "P1")

	// Each batch starts with good rows (a change to a stored activity and a new
	// one) that must not be applied.
	good := func() []schedule.Activity {
		a := fixtureActivities()[1]
		a.Name = "must not be stored"
		return []schedule.Activity{a, {ID: "NEW1", Parent: "W1"}, {ID: "NEW2", Parent: "NEW1"}}
	}
	tests := []struct {
		name     string
		bad      schedule.Activity
		sentinel error
		record   string
		field    string
	}{
		{"empty id", schedule.Activity{Name: "no id"}, lanyan.ErrInvalid, "activity 3", "id"},
		{"id twice", schedule.Activity{ID: "NEW1"}, lanyan.ErrInvalid, `activity "NEW1"`, "id"},
		{"unknown parent", schedule.Activity{ID: "BAD", Parent: "W404"}, lanyan.ErrNotFound, `activity "BAD"`, "parent"},
		{"unknown calendar", schedule.Activity{ID: "BAD", Calendar: "cal404"}, lanyan.ErrNotFound, `activity "BAD"`, "calendar"},
	}
	for _, tt := range tests {
		batch := append(good(), tt.bad)
		batch = append(batch, schedule.Activity{ID: "NEW3"})
		err := s.PutActivities(ctx, "P1", batch)
		requireError(t, err, tt.sentinel, tt.record, tt.field, tt.name)
		assert.Equal(t, before, loadNetwork(t, s, "P1"), "%s: a rejected batch changed the store", tt.name)
		_, err = s.GetActivity(ctx, "P1", "NEW1")
		requireError(t, err, lanyan.ErrNotFound, `activity "NEW1"`, "", "%s: a row of a rejected batch was stored", tt.name)
	}

	// A big batch with its bad row near the end is rejected whole too.
	big := make([]schedule.Activity, 10000)
	for i := range big {
		big[i] = schedule.Activity{ID: fmt.Sprintf("BIG%05d", i), Parent: "W1", Duration: 480}
	}
	big[9990].Parent = "nowhere"
	err := s.PutActivities(ctx, "P1", big)
	requireError(t, err, lanyan.ErrNotFound, `activity "BIG09990"`, "parent", "big batch")
	assert.Equal(t, before, loadNetwork(t, s, "P1"), "a rejected big batch changed the store")
}

func testDeleteActivities(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	before := loadNetwork(t, s, "P1")

	// W1 is the parent of A1010, A1020 and A1030, which stay: refused, whole.
	err := s.DeleteActivities(ctx, "P1", []string{"L1", "W1", "A1010"})
	requireError(t, err, lanyan.ErrConflict, `activity "W1"`, "", "delete a parent whose children stay")
	assert.Equal(t, before, loadNetwork(t, s, "P1"), "a refused delete changed the store")

	// Deleting an activity deletes its links; unknown ids are ignored.
	require.NoError(t, s.DeleteActivities(ctx, "P1", []string{"A1010", "nope", "L1"}))
	_, err = s.GetActivity(ctx, "P1", "A1010")
	requireError(t, err, lanyan.ErrNotFound, `activity "A1010"`, "")
	assert.Equal(t, []string{"A1020", "A1030", "M1", "W1"}, activityIDs(listAll(t, s, "P1")))
	ls, err := s.ListLinks(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, []schedule.Link{fixtureLinks()[2], fixtureLinks()[3]}, ls, "links left after deleting A1010 and L1")

	// A parent goes with its children.
	require.NoError(t, s.DeleteActivities(ctx, "P1", []string{"A1030", "W1", "A1020"}))
	assert.Equal(t, []string{"M1"}, activityIDs(listAll(t, s, "P1")))
	ls, err = s.ListLinks(ctx, "P1")
	require.NoError(t, err)
	assert.Empty(t, ls)

	require.NoError(t, s.DeleteActivities(ctx, "P1", nil), "empty delete")
	require.NoError(t, s.DeleteActivities(ctx, "P1", []string{"gone"}), "delete of unknown ids")
	assert.Equal(t, []string{"M1"}, activityIDs(listAll(t, s, "P1")))

	// Re-adding an id gives a fresh activity, without the old links.
	require.NoError(t, s.PutActivities(ctx, "P1", []schedule.Activity{{ID: "A1010", Name: "back"}}))
	got, err := s.GetActivity(ctx, "P1", "A1010")
	require.NoError(t, err)
	assert.Equal(t, schedule.Activity{ID: "A1010", Name: "back"}, got)
	ls, err = s.ListLinks(ctx, "P1")
	require.NoError(t, err)
	assert.Empty(t, ls)
}

// Links.

func testLinks(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	ls, err := s.ListLinks(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, sortedLinks(fixtureLinks()), ls, "ListLinks")

	// Upsert by (Pred, Succ): replace one, add one, keep the rest.
	changed := schedule.Link{Pred: "A1010", Succ: "A1020", Type: schedule.SS, Lag: -120, LagCalendar: schedule.LagPredecessor}
	added := schedule.Link{Pred: "W1", Succ: "A1010", Type: schedule.FS}
	reverse := schedule.Link{Pred: "A1020", Succ: "A1010", Type: schedule.FS} // a different key
	require.NoError(t, s.PutLinks(ctx, "P1", []schedule.Link{changed, added, reverse}))
	want := fixtureLinks()
	want[0] = changed
	want = append(want, added, reverse)
	ls, err = s.ListLinks(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, sortedLinks(want), ls, "ListLinks after upsert")

	// Delete by key; unknown keys are ignored.
	require.NoError(t, s.DeleteLinks(ctx, "P1", []schedule.LinkKey{
		{Pred: "A1020", Succ: "A1010"}, {Pred: "A1010", Succ: "A1030"}, {Pred: "x", Succ: "y"},
	}))
	want = slices.DeleteFunc(want, func(l schedule.Link) bool {
		return l == reverse || l == fixtureLinks()[1]
	})
	ls, err = s.ListLinks(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, sortedLinks(want), ls, "ListLinks after delete")
	require.NoError(t, s.DeleteLinks(ctx, "P1", nil), "empty delete")

	// Links belong to their project.
	_, err = s.CreateProject(ctx, fixtureProject("P2"))
	require.NoError(t, err)
	ls, err = s.ListLinks(ctx, "P2")
	require.NoError(t, err)
	assert.Empty(t, ls)
	err = s.PutLinks(ctx, "P2", fixtureLinks()[:1])
	requireError(t, err, lanyan.ErrNotFound, "", "pred", "link between activities of another project")
}

func testPutLinksAllOrNothing(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	before := loadNetwork(t, s, "P1")
	good := []schedule.Link{
		{Pred: "A1010", Succ: "A1020", Type: schedule.SF, Lag: 1}, // a change
		{Pred: "W1", Succ: "M1"},                                  // new
	}
	tests := []struct {
		name     string
		bad      schedule.Link
		sentinel error
		field    string
	}{
		{"empty pred", schedule.Link{Succ: "M1"}, lanyan.ErrInvalid, "pred"},
		{"empty succ", schedule.Link{Pred: "M1"}, lanyan.ErrInvalid, "succ"},
		{"unknown pred", schedule.Link{Pred: "X404", Succ: "M1"}, lanyan.ErrNotFound, "pred"},
		{"unknown succ", schedule.Link{Pred: "M1", Succ: "X404"}, lanyan.ErrNotFound, "succ"},
		{"pair twice", schedule.Link{Pred: "W1", Succ: "M1", Lag: 5}, lanyan.ErrInvalid, ""},
	}
	for _, tt := range tests {
		batch := append(slices.Clone(good), tt.bad, schedule.Link{Pred: "L1", Succ: "A1010"})
		err := s.PutLinks(ctx, "P1", batch)
		requireError(t, err, tt.sentinel, "", tt.field, tt.name)
		assert.Equal(t, before, loadNetwork(t, s, "P1"), "%s: a rejected batch changed the store", tt.name)
	}
}

// Networks and results.

func testLoadNetwork(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	assert.Equal(t, schedule.Network{
		Project: fixtureProject("P1").Project,
		Options: fixtureProject("P1").Options,
	}, loadNetwork(t, s, "P1"), "network of a new project")

	require.NoError(t, s.PutCalendar(ctx, "P1", stdCalendar()))
	require.NoError(t, s.PutCalendar(ctx, "P1", sixDayCalendar()))
	// Put in an order other than the one LoadNetwork returns.
	as := fixtureActivities()
	slices.Reverse(as)
	require.NoError(t, s.PutActivities(ctx, "P1", as))
	ls := fixtureLinks()
	slices.Reverse(ls)
	require.NoError(t, s.PutLinks(ctx, "P1", ls))

	want := schedule.Network{
		Project:    fixtureProject("P1").Project,
		Options:    fixtureProject("P1").Options,
		Calendars:  normCalendars([]schedule.Calendar{sixDayCalendar(), stdCalendar()}),
		Activities: sortedActivities(fixtureActivities()),
		Links:      sortedLinks(fixtureLinks()),
	}
	got := loadNetwork(t, s, "P1")
	assert.Equal(t, want, got, "LoadNetwork")

	// It follows updates of the project record.
	p, err := s.GetProject(ctx, "P1")
	require.NoError(t, err)
	p.DataDate = at(2025, time.September, 1, 8, 0)
	p.Start = at(2025, time.March, 10, 8, 0)
	_, err = s.UpdateProject(ctx, p)
	require.NoError(t, err)
	want.Project.Start = p.Start
	want.Options.DataDate = p.DataDate
	assert.Equal(t, want, loadNetwork(t, s, "P1"), "LoadNetwork after UpdateProject")
}

func testResults(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	seed(t, s, "P2")
	_, err := s.LoadResult(ctx, "P1")
	requireError(t, err, lanyan.ErrNotFound, `project "P1"`, "result", "LoadResult before any save")

	r := fixtureResult()
	require.NoError(t, s.SaveResult(ctx, "P1", r))
	got, err := s.LoadResult(ctx, "P1")
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Equal(t, normResult(fixtureResult()), normResult(got), "LoadResult")
	_, err = s.LoadResult(ctx, "P2")
	requireError(t, err, lanyan.ErrNotFound, `project "P2"`, "result", "result of another project")

	// Saving replaces.
	r2 := &schedule.Result{
		Activities:  []schedule.ActivityResult{{ID: "M1", EarlyStart: at(2025, time.June, 6, 17, 0), EarlyFinish: at(2025, time.June, 6, 17, 0), TotalFloat: -480, Critical: true}},
		EarlyFinish: at(2025, time.June, 6, 17, 0),
	}
	require.NoError(t, s.SaveResult(ctx, "P1", r2))
	got, err = s.LoadResult(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, normResult(r2), normResult(got), "LoadResult after a second save")

	// An empty result round-trips too.
	require.NoError(t, s.SaveResult(ctx, "P1", &schedule.Result{}))
	got, err = s.LoadResult(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, schedule.Result{}, normResult(got), "empty result")

	err = s.SaveResult(ctx, "P1", nil)
	requireError(t, err, lanyan.ErrInvalid, "", "", "SaveResult(nil)")
	got, err = s.LoadResult(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, schedule.Result{}, normResult(got), "a refused save changed the result")

	// The result does not change the network.
	want := loadNetwork(t, s, "P2")
	require.NoError(t, s.SaveResult(ctx, "P2", fixtureResult()))
	assert.Equal(t, want, loadNetwork(t, s, "P2"))
}

// Isolation: values passed in or returned are not shared with the store.
func testIsolation(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)

	cal := stdCalendar()
	require.NoError(t, s.PutCalendar(ctx, "P1", cal))
	cal.Week[time.Monday][0] = schedule.Span(0, 0, 1, 0)
	cal.Exceptions[0].Name = "changed"
	cal.Exceptions[1].Periods[0] = schedule.Span(0, 0, 1, 0)
	got, err := s.GetCalendar(ctx, "P1", "std")
	require.NoError(t, err)
	assert.Equal(t, normCalendar(stdCalendar()), normCalendar(got), "changing a calendar after PutCalendar")
	got.Week[time.Tuesday][0] = schedule.Span(0, 0, 1, 0)
	got.Exceptions[1].Periods[0] = schedule.Span(0, 0, 1, 0)
	cs, err := s.ListCalendars(ctx, "P1")
	require.NoError(t, err)
	require.Len(t, cs, 1)
	assert.Equal(t, normCalendar(stdCalendar()), normCalendar(cs[0]), "changing a calendar from GetCalendar")
	cs[0].Week[time.Wednesday][1] = schedule.Span(0, 0, 1, 0)
	n, err := s.LoadNetwork(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, normCalendar(stdCalendar()), normCalendar(n.Calendars[0]), "changing a calendar from ListCalendars")
	n.Calendars[0].Week[time.Thursday][1] = schedule.Span(0, 0, 1, 0)
	got, err = s.GetCalendar(ctx, "P1", "std")
	require.NoError(t, err)
	assert.Equal(t, normCalendar(stdCalendar()), normCalendar(got), "changing a calendar from LoadNetwork")

	as := fixtureActivities()
	require.NoError(t, s.PutCalendar(ctx, "P1", sixDayCalendar()))
	require.NoError(t, s.PutActivities(ctx, "P1", as))
	as[0].Name = "changed"
	list := listAll(t, s, "P1")
	assert.Equal(t, sortedActivities(fixtureActivities()), list, "changing the batch after PutActivities")
	list[0].Name = "changed"
	assert.Equal(t, sortedActivities(fixtureActivities()), listAll(t, s, "P1"), "changing activities from ListActivities")

	r := fixtureResult()
	require.NoError(t, s.SaveResult(ctx, "P1", r))
	r.Activities[0].TotalFloat = 1
	r.Driving[0] = false
	r.LongestPath[0] = "changed"
	got2, err := s.LoadResult(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, normResult(fixtureResult()), normResult(got2), "changing a result after SaveResult")
	got2.Activities[0].TotalFloat = 2
	got2.Driving[1] = true
	got2.MinutesPerDay[0] = 1
	got3, err := s.LoadResult(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, normResult(fixtureResult()), normResult(got3), "changing a result from LoadResult")
}

func testCanceledContext(t *testing.T, s schedule.Store) {
	seed(t, s, "P1")
	before := loadNetwork(t, s, "P1")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()

	writes := map[string]func() error{
		"CreateProject": func() error { _, err := s.CreateProject(ctx, fixtureProject("P2")); return err },
		"UpdateProject": func() error {
			p := fixtureProject("P1")
			p.Name = "canceled"
			p.Version = 1
			_, err := s.UpdateProject(ctx, p)
			return err
		},
		"PutCalendar":      func() error { c := stdCalendar(); c.ID = "c2"; return s.PutCalendar(ctx, "P1", c) },
		"PutActivities":    func() error { return s.PutActivities(ctx, "P1", []schedule.Activity{{ID: "NEW"}}) },
		"DeleteActivities": func() error { return s.DeleteActivities(ctx, "P1", []string{"L1"}) },
		"PutLinks":         func() error { return s.PutLinks(ctx, "P1", []schedule.Link{{Pred: "W1", Succ: "M1"}}) },
		"DeleteLinks":      func() error { return s.DeleteLinks(ctx, "P1", []schedule.LinkKey{{Pred: "A1010", Succ: "A1020"}}) },
		"SaveResult":       func() error { return s.SaveResult(ctx, "P1", fixtureResult()) },
		"DeleteProject":    func() error { return s.DeleteProject(ctx, "P1") },
	}
	names := make([]string, 0, len(writes))
	for name := range writes {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		err := writes[name]()
		require.Error(t, err, "%s with a canceled context", name)
		assert.ErrorIs(t, err, context.Canceled, "%s with a canceled context", name)
	}
	assert.Equal(t, before, loadNetwork(t, s, "P1"), "writes with a canceled context changed the store")
	p, err := s.GetProject(t.Context(), "P1")
	require.NoError(t, err)
	assert.Equal(t, int64(1), p.Version)
	_, err = s.GetProject(t.Context(), "P2")
	requireError(t, err, lanyan.ErrNotFound, `project "P2"`, "")
	_, err = s.LoadResult(t.Context(), "P1")
	requireError(t, err, lanyan.ErrNotFound, `project "P1"`, "result")

	_, err = s.LoadNetwork(ctx, "P1")
	assert.ErrorIs(t, err, context.Canceled, "LoadNetwork with a canceled context")
}

// Concurrency.

func testConcurrentActivityWriters(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	const writers, batches, size = 8, 10, 25

	var wg sync.WaitGroup
	errs := make(chan error, writers*batches)
	for w := range writers {
		wg.Go(func() {
			for b := range batches {
				as := make([]schedule.Activity, size)
				for i := range as {
					as[i] = schedule.Activity{ID: fmt.Sprintf("G%d-%02d-%02d", w, b, i), Duration: int64(w*1000 + b*100 + i)}
				}
				if err := s.PutActivities(ctx, "P1", as); err != nil {
					errs <- fmt.Errorf("writer %d batch %d: %w", w, b, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}

	got := listAll(t, s, "P1")
	require.Len(t, got, writers*batches*size, "activities lost by concurrent writers")
	for w := range writers {
		for b := range batches {
			for i := range size {
				id := fmt.Sprintf("G%d-%02d-%02d", w, b, i)
				a, err := s.GetActivity(ctx, "P1", id)
				if assert.NoError(t, err, id) {
					assert.Equal(t, int64(w*1000+b*100+i), a.Duration, id)
				}
			}
		}
	}
}

func testConcurrentProjectUpdates(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	const writers, increments = 8, 20

	// Each writer adds one to CriticalFloat `increments` times, by read, change and
	// update, retrying on conflict. With no lost update the total is exact.
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			for range increments {
				for attempt := 0; ; attempt++ {
					if attempt > 10000 {
						errs <- fmt.Errorf("writer %d: still conflicting after %d attempts", w, attempt)
						return
					}
					p, err := s.GetProject(ctx, "P1")
					if err != nil {
						errs <- fmt.Errorf("writer %d: %w", w, err)
						return
					}
					p.CriticalFloat++
					_, err = s.UpdateProject(ctx, p)
					if errors.Is(err, lanyan.ErrConflict) {
						continue
					}
					if err != nil {
						errs <- fmt.Errorf("writer %d: %w", w, err)
						return
					}
					break
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	p, err := s.GetProject(ctx, "P1")
	require.NoError(t, err)
	assert.Equal(t, fixtureProject("P1").CriticalFloat+writers*increments, p.CriticalFloat, "updates lost")
	assert.Equal(t, int64(1+writers*increments), p.Version)
}

// testConsistentReads checks that LoadNetwork sees one state: while writers add
// activities with links and delete them again (which deletes the links), every
// network read must have each link's ends among its activities.
func testConsistentReads(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	seed(t, s, "P1")
	const writers, rounds, readers = 4, 20, 4

	var wg sync.WaitGroup
	errs := make(chan error, writers+readers)
	done := make(chan struct{})
	for w := range writers {
		wg.Go(func() {
			for r := range rounds {
				a, b := fmt.Sprintf("C%d-%02d-a", w, r), fmt.Sprintf("C%d-%02d-b", w, r)
				err := s.PutActivities(ctx, "P1", []schedule.Activity{{ID: a, Parent: "W1"}, {ID: b, Parent: "W1"}})
				if err == nil {
					err = s.PutLinks(ctx, "P1", []schedule.Link{{Pred: "A1010", Succ: a}, {Pred: a, Succ: b}, {Pred: b, Succ: "M1"}})
				}
				if err == nil && r%2 == 1 {
					err = s.DeleteActivities(ctx, "P1", []string{a, b})
				}
				if err != nil {
					errs <- fmt.Errorf("writer %d round %d: %w", w, r, err)
					return
				}
			}
		})
	}
	var readerWG sync.WaitGroup
	for range readers {
		readerWG.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				n, err := s.LoadNetwork(ctx, "P1")
				if err != nil {
					errs <- err
					return
				}
				ids := make(map[string]bool, len(n.Activities))
				for _, a := range n.Activities {
					ids[a.ID] = true
				}
				for _, l := range n.Links {
					if !ids[l.Pred] || !ids[l.Succ] {
						errs <- fmt.Errorf("LoadNetwork returned link %q->%q without both its activities", l.Pred, l.Succ)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(done)
	readerWG.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	n := loadNetwork(t, s, "P1")
	assert.Len(t, n.Activities, len(fixtureActivities())+writers*rounds)
	assert.Len(t, n.Links, len(fixtureLinks())+3*writers*rounds/2)
}

// testBulkActivities stores 100,000 activities (a big programme) in one batch,
// with 99,999 links, and reads them back.
func testBulkActivities(t *testing.T, s schedule.Store) {
	ctx := t.Context()
	_, err := s.CreateProject(ctx, fixtureProject("P1"))
	require.NoError(t, err)
	require.NoError(t, s.PutCalendar(ctx, "P1", stdCalendar()))
	const n, wbs = 100000, 100

	as := make([]schedule.Activity, 0, n)
	for i := range wbs {
		as = append(as, schedule.Activity{ID: fmt.Sprintf("W%03d", i), Name: fmt.Sprintf("WBS %d", i), Kind: schedule.WBSSummary})
	}
	for i := wbs; i < n; i++ {
		as = append(as, schedule.Activity{
			ID: fmt.Sprintf("A%06d", i), Name: fmt.Sprintf("Activity %d", i), Calendar: "std",
			Parent: fmt.Sprintf("W%03d", i%wbs), Duration: int64(i%20+1) * 480, PercentComplete: float64(i % 101),
		})
	}
	// Reverse so that children come before their parents in the batch.
	slices.Reverse(as)
	require.NoError(t, s.PutActivities(ctx, "P1", as), "PutActivities of %d", n)

	ls := make([]schedule.Link, 0, n-wbs-1)
	for i := wbs + 1; i < n; i++ {
		ls = append(ls, schedule.Link{Pred: fmt.Sprintf("A%06d", i-1), Succ: fmt.Sprintf("A%06d", i), Lag: int64(i % 3)})
	}
	require.NoError(t, s.PutLinks(ctx, "P1", ls), "PutLinks of %d", len(ls))

	got, err := s.GetActivity(ctx, "P1", "A054321")
	require.NoError(t, err)
	assert.Equal(t, schedule.Activity{ID: "A054321", Name: "Activity 54321", Calendar: "std", Parent: "W021",
		Duration: 2 * 480, PercentComplete: 54321 % 101}, got)

	page, err := s.ListActivities(ctx, "P1", schedule.Page{After: "A099997", Limit: 1000})
	require.NoError(t, err)
	assert.Equal(t, []string{"A099998", "A099999", "W000", "W001"}, activityIDs(page)[:4])
	assert.Len(t, page, 2+wbs)

	count := 0
	after := ""
	for {
		page, err := s.ListActivities(ctx, "P1", schedule.Page{After: after, Limit: 10000})
		require.NoError(t, err)
		count += len(page)
		if len(page) < 10000 {
			break
		}
		after = page[len(page)-1].ID
	}
	assert.Equal(t, n, count, "activities counted by pages of 10,000")

	net, err := s.LoadNetwork(ctx, "P1")
	require.NoError(t, err)
	require.Len(t, net.Activities, n)
	require.Len(t, net.Links, len(ls))
	assert.Equal(t, sortedActivities(as), net.Activities, "LoadNetwork activities")
	assert.Equal(t, ls, net.Links, "LoadNetwork links")
}
