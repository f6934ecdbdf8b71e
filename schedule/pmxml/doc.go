// Package pmxml reads and writes Primavera P6 XML files (PMXML: the
// APIBusinessObjects documents P6 exports and imports) as [schedule.Network]s.
//
// [Read] maps one project of a file, with the early and late dates and total
// float P6 stored, so that a schedule computed by [schedule.Compute] can be
// compared with P6's own ([schedule.CompareRecorded]). [Projects] lists the
// projects of a file. [Write] writes a network back as PMXML for P6's XML import;
// a network Read returns survives Write and Read unchanged.
//
// The mapping, with P6's names on the left:
//
//   - Project: PlannedStartDate (else StartDate) → Project.Start; DataDate →
//     Options.DataDate; MustFinishByDate → Options.MustFinishBy;
//     ActivityDefaultCalendarObjectId (else the global calendar marked IsDefault)
//     → Project.DefaultCalendar; CriticalActivityFloatLimit → Options.CriticalFloat;
//     RelationshipLagCalendar, ComputeTotalFloatType and OutOfSequenceScheduleType
//     (Retained Logic, Progress Override, Actual Dates), as fields of Project or of
//     its ScheduleOptions → Options.LagCalendar, FloatType and Progress.
//   - Calendar: ObjectId → ID, BaseCalendarObjectId → Base, HoursPerDay;
//     StandardWorkWeek → Week (a day listed without WorkTime is a day off, a day not
//     listed is inherited); HolidayOrExceptions → one-day Exceptions. P6 writes the
//     finish of a work time as its last minute (08:00–11:59 is four hours), so a
//     finish at minute 59 ends a minute later. Global and project calendars are
//     kept, resource calendars only when an activity names one.
//   - WBS: each element becomes a WBS summary activity with id [WBSPrefix] + its
//     code path, parented as the WBS tree is; these come first in
//     Network.Activities and have no recorded values.
//   - Activity: Id → ID (ObjectId is P6's internal key), Name, Type (Task and
//     Resource Dependent → Task; Start and Finish Milestone; Level of Effort; WBS
//     Summary, which spans its WBS element), CalendarObjectId, PlannedDuration,
//     RemainingDuration, ActualStartDate, ActualFinishDate, DurationPercentComplete
//     (a fraction in PMXML, a percentage here), Primary and Secondary constraint
//     type and date. Status is checked against the actual dates. EarlyStartDate,
//     EarlyFinishDate, LateStartDate, LateFinishDate and TotalFloat go to
//     [schedule.Recorded].
//   - Relationship: PredecessorActivityObjectId, SuccessorActivityObjectId, Type,
//     Lag. Relationships with activities of other projects are left out of the
//     network and listed by [ReadWithExternal]. Relationships of P6 WBS Summary
//     activities are kept as the file has them, though Compute refuses them.
//
// Durations, lags and floats are hours in PMXML and working minutes here.
// Resource-dependent activities are scheduled on their own calendar, not their
// resources'.
//
// Errors are *lanyan.Error values naming the element, its ObjectId and the field
// (`Activity ObjectId 1234: PlannedDuration: "x" is not a number of hours`);
// nothing is returned with them.
package pmxml
