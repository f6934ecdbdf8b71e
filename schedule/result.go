package schedule

// ActivityResult is the computed schedule of one activity. Floats are working
// minutes on the activity's calendar. EarlyStart and EarlyFinish are the
// activity's dates: actual dates where it has them.
type ActivityResult struct {
	ID          string
	EarlyStart  Instant
	EarlyFinish Instant
	LateStart   Instant
	LateFinish  Instant
	// RemainingEarlyStart and RemainingEarlyFinish are where the remaining work is
	// scheduled: the early dates for an activity not started; for a started one,
	// from the data date (P6's early_start_date, its "remaining early start"); for a
	// finished one, the zero remaining at the data date. Late dates are always
	// those of the remaining work, as in P6.
	RemainingEarlyStart  Instant
	RemainingEarlyFinish Instant
	// RemainingDuration is the working minutes still to do (0 when finished).
	RemainingDuration int64
	TotalFloat        int64 // total float (总时差), by Options.FloatType
	FreeFloat         int64 // free float (自由时差)
	Critical          bool  // critical (关键工作): TotalFloat ≤ Options.CriticalFloat
	LongestPath       bool  // on the longest path (最长路径): the driving chain to the project finish
}

// Result is a computed schedule: one ActivityResult per activity, in the order of
// Network.Activities, and one Driving flag per link, in the order of Network.Links.
type Result struct {
	Activities []ActivityResult
	// Driving[i] reports whether Network.Links[i] determines its successor's early
	// dates (a driving relationship in P6's words).
	Driving []bool
	// EarlyFinish is the project's early finish: the latest early finish of any activity.
	EarlyFinish Instant
	// LongestPath lists the ids of the activities on the longest path, in order
	// from its first activity to the project finish.
	LongestPath []string
	// MinutesPerDay gives, per activity, the working minutes in one day of its
	// calendar, for showing durations and floats in days.
	MinutesPerDay []int64
}
