package pmxml_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/pmxml"
)

// A network built in code (or read from MS Project) has no WBS elements: its
// summaries with children become them, calendars are numbered, and a percent
// lag becomes hours.
func TestWriteNativeNetwork(t *testing.T) {
	const day = 480
	net := &schedule.Network{
		Project:   schedule.Project{ID: "P1", Name: "Bridge", Start: at(t, "2025-03-03T08:00"), DefaultCalendar: schedule.StandardFiveDayID},
		Options:   schedule.Options{LagCalendar: schedule.Lag24Hour, Progress: schedule.ActualDates},
		Calendars: []schedule.Calendar{schedule.StandardFiveDay(), schedule.TwentyFourHour()},
		Activities: []schedule.Activity{
			{ID: "1", Name: "Bridge", Kind: schedule.WBSSummary},
			{ID: "1.1", Name: "Substructure", Kind: schedule.WBSSummary, Parent: "1"},
			{ID: "A", Name: "Piers", Parent: "1.1", Duration: 4 * day, RemainingDuration: -1},
			{ID: "B", Name: "Deck", Parent: "1", Duration: 2 * day, Calendar: schedule.TwentyFourHourID, RemainingDuration: -1},
			{ID: "C", Name: "Open", Kind: schedule.FinishMilestone, RemainingDuration: -1,
				Constraint: schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: at(t, "2025-03-31T17:00")}},
		},
		Links: []schedule.Link{
			{Pred: "A", Succ: "B", Type: schedule.SS, LagPercent: 50},
			{Pred: "B", Succ: "C", Lag: 90, LagCalendar: schedule.Lag24Hour},
		},
	}
	var out bytes.Buffer
	require.NoError(t, pmxml.Write(&out, &schedule.Imported{Network: net}))
	xml := out.String()
	assert.Contains(t, xml, "<Finish>11:59:00</Finish>") // P6 writes a work time's last minute
	assert.Contains(t, xml, "<RelationshipLagCalendar>24 Hour Calendar</RelationshipLagCalendar>")
	assert.Contains(t, xml, "<OutOfSequenceScheduleType>Actual Dates</OutOfSequenceScheduleType>")

	imp, err := pmxml.Read(&out, "P1")
	require.NoError(t, err)
	got := imp.Network
	// Calendars are numbered in order; the summaries became WBS elements coded by
	// their ids; the 50 % lag of a 4-day predecessor is 2 days (16 hours).
	assert.Equal(t, []string{"1", "2"}, []string{got.Calendars[0].ID, got.Calendars[1].ID})
	assert.Equal(t, net.Calendars[0].Week, got.Calendars[0].Week)
	assert.Equal(t, "1", got.Project.DefaultCalendar)
	assert.Equal(t, []schedule.Activity{
		{ID: "WBS:1", Name: "Bridge", Kind: schedule.WBSSummary},
		{ID: "WBS:1.1.1", Name: "Substructure", Kind: schedule.WBSSummary, Parent: "WBS:1"},
		{ID: "A", Name: "Piers", Parent: "WBS:1.1.1", Duration: 4 * day, RemainingDuration: -1},
		{ID: "B", Name: "Deck", Parent: "WBS:1", Duration: 2 * day, Calendar: "2", RemainingDuration: -1},
		{ID: "C", Name: "Open", Kind: schedule.FinishMilestone, RemainingDuration: -1,
			Constraint: schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: at(t, "2025-03-31T17:00")}},
	}, got.Activities)
	assert.Equal(t, []schedule.Link{
		{Pred: "A", Succ: "B", Type: schedule.SS, Lag: 2 * day},
		{Pred: "B", Succ: "C", Lag: 90},
	}, got.Links)
	assert.Equal(t, net.Options, got.Options)

	// The two networks schedule alike.
	want, err := schedule.Compute(net, net.Options)
	require.NoError(t, err)
	res, err := schedule.Compute(got, got.Options)
	require.NoError(t, err)
	assert.Equal(t, want.EarlyFinish, res.EarlyFinish)
}

// A summary that is the only child of its parent is written as a P6 WBS Summary
// activity in the parent's element, which spans the same activities.
func TestWriteSoleSummary(t *testing.T) {
	net := &schedule.Network{
		Project: schedule.Project{Start: at(t, "2025-03-03T08:00")},
		Activities: []schedule.Activity{
			{ID: "WBS:1", Name: "Works", Kind: schedule.WBSSummary},
			{ID: "S", Name: "Works summary", Kind: schedule.WBSSummary, Parent: "WBS:1"},
			{ID: "A", Parent: "S", Duration: 480},
		},
	}
	var out bytes.Buffer
	require.NoError(t, pmxml.Write(&out, &schedule.Imported{Network: net}))
	assert.Contains(t, out.String(), "<Type>WBS Summary</Type>")
	imp, err := pmxml.Read(bytes.NewReader(out.Bytes()), "")
	require.NoError(t, err)
	assert.Equal(t, net.Activities[:2], imp.Network.Activities[:2])
	assert.Equal(t, "S", imp.Network.Activities[2].Parent)
}

