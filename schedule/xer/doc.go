// Package xer reads and writes Primavera P6 XER files, turning a project into a
// [schedule.Network] and back.
//
// An XER file is tab-separated text: an ERMHDR line naming the P6 version, then
// tables, each a %T line with its name, a %F line with its field names and one
// %R line per row, and a final %E line. [Read] parses the tables this package
// understands — PROJECT, CALENDAR, SCHEDOPTIONS, PROJWBS, TASK and TASKPRED —
// checking every field, and skips the others (resources, codes, baselines…).
// A file may hold several projects: [File.Projects] lists them and
// [File.Import] returns one as a network, with the dates and floats P6 recorded
// beside it ([schedule.Imported]). [Write] writes a network back as XER.
//
// Durations, lags and floats are hours in XER and working minutes here (hours ×
// 60, rounded to the nearest minute); dates are "2006-01-02 15:04" in project
// local time. Import's documentation lists the mapping field by field. Choices
// worth knowing:
//
//   - Must finish by is PROJECT.plan_end_date, which P6 fills only when the user
//     sets "must finish by"; scd_end_date is the finish P6 computed, used only when
//     SCHEDOPTIONS.sched_use_project_end_date_for_float is Y (late dates then run
//     back from the project's finish date). The data date is last_recalc_date.
//   - sched_float_type FT_FF, FT_SS and FT_Min are finish, start and smallest
//     float; sched_retained_logic Y is retained logic, else
//     sched_progress_override Y is progress override, else actual dates; the
//     critical float threshold is PROJECT.critical_drtn_hr_cnt.
//   - Scheduling options the engine has no counterpart for are not read:
//     sched_outer_depend_type (relationships to other projects),
//     sched_open_critical_flag, sched_lag_early_start_flag,
//     sched_use_expect_end_flag,
//     critical_path_type (longest path instead of float), multiple float paths and
//     levelling.
//   - Relationships with an activity of another project (external
//     relationships) cannot be links of one project's network. Import leaves them
//     out; [File.External] lists them with the dates P6 stored for them.
//   - A WBS summary activity (TT_WBS) spans the activities of its WBS element
//     and the elements below it: their Parent is the nearest such activity up the
//     WBS chain.
//   - Recorded values are as P6 stored them. For a started activity P6's
//     early_start_date is the start of its remaining work, not its actual start;
//     for a finished one P6 writes the data date as early start and finish.
//
// Text is decoded from UTF-8, GB18030 (Chinese P6 installations) or
// Windows-1252, detected when [Options] does not name one; Windows-1251 must be
// named. Write always writes UTF-8.
//
// Errors are *lanyan.Error values naming the table, row, line and field, such as
// `table TASK row 12 (line 41): early_start_date: "2025-02-30 08:00" is not a
// date like 2006-01-02 15:04`. Read and Import return nothing when they fail;
// Write writes nothing.
package xer
