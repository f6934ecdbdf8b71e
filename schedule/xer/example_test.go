package xer_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/xer"
)

// sample is a small XER file: one project on a five-day calendar with New Year's
// Day off, two activities and a finish-to-start link with a four-hour lag.
const sample = "ERMHDR\t20.12\t2025-01-06\tProject\tadmin\tadmin\tdbxDatabaseNoName\tProject Management\tCNY\n" +
	"%T\tPROJECT\n" +
	"%F\tproj_id\tproj_short_name\tclndr_id\tplan_start_date\tlast_recalc_date\n" +
	"%R\t1\tMETRO-01\t7\t2024-12-30 08:00\t2024-12-30 08:00\n" +
	"%T\tCALENDAR\n" +
	"%F\tclndr_id\tclndr_name\tday_hr_cnt\tclndr_data\n" +
	"%R\t7\t5 Day\t8\t(0||CalendarData()((0||DaysOfWeek()((0||1()())" +
	"(0||2()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))(0||3()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))" +
	"(0||4()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))(0||5()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))" +
	"(0||6()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))(0||7()())))(0||Exceptions()((0||0(d|45658)())))))\n" +
	"%T\tSCHEDOPTIONS\n" +
	"%F\tproj_id\tsched_retained_logic\tsched_float_type\tsched_calendar_on_relationship_lag\n" +
	"%R\t1\tY\tFT_FF\trcal_Predecessor\n" +
	"%T\tPROJWBS\n" +
	"%F\twbs_id\tproj_id\tproj_node_flag\twbs_name\tparent_wbs_id\n" +
	"%R\t10\t1\tY\tMetro station civil works\t\n" +
	"%T\tTASK\n" +
	"%F\ttask_id\tproj_id\twbs_id\tclndr_id\ttask_type\tstatus_code\ttask_code\ttask_name\ttarget_drtn_hr_cnt\tremain_drtn_hr_cnt\n" +
	"%R\t100\t1\t10\t7\tTT_Task\tTK_NotStart\tA1000\tExcavate (基坑开挖)\t16\t16\n" +
	"%R\t101\t1\t10\t7\tTT_Task\tTK_NotStart\tA1010\tPour base slab (底板浇筑)\t8\t8\n" +
	"%T\tTASKPRED\n" +
	"%F\ttask_pred_id\ttask_id\tpred_task_id\tproj_id\tpred_proj_id\tpred_type\tlag_hr_cnt\n" +
	"%R\t1\t101\t100\t1\t1\tPR_FS\t4\n" +
	"%E\n"

// Read a file, import its project, schedule it, and write it back.
func Example() {
	f, err := xer.Read(strings.NewReader(sample), xer.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range f.Projects() {
		fmt.Printf("project %s %s: %s\n", p.ID, p.ShortName, p.Name)
	}
	imp, err := f.Import("METRO-01")
	if err != nil {
		fmt.Println(err)
		return
	}
	net := imp.Network
	res, err := schedule.Compute(net, net.Options)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, a := range res.Activities {
		fmt.Printf("%s %-28s %s → %s\n", a.ID, net.Activities[i].Name, a.EarlyStart, a.EarlyFinish)
	}
	// Write it back and read it again: the same network.
	var buf bytes.Buffer
	if err := xer.Write(&buf, net, imp.Recorded); err != nil {
		fmt.Println(err)
		return
	}
	g, err := xer.Read(&buf, xer.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	back, err := g.Import("")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("round trip:", len(back.Network.Activities), "activities,", len(back.Network.Links), "link, lag", back.Network.Links[0].Lag, "minutes")
	// Output:
	// project 1 METRO-01: Metro station civil works
	// A1000 Excavate (基坑开挖)              2024-12-30T08:00 → 2024-12-31T17:00
	// A1010 Pour base slab (底板浇筑)        2025-01-02T13:00 → 2025-01-03T12:00
	// round trip: 2 activities, 1 link, lag 240 minutes
}
