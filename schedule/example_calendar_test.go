package schedule_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan/schedule"
)

// Compile the China statutory calendar (it inherits its week from "standard", so
// both are passed) and count working time across the 2025 National Day holiday.
func ExampleCompile() {
	cal, err := schedule.Compile("cn-statutory", schedule.StandardFiveDay(), schedule.ChinaStatutory())
	if err != nil {
		fmt.Println(err)
		return
	}
	start := schedule.AtTime(date.New(2025, time.September, 30), 8, 0) // Tuesday

	// Two days of work: Tuesday 30 September, then 1–8 October are holidays, so
	// the second day is Thursday 9 October, finishing at 17:00 that day.
	finish := cal.AddWork(start, 2*cal.MinutesPerWorkDay())
	fmt.Println(finish)

	// Sunday 28 September is a make-up working day (调休上班).
	fmt.Println(cal.IsWorkDay(date.New(2025, time.September, 28)))

	// From lunch, the next working minute is 13:00.
	fmt.Println(cal.NextWorking(schedule.AtTime(date.New(2025, time.October, 9), 12, 30)))

	fmt.Println(cal.WorkDays(cal.WorkBetween(start, finish)))
	// Output:
	// 2025-10-09T17:00
	// true
	// 2025-10-09T13:00
	// 2
}
