package schedule

// Kind is what an activity is.
type Kind uint8

// Activity kinds.
const (
	Task            Kind = iota // work with a duration
	StartMilestone              // zero duration, marks a start
	FinishMilestone             // zero duration, marks a finish
	LevelOfEffort               // spans its links: starts with its predecessors, finishes with its successors
	WBSSummary                  // spans its children (activities whose Parent is this one)
)

var kindNames = [...]string{"task", "startMilestone", "finishMilestone", "levelOfEffort", "wbsSummary"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(?)"
}

// LinkType is the type of a precedence link (relationship).
type LinkType uint8

// Link types: finish-to-start, start-to-start, finish-to-finish, start-to-finish.
const (
	FS LinkType = iota
	SS
	FF
	SF
)

var linkTypeNames = [...]string{"FS", "SS", "FF", "SF"}

func (t LinkType) String() string {
	if int(t) < len(linkTypeNames) {
		return linkTypeNames[t]
	}
	return "type(?)"
}

// ConstraintType is a date constraint on an activity.
type ConstraintType uint8

// Constraint types, as P6 and MS Project name them.
const (
	ASAP                ConstraintType = iota // as soon as possible (no constraint)
	ALAP                                      // as late as possible: uses the activity's free float
	StartNoEarlierThan                        // early start ≥ date
	StartNoLaterThan                          // late start ≤ date
	FinishNoEarlierThan                       // early finish ≥ date
	FinishNoLaterThan                         // late finish ≤ date
	StartOn                                   // early start ≥ date and late start ≤ date
	FinishOn                                  // early finish ≥ date and late finish ≤ date
	MandatoryStart                            // start = date, overriding logic both ways
	MandatoryFinish                           // finish = date, overriding logic both ways
)

var constraintNames = [...]string{"asap", "alap", "startNoEarlierThan", "startNoLaterThan",
	"finishNoEarlierThan", "finishNoLaterThan", "startOn", "finishOn", "mandatoryStart", "mandatoryFinish"}

func (c ConstraintType) String() string {
	if int(c) < len(constraintNames) {
		return constraintNames[c]
	}
	return "constraint(?)"
}

// Constraint is a date constraint (限制条件): a type with its date (unused for ASAP and ALAP).
type Constraint struct {
	Type ConstraintType
	Date Instant
}

// LagCalendar says on which calendar link lags are measured (P6's scheduling
// option "calendar for scheduling relationship lag").
type LagCalendar uint8

// Lag calendars. The zero value, LagFromOption, means "as the project option says"
// on a link, and the predecessor's calendar (P6's default) in Options.
const (
	LagFromOption     LagCalendar = iota // on a link: the project option; in Options: LagPredecessor
	LagPredecessor                       // the predecessor's calendar (P6's default)
	LagSuccessor                         // the successor's calendar
	Lag24Hour                            // elapsed time, 24 hours a day, 7 days a week
	LagProjectDefault                    // the project's default calendar
)

var lagCalendarNames = [...]string{"", "predecessor", "successor", "24h", "projectDefault"}

func (l LagCalendar) String() string {
	if int(l) < len(lagCalendarNames) {
		return lagCalendarNames[l]
	}
	return "lagCalendar(?)"
}

// FloatType says how total float is measured (P6's "compute total float as").
type FloatType uint8

// Float types.
const (
	FinishFloat   FloatType = iota // late finish − early finish (P6's default)
	StartFloat                     // late start − early start
	SmallestFloat                  // the smaller of the two
)

var floatTypeNames = [...]string{"finish", "start", "smallest"}

func (f FloatType) String() string {
	if int(f) < len(floatTypeNames) {
		return floatTypeNames[f]
	}
	return "floatType(?)"
}

// ProgressMode says how remaining work of out-of-sequence activities is scheduled
// (P6's "when scheduling progressed activities use").
type ProgressMode uint8

// Progress modes.
const (
	RetainedLogic    ProgressMode = iota // remaining work waits for its predecessors (P6's default)
	ProgressOverride                     // remaining work ignores the logic and starts at the data date
	ActualDates                          // as progress override, and a finished activity drives its successors from its actual finish
)

var progressModeNames = [...]string{"retainedLogic", "progressOverride", "actualDates"}

func (p ProgressMode) String() string {
	if int(p) < len(progressModeNames) {
		return progressModeNames[p]
	}
	return "progressMode(?)"
}

// Activity is one activity (作业) of a network. Durations are working minutes on the
// activity's calendar.
type Activity struct {
	ID       string
	Name     string
	Kind     Kind
	Calendar string // calendar id; empty means the project's default calendar
	Parent   string // id of the WBS summary activity this one rolls up into, if any
	Duration int64  // original (planned) duration in working minutes

	Constraint  Constraint // primary constraint
	Constraint2 Constraint // secondary constraint (P6); ASAP when unused

	// Progress. ActualStart and ActualFinish are zero until recorded.
	ActualStart  Instant
	ActualFinish Instant
	// RemainingDuration in working minutes, used once the activity has started; when
	// negative it is derived from PercentComplete (or equals Duration when that is 0).
	RemainingDuration int64
	PercentComplete   float64 // duration percent complete, 0–100
}

// Link is a precedence link (逻辑关系) from Pred to Succ.
type Link struct {
	Pred string
	Succ string
	Type LinkType
	// Lag in working minutes on the lag calendar; negative is a lead.
	Lag int64
	// LagPercent, when not zero, replaces Lag with that share of the predecessor's
	// duration (MS Project's percent lags), measured on the predecessor's calendar.
	LagPercent float64
	// LagCalendar overrides the project option for this link unless LagFromOption
	// (the zero value).
	LagCalendar LagCalendar
}

// Project holds the dates and defaults of a network.
type Project struct {
	ID              string
	Name            string
	Start           Instant // planned start: nothing is scheduled before it
	DefaultCalendar string  // calendar of activities that name none
}

// Options are the scheduling options, as P6 keeps them per project.
type Options struct {
	// DataDate is the status date of progress (数据日期): remaining work is never scheduled
	// before it. Zero means the project start (actual dates still count).
	DataDate     Instant
	MustFinishBy Instant // project must-finish-by date; zero means the early finish
	LagCalendar  LagCalendar
	FloatType    FloatType
	// CriticalFloat: an activity is critical when its total float is at most this
	// many working minutes.
	CriticalFloat int64
	Progress      ProgressMode
	// HonorConstraintDates makes no-later-than and on constraints hold early dates
	// too, against logic, as MS Project does when "tasks will always honor their
	// constraint dates" (its default). P6 leaves early dates to logic and shows the
	// conflict as negative float only.
	HonorConstraintDates bool
}

// Network is a project's calendars, activities and links, with its options.
type Network struct {
	Project    Project
	Options    Options
	Calendars  []Calendar
	Activities []Activity
	Links      []Link
}
