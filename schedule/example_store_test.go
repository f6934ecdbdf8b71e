package schedule_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// A service keeps projects in a Store: here the in-memory one; in production a
// SQL store or an ERP's own tables, checked by package storetest.
func ExampleNewMemStore() {
	ctx := context.Background()
	s := schedule.NewMemStore()

	p, err := s.CreateProject(ctx, schedule.StoredProject{
		Project: schedule.Project{
			ID:              "P1",
			Name:            "Riverside Tower",
			Start:           schedule.AtTime(date.New(2025, time.March, 3), 8, 0),
			DefaultCalendar: "std",
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	var week schedule.WorkWeek
	for d := time.Monday; d <= time.Friday; d++ {
		week[d] = []schedule.Period{schedule.Span(8, 0, 12, 0), schedule.Span(13, 0, 17, 0)}
	}
	if err := s.PutCalendar(ctx, "P1", schedule.Calendar{ID: "std", Week: week}); err != nil {
		fmt.Println(err)
		return
	}

	// One batch, all or nothing: this one names a parent that does not exist.
	err = s.PutActivities(ctx, "P1", []schedule.Activity{
		{ID: "A1010", Name: "Site clearance", Duration: 2 * 480},
		{ID: "A1020", Name: "Excavation", Duration: 5 * 480, Parent: "W9"},
	})
	fmt.Println(err, errors.Is(err, lanyan.ErrNotFound))

	if err := s.PutActivities(ctx, "P1", []schedule.Activity{
		{ID: "A1020", Name: "Excavation", Duration: 5 * 480},
		{ID: "A1010", Name: "Site clearance", Duration: 2 * 480},
	}); err != nil {
		fmt.Println(err)
		return
	}
	if err := s.PutLinks(ctx, "P1", []schedule.Link{{Pred: "A1010", Succ: "A1020", Type: schedule.FS}}); err != nil {
		fmt.Println(err)
		return
	}

	// Optimistic concurrency: an update from a stale version is refused.
	p.Name = "Riverside Tower, phase 1"
	p, err = s.UpdateProject(ctx, p)
	fmt.Println("version", p.Version, err)
	p.Version = 1
	_, err = s.UpdateProject(ctx, p)
	fmt.Println(errors.Is(err, lanyan.ErrConflict))

	net, err := s.LoadNetwork(ctx, "P1")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(net.Project.Name)
	for _, a := range net.Activities {
		fmt.Println(a.ID, a.Name)
	}
	for _, l := range net.Links {
		fmt.Println(l.Pred, l.Type, l.Succ)
	}
	// Output:
	// activity "A1020": parent: unknown activity "W9" true
	// version 2 <nil>
	// true
	// Riverside Tower, phase 1
	// A1010 Site clearance
	// A1020 Excavation
	// A1010 FS A1020
}
