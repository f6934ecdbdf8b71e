package store

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

func TestLinkPageAndDayCalendars(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		st := db.Schedule("acme")
		_, err := st.CreateProject(ctx, schedule.StoredProject{Project: schedule.Project{ID: "P", Start: schedule.Instant(1), DefaultCalendar: "std"}})
		require.NoError(t, err)
		cal := schedule.StandardFiveDay()
		cal.ID, cal.HoursPerDay = "std", 10
		require.NoError(t, st.PutCalendar(ctx, "P", cal))
		require.NoError(t, st.PutActivities(ctx, "P", []schedule.Activity{{ID: "A"}, {ID: "B"}, {ID: "C"}, {ID: "a"}}))
		require.NoError(t, st.PutLinks(ctx, "P", []schedule.Link{{Pred: "A", Succ: "B"}, {Pred: "A", Succ: "C"}, {Pred: "B", Succ: "C"}, {Pred: "C", Succ: "a"}}))

		keys := func(ls []schedule.Link) (out []string) {
			for _, l := range ls {
				out = append(out, l.Pred+"→"+l.Succ)
			}
			return out
		}
		page, err := st.LinkPage(ctx, "P", false, "", "", "", "", 2)
		require.NoError(t, err)
		assert.Equal(t, []string{"A→B", "A→C"}, keys(page))
		page, err = st.LinkPage(ctx, "P", true, "A", "C", "", "", 2)
		require.NoError(t, err)
		assert.Equal(t, []string{"B→C", "C→a"}, keys(page), "byte order: upper case before lower")
		page, err = st.LinkPage(ctx, "P", false, "", "", "", "C", 10)
		require.NoError(t, err)
		assert.Equal(t, []string{"A→C", "B→C"}, keys(page))
		page, err = st.LinkPage(ctx, "P", false, "", "", "A", "", 10)
		require.NoError(t, err)
		assert.Equal(t, []string{"A→B", "A→C"}, keys(page))
		_, err = st.LinkPage(ctx, "Q", false, "", "", "", "", 10)
		assert.True(t, errors.Is(err, lanyan.ErrNotFound), "%v", err)

		cals, err := st.DayCalendars(ctx, "P")
		require.NoError(t, err)
		require.Len(t, cals, 1)
		assert.Equal(t, schedule.Calendar{ID: "std", HoursPerDay: 10}, cals[0])
		_, err = st.DayCalendars(ctx, "Q")
		assert.True(t, errors.Is(err, lanyan.ErrNotFound), "%v", err)
		other, err := db.Schedule("rival").DayCalendars(ctx, "P")
		assert.True(t, errors.Is(err, lanyan.ErrNotFound), "another tenant: %v %v", other, err)
	})
}
