package mspdi

import "github.com/lanyan-dev/lanyan/schedule"

// Document is an MSPDI file as this package reads and writes it: the imported
// network, and the MS Project fields a [schedule.Network] has no place for, so
// that [WriteDocument] can write a file back as [ReadDocument] read it.
type Document struct {
	schedule.Imported

	// Tasks holds MS Project fields of each activity, aligned with
	// Network.Activities. It may be shorter (or nil): missing entries are zero.
	Tasks []TaskInfo

	// SummaryLinks are the file's links with a summary task at one end or both,
	// as the file states them. The network holds them expanded onto leaf tasks;
	// WriteDocument writes the summary link again as long as its expansion is
	// still in the network, unchanged.
	SummaryLinks []SummaryLink
}

// TaskInfo holds the MS Project fields of a task that scheduling here does not use.
type TaskInfo struct {
	// Deadline is MS Project's deadline date. It is not a constraint: MS Project
	// lets it pull late dates (and so total slack) but never moves a task's
	// dates, so it is kept here and not in Activity.Constraint.
	Deadline schedule.Instant
	// Manual marks a manually scheduled task (MS Project 2010 and later). It is
	// read as automatically scheduled, from its duration and links.
	Manual bool
	// Milestone is the milestone flag of a task with a duration, which MS
	// Project allows (such a task stays a schedule.Task). A task without a
	// duration is a FinishMilestone anyway, and has it false.
	Milestone bool
}

// SummaryLink is a link of the file that has a summary task at one end or both.
type SummaryLink struct {
	// Link is the link as the file states it; Pred or Succ (or both) is a WBS
	// summary activity.
	schedule.Link
	// Expanded lists the indices in Network.Links of the leaf-to-leaf links it
	// became, in increasing order. A pair that repeats a direct link of the
	// file, or one an earlier summary link gave, is not repeated.
	Expanded []int
}
