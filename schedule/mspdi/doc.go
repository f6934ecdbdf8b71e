// Package mspdi reads and writes MS Project XML files (MSPDI, the "XML format"
// of Microsoft Project, namespace http://schemas.microsoft.com/project) as
// [schedule.Network] values.
//
// [Read] returns a [schedule.Imported]: the network, and beside each activity the
// early and late dates and total slack MS Project stored, to compare with
// [schedule.Compute]. [Write] writes a network back as a file MS Project 2010 and
// later open. [ReadDocument] and [WriteDocument] do the same and also carry what
// a network has no place for (deadlines, manual scheduling, links of summary
// tasks as the file states them), so that a file read and written comes back as
// it was. Reading streams the file and skips what it does not use (timephased
// data, resources, assignments, views); it is strict about what it does use: a
// bad value is an error naming the task or calendar UID and the element, e.g.
// `task UID 12: Duration: "PT8X" is not an ISO 8601 duration like PT8H0M0S`, and
// malformed XML is an error with its line. On error nothing is returned. Dates
// are read to the minute (seconds round); a date before 1900 is read as no date,
// since tools write 1899-12-30 and the like for "none".
//
// # Project
//
//   - StartDate is Project.Start; StatusDate is Options.DataDate (a file without
//     one has none, and Compute then uses the project start); Title, else Name,
//     is Project.Name; CalendarUID is Project.DefaultCalendar (when missing, the
//     calendar named Standard, else the first base calendar).
//   - MinutesPerDay (480 when missing) gives each calendar's HoursPerDay and
//     converts durations written in days or weeks (P2D); MS Project writes
//     durations as working hours and minutes (PT16H0M0S), and those are exact.
//   - HonorConstraints is Options.HonorConstraintDates (MS Project's "tasks will
//     always honor their constraint dates"); when the element is missing it is
//     true, MS Project's default.
//   - Options.FloatType is SmallestFloat: MS Project's total slack is the smaller
//     of start slack and finish slack. Options.LagCalendar is LagSuccessor: MS
//     Project measures a lag on the successor's task calendar, else the
//     project's (resource calendars are not read).
//   - SplitsInProgressTasks 1 (MS Project's default, and when missing) reads
//     as Progress RetainedLogic, 0 as ProgressOverride. MS Project continues
//     the remaining work of a started task where its actual work stopped, not
//     at the status date, so progressed tasks may differ from its dates.
//   - CriticalSlackLimit (days) is Options.CriticalFloat; ScheduleFromStart 0
//     makes FinishDate Options.MustFinishBy (early dates are still scheduled
//     forward from the start, which MS Project does not do in that mode).
//
// # Tasks
//
// Each task becomes one activity, in file order, whose ID is the task's UID as
// a decimal string ("12"); Name is Name. Blank rows (IsNull), inactive tasks
// (Active 0) and external placeholders of other projects (ExternalTask) are
// left out, with the links to them, as MS Project leaves them out of
// scheduling. The project summary task (UID 0) is left out unless a link
// touches it.
//
//   - OutlineLevel gives the outline: a task with children (tasks below it at a
//     deeper level) is a WBSSummary, and each task's Parent is the UID of the
//     summary above it. The Summary flag itself is not needed.
//   - A task that is not a summary and has no duration is a FinishMilestone
//     (MS Project makes every task without duration a milestone). The Milestone
//     flag on a task with a duration leaves it a Task (see TaskInfo).
//   - Duration is Duration, in working minutes (seconds round to the nearest
//     minute); CalendarUID is Calendar (-1, the default, is "").
//   - ConstraintType and ConstraintDate are Constraint: 0 ASAP, 1 ALAP, 2 must
//     start on → StartOn, 3 must finish on → FinishOn, 4 StartNoEarlierThan, 5
//     StartNoLaterThan, 6 FinishNoEarlierThan, 7 FinishNoLaterThan. With
//     HonorConstraintDates the on-date constraints hold both ways, as MS Project
//     schedules them. Deadline is not a constraint (it only affects slack in MS
//     Project); it is kept in TaskInfo.Deadline.
//   - ActualStart, ActualFinish, RemainingDuration and PercentComplete are the
//     progress fields. MS Project keeps Start equal to ActualStart (and Finish
//     equal to ActualFinish) once a task has started (finished); an actual date
//     that disagrees with them is a placeholder for "none" (Aspose writes
//     2000-01-01T00:00:00) and is ignored.
//   - Manually scheduled tasks (Manual 1) are read as automatically scheduled.
//   - Imported.Recorded holds EarlyStart, EarlyFinish, LateStart, LateFinish
//     and TotalSlack. MSPDI stores slack in tenths of a minute: 4800 is 480
//     working minutes, one day on an 8-hour calendar.
//
// # Links
//
// A PredecessorLink of task T is a link from PredecessorUID to T. Type 0 is FF,
// 1 FS, 2 SF, 3 SS. LinkLag is in tenths of a minute (4800 is 480 minutes);
// LagFormat only says how MS Project displays it, except that the elapsed
// formats (4 em, 6 eh, 8 ed, 10 ew, 12 emo, and their estimated forms 36–44)
// make the link's LagCalendar Lag24Hour, and the percent formats (19 %, 20 e%,
// 51, 52) make LinkLag a percentage of the predecessor's duration, in
// LagPercent. Cross-project links (CrossProject 1) are left out.
//
// The engine rejects links on WBS summaries, so a link to or from a summary
// task is expanded the way MS Project schedules it: with a summary as
// predecessor, each leaf task under it becomes a predecessor; with a summary as
// successor, each leaf task under it becomes a successor (both, when both ends
// are summaries). This is exact for FS and FF links from a summary and for links
// to a summary (MS Project allows only FS and SS there); for SS and SF links from
// a summary it is an approximation: MS Project waits for the summary's earliest
// start, the expansion for every leaf's start. A pair that repeats a direct link,
// or a pair an earlier summary link gave, is kept once (the engine allows one
// link between two activities). A link between a summary and one of its own
// subtasks is an error, as in MS Project. The links as the file states them are
// kept in Document.SummaryLinks, and WriteDocument writes them back.
//
// # Calendars
//
// WeekDays (DayType 1 Sunday … 7 Saturday, DayWorking, WorkingTimes; a ToTime
// of 00:00:00 is the end of the day) are the calendar's Week; a day a derived
// calendar does not list is inherited from BaseCalendarUID, which is Base.
// Exceptions (MS Project 2007 and later) and, in older files, WeekDay entries
// with DayType 0 and a TimePeriod are Exceptions; recurring exceptions (daily,
// weekly, monthly, yearly) are expanded into their days, and WorkWeeks into the
// days they change. Where exceptions overlap, each day takes the last, and the
// result is written as ranges of alike days in date order. A working day listed
// without times has MS Project's default hours, 08:00–12:00 and 13:00–17:00.
// Derived calendars that neither the project, a task nor another kept calendar
// uses (resource calendars) are left out.
//
// # Writing
//
// Write produces SaveVersion 14 with the project fields above, Calendars,
// and Tasks with UID, ID, Name, OutlineLevel, Summary, Milestone, Duration,
// Start and Finish (the actual dates, else the recorded early dates), the
// recorded dates and slack when given, progress, ConstraintType and
// ConstraintDate, CalendarUID and PredecessorLinks. A project summary task (UID
// 0) is written first. Activity and calendar ids that are UIDs already ("12")
// are kept; others are numbered after the largest. Reading a written file gives
// the same network and recorded values as were written, when the network came
// from Read. MS Project cannot hold everything a network can, so writing
// converts:
//
//   - MandatoryStart and MandatoryFinish become must start on and must finish on;
//     a Constraint2 is written when Constraint is ASAP, and two constraints are
//     an error.
//   - LevelOfEffort activities become tasks; StartMilestone becomes a milestone.
//   - Only elapsed (Lag24Hour) and working-time lags exist; other lag calendars
//     are written as working time. LagPercent is written in whole percent.
//   - Options.LagCalendar, FloatType and ActualDates progress are not written;
//     PercentComplete is written in whole percent.
//   - MinutesPerDay comes from the default calendar's HoursPerDay.
//   - Exceptions that overlap are resolved day by day (the last wins), as MS
//     Project refuses overlapping exceptions.
package mspdi
