package mspdi

// The elements this package reads, as encoding/xml targets. Every value is kept
// as text (nil when the element is absent) so that the conversion can parse it
// strictly and name the field in its error; elements not listed are skipped.

type xProject struct {
	SaveVersion           *string
	Name                  *string
	Title                 *string
	ScheduleFromStart     *string
	StartDate             *string
	FinishDate            *string
	CriticalSlackLimit    *string
	CalendarUID           *string
	MinutesPerDay         *string
	HonorConstraints      *string
	SplitsInProgressTasks *string
	StatusDate            *string

	comment   string // the first comment inside Project ("Published by …")
	calendars []xCalendar
	tasks     []xTask
}

type xTimePeriod struct {
	FromDate *string
	ToDate   *string
}

type xWorkingTime struct {
	FromTime *string
	ToTime   *string
}

type xWeekDay struct {
	DayType      *string
	DayWorking   *string
	TimePeriod   *xTimePeriod
	WorkingTimes []xWorkingTime `xml:"WorkingTimes>WorkingTime"`
}

type xException struct {
	TimePeriod    *xTimePeriod
	Occurrences   *string
	Name          *string
	Type          *string
	Period        *string
	DaysOfWeek    *string
	MonthItem     *string
	MonthPosition *string
	Month         *string
	MonthDay      *string
	DayWorking    *string
	WorkingTimes  []xWorkingTime `xml:"WorkingTimes>WorkingTime"`
}

type xWorkWeek struct {
	TimePeriod *xTimePeriod
	Name       *string
	WeekDays   []xWeekDay `xml:"WeekDays>WeekDay"`
}

type xCalendar struct {
	UID             *string
	Name            *string
	IsBaseCalendar  *string
	BaseCalendarUID *string
	WeekDays        []xWeekDay   `xml:"WeekDays>WeekDay"`
	Exceptions      []xException `xml:"Exceptions>Exception"`
	WorkWeeks       []xWorkWeek  `xml:"WorkWeeks>WorkWeek"`

	line int
}

type xLink struct {
	PredecessorUID *string
	Type           *string
	CrossProject   *string
	LinkLag        *string
	LagFormat      *string
}

type xTask struct {
	UID               *string
	Name              *string
	Active            *string
	Manual            *string
	IsNull            *string
	OutlineLevel      *string
	Start             *string
	Finish            *string
	Duration          *string
	Milestone         *string
	ExternalTask      *string
	EarlyStart        *string
	EarlyFinish       *string
	LateStart         *string
	LateFinish        *string
	TotalSlack        *string
	PercentComplete   *string
	ActualStart       *string
	ActualFinish      *string
	RemainingDuration *string
	ConstraintType    *string
	CalendarUID       *string
	ConstraintDate    *string
	Deadline          *string
	PredecessorLink   []xLink

	line int
}

// val returns the trimmed text of an element and whether it holds any: an empty
// element counts as absent.
func val(p *string) (string, bool) {
	if p == nil {
		return "", false
	}
	s := trimSpace(*p)
	return s, s != ""
}

func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isSpace(s[i]) {
		i++
	}
	for j > i && isSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
