package pmxml

// The shapes of the PMXML elements this package reads. Every value is kept as
// text and parsed afterwards, so that an error can name the element, its
// ObjectId and the field. An element written as <X xsi:nil="true"/> reads as
// the empty string, which means "absent" throughout.

type xWorkTime struct {
	Start  string `xml:"Start"`
	Finish string `xml:"Finish"`
}

type xWorkHours struct {
	DayOfWeek string      `xml:"DayOfWeek"`
	WorkTime  []xWorkTime `xml:"WorkTime"`
}

type xException struct {
	Date     string      `xml:"Date"`
	WorkTime []xWorkTime `xml:"WorkTime"`
}

type xCalendar struct {
	ObjectID             string `xml:"ObjectId"`
	Name                 string `xml:"Name"`
	Type                 string `xml:"Type"`
	BaseCalendarObjectID string `xml:"BaseCalendarObjectId"`
	ProjectObjectID      string `xml:"ProjectObjectId"`
	HoursPerDay          string `xml:"HoursPerDay"`
	IsDefault            string `xml:"IsDefault"`
	StandardWorkWeek     *struct {
		Hours []xWorkHours `xml:"StandardWorkHours"`
	} `xml:"StandardWorkWeek"`
	HolidayOrExceptions struct {
		List []xException `xml:"HolidayOrException"`
	} `xml:"HolidayOrExceptions"`
}

type xWBS struct {
	ObjectID       string `xml:"ObjectId"`
	ParentObjectID string `xml:"ParentObjectId"`
	Code           string `xml:"Code"`
	Name           string `xml:"Name"`
}

type xActivity struct {
	ObjectID                string `xml:"ObjectId"`
	ID                      string `xml:"Id"`
	Name                    string `xml:"Name"`
	Type                    string `xml:"Type"`
	CalendarObjectID        string `xml:"CalendarObjectId"`
	WBSObjectID             string `xml:"WBSObjectId"`
	PlannedDuration         string `xml:"PlannedDuration"`
	RemainingDuration       string `xml:"RemainingDuration"`
	ActualStartDate         string `xml:"ActualStartDate"`
	ActualFinishDate        string `xml:"ActualFinishDate"`
	Status                  string `xml:"Status"`
	PercentComplete         string `xml:"PercentComplete"`
	PercentCompleteType     string `xml:"PercentCompleteType"`
	DurationPercentComplete string `xml:"DurationPercentComplete"`
	PrimaryConstraintType   string `xml:"PrimaryConstraintType"`
	PrimaryConstraintDate   string `xml:"PrimaryConstraintDate"`
	SecondaryConstraintType string `xml:"SecondaryConstraintType"`
	SecondaryConstraintDate string `xml:"SecondaryConstraintDate"`
	EarlyStartDate          string `xml:"EarlyStartDate"`
	EarlyFinishDate         string `xml:"EarlyFinishDate"`
	LateStartDate           string `xml:"LateStartDate"`
	LateFinishDate          string `xml:"LateFinishDate"`
	TotalFloat              string `xml:"TotalFloat"`
}

type xRelationship struct {
	ObjectID                    string `xml:"ObjectId"`
	PredecessorActivityObjectID string `xml:"PredecessorActivityObjectId"`
	SuccessorActivityObjectID   string `xml:"SuccessorActivityObjectId"`
	Type                        string `xml:"Type"`
	Lag                         string `xml:"Lag"`
}

// xOptions holds the scheduling options, which P6 writes both as fields of
// Project and inside its ScheduleOptions element.
type xOptions struct {
	RelationshipLagCalendar   string `xml:"RelationshipLagCalendar"`
	ComputeTotalFloatType     string `xml:"ComputeTotalFloatType"`
	OutOfSequenceScheduleType string `xml:"OutOfSequenceScheduleType"`
}

type xProject struct {
	ObjectID                        string `xml:"ObjectId"`
	ID                              string `xml:"Id"`
	Name                            string `xml:"Name"`
	StartDate                       string `xml:"StartDate"`
	PlannedStartDate                string `xml:"PlannedStartDate"`
	DataDate                        string `xml:"DataDate"`
	MustFinishByDate                string `xml:"MustFinishByDate"`
	ActivityDefaultCalendarObjectID string `xml:"ActivityDefaultCalendarObjectId"`
	CriticalActivityFloatLimit      string `xml:"CriticalActivityFloatLimit"`
	WBSCodeSeparator                string `xml:"WBSCodeSeparator"`
	xOptions
	ScheduleOptions []xOptions      `xml:"ScheduleOptions"`
	Calendars       []xCalendar     `xml:"Calendar"`
	WBS             []xWBS          `xml:"WBS"`
	Activities      []xActivity     `xml:"Activity"`
	Relationships   []xRelationship `xml:"Relationship"`
}
