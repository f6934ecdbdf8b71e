package schedule

// Recorded holds what the scheduling tool that saved a file computed for one
// activity (P6's early_start_date … total_float_hr_cnt, MS Project's EarlyStart …
// TotalSlack), so that our results can be compared with it. A zero date, or
// HasTotalFloat false, means the file holds no such value.
type Recorded struct {
	EarlyStart    Instant
	EarlyFinish   Instant
	LateStart     Instant
	LateFinish    Instant
	TotalFloat    int64 // working minutes on the activity's calendar
	HasTotalFloat bool
	// Remaining says the early dates are those of the remaining work, as P6 stores
	// them (for a started activity its early start is where the remaining work
	// starts), so they compare with ActivityResult.RemainingEarlyStart and
	// RemainingEarlyFinish.
	Remaining bool
}

// Imported is a network read from a P6 or MS Project file, with the values the
// file stores beside it, aligned with Network.Activities.
type Imported struct {
	Network  *Network
	Recorded []Recorded
	// Format names the file format ("xer", "pmxml", "mspdi") and Tool what wrote
	// it, as the file says (e.g. "Primavera P6 8.4", "Microsoft Project 2019").
	Format string
	Tool   string
}