func TestWriteErrors(t *testing.T) {
	base := func() *schedule.Network {
		return &schedule.Network{
			Project:    schedule.Project{Start: at(t, "2025-03-03T08:00")},
			Activities: []schedule.Activity{{ID: "WBS:1", Kind: schedule.WBSSummary}, {ID: "A", Parent: "WBS:1"}, {ID: "B"}},
			Links:      []schedule.Link{{Pred: "A", Succ: "B"}},
		}
	}
	cases := []struct {
		name          string
		change        func(n *schedule.Network)
		code          lanyan.Code
		record, field string
	}{
		{"duplicate id", func(n *schedule.Network) { n.Activities[2].ID = "A" }, lanyan.CodeInvalid, `activity "A"`, "id"},
		{"unknown parent", func(n *schedule.Network) { n.Activities[1].Parent = "X" }, lanyan.CodeNotFound, `activity "A"`, "parent"},
		{"unknown calendar", func(n *schedule.Network) { n.Activities[1].Calendar = "X" }, lanyan.CodeNotFound, `activity "A"`, "calendar"},
		{"link to WBS", func(n *schedule.Network) { n.Links[0].Succ = "WBS:1" }, lanyan.CodeInvalid, "link 0 (A → WBS:1)", "pred"},
		{"lag calendar", func(n *schedule.Network) { n.Links[0].LagCalendar = schedule.LagSuccessor }, lanyan.CodeInvalid, "link 0 (A → B)", "lagCalendar"},
		{"constraint date", func(n *schedule.Network) { n.Activities[2].Constraint.Type = schedule.StartOn }, lanyan.CodeInvalid, `activity "B"`, "constraint.date"},
		{"percent", func(n *schedule.Network) { n.Activities[2].PercentComplete = 101 }, lanyan.CodeInvalid, `activity "B"`, "percentComplete"},
		{"float type", func(n *schedule.Network) { n.Options.FloatType = 9 }, lanyan.CodeInvalid, "options", "floatType"},
		{"calendar", func(n *schedule.Network) {
			n.Calendars = []schedule.Calendar{{ID: "c", Week: schedule.WorkWeek{1: {{Start: 600, End: 500}}}}}
		}, lanyan.CodeInvalid, `calendar "c"`, "week.monday"},
		{"base calendar", func(n *schedule.Network) { n.Calendars = []schedule.Calendar{{ID: "c", Base: "d"}} }, lanyan.CodeNotFound, `calendar "c"`, "base"},
		{"loop", func(n *schedule.Network) {
			n.Activities = append(n.Activities, schedule.Activity{ID: "S", Kind: schedule.WBSSummary, Parent: "T"}, schedule.Activity{ID: "T", Kind: schedule.WBSSummary, Parent: "S"})
		}, lanyan.CodeInvalid, `activity "S"`, "parent"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := base()
			c.change(n)
			var out bytes.Buffer
			err := pmxml.Write(&out, &schedule.Imported{Network: n})
			require.Error(t, err)
			assert.Zero(t, out.Len(), "nothing written")
			var e *lanyan.Error
			require.True(t, errors.As(err, &e), "%T %v", err, err)
			assert.Equal(t, c.code, e.Code, err.Error())
			assert.Equal(t, c.record, e.Record, err.Error())
			assert.Equal(t, c.field, e.Field, err.Error())
		})
	}
	assert.ErrorIs(t, pmxml.Write(&bytes.Buffer{}, nil), lanyan.ErrInvalid)
	err := pmxml.Write(&bytes.Buffer{}, &schedule.Imported{Network: base(), Recorded: make([]schedule.Recorded, 1)})
	assert.ErrorIs(t, err, lanyan.ErrInvalid)
}

// Names keep their spaces, line breaks and markup characters.
func TestWriteEscapes(t *testing.T) {
	net := &schedule.Network{
		Project:    schedule.Project{Name: " <Tower> & \"Podium\"\r\n", Start: at(t, "2025-03-03T08:00")},
		Activities: []schedule.Activity{{ID: "A&B", Name: "line 1\nline 2\t]]>", RemainingDuration: -1}},
	}
	var out bytes.Buffer
	require.NoError(t, pmxml.Write(&out, &schedule.Imported{Network: net}))
	imp, err := pmxml.Read(strings.NewReader(out.String()), "")
	require.NoError(t, err)
	assert.Equal(t, net, imp.Network)
}
