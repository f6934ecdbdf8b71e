// Command custom-store keeps a schedule in tables of its own: SQLStore
// implements schedule.Store with database/sql on SQLite, and the program
// stores a small network through it, computes the schedule, saves the result
// and reads it back. Its test runs package schedule/storetest against
// SQLStore, which is how an implementation proves itself.
//
//	go run ./examples/custom-store                 # an in-memory database
//	go run ./examples/custom-store -db schedule.db # a file, kept
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan/schedule"
)

func main() {
	db := flag.String("db", ":memory:", "SQLite database file")
	flag.Parse()
	if err := run(context.Background(), *db, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run stores a network in the SQLite database at path, schedules it and
// prints the result.
func run(ctx context.Context, path string, w io.Writer) error {
	st, err := OpenSQLStore(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()

	const day = 8 * 60
	const id = "WH-7"
	if _, err := st.GetProject(ctx, id); err == nil {
		if err := st.DeleteProject(ctx, id); err != nil { // start afresh on a kept file
			return err
		}
	}
	_, err = st.CreateProject(ctx, schedule.StoredProject{Project: schedule.Project{
		ID: id, Name: "Warehouse 7 extension", DefaultCalendar: schedule.StandardFiveDayID,
		Start: schedule.AtTime(date.New(2025, time.March, 3), 8, 0),
	}})
	if err != nil {
		return err
	}
	for _, c := range []schedule.Calendar{schedule.StandardFiveDay(), schedule.SixDay()} {
		if err := st.PutCalendar(ctx, id, c); err != nil {
			return err
		}
	}
	err = st.PutActivities(ctx, id, []schedule.Activity{
		{ID: "W1", Name: "Extension", Kind: schedule.WBSSummary},
		{ID: "A10", Name: "Strip foundations", Parent: "W1", Duration: 4 * day, Calendar: schedule.SixDayID},
		{ID: "A20", Name: "Steel frame", Parent: "W1", Duration: 6 * day},
		{ID: "A30", Name: "Roof sheeting", Parent: "W1", Duration: 3 * day},
		{ID: "A40", Name: "Wall cladding", Parent: "W1", Duration: 5 * day},
		{ID: "A50", Name: "Floor slab", Parent: "W1", Duration: 2 * day, Calendar: schedule.SixDayID},
		{ID: "M99", Name: "Extension handed over", Parent: "W1", Kind: schedule.FinishMilestone},
	})
	if err != nil {
		return err
	}
	err = st.PutLinks(ctx, id, []schedule.Link{
		{Pred: "A10", Succ: "A20"},
		{Pred: "A20", Succ: "A30", Type: schedule.SS, Lag: 3 * day},
		{Pred: "A20", Succ: "A40", Type: schedule.SS, Lag: 4 * day},
		{Pred: "A30", Succ: "A50"},
		{Pred: "A40", Succ: "M99"},
		{Pred: "A50", Succ: "M99"},
	})
	if err != nil {
		return err
	}

	// Compute from what the store holds, and keep the result beside it.
	net, err := st.LoadNetwork(ctx, id)
	if err != nil {
		return err
	}
	res, err := schedule.Compute(net, net.Options)
	if err != nil {
		return err
	}
	if err := st.SaveResult(ctx, id, res); err != nil {
		return err
	}
	saved, err := st.LoadResult(ctx, id)
	if err != nil {
		return err
	}

	// The program's own SQL sees its own tables.
	var tasks int
	if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM sched_task WHERE project = ? AND kind <> ?`, id, int(schedule.WBSSummary)).Scan(&tasks); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: %d activities in sched_task, finish %s\n", net.Project.Name, tasks, saved.EarlyFinish)
	for i, r := range saved.Activities {
		crit := ""
		if r.Critical {
			crit = "critical"
		}
		fmt.Fprintf(w, "%-4s %-22s %s  %s  float %2dd %s\n", r.ID, net.Activities[i].Name, r.EarlyStart, r.EarlyFinish, r.TotalFloat/max(saved.MinutesPerDay[i], 1), crit)
	}
	return nil
}
