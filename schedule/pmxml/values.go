package pmxml

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/lanyan-dev/lanyan/schedule"
)

// maxMinutes bounds durations, lags and floats: a thousand years of working
// minutes, as the engine does.
const maxMinutes = 1000 * 366 * schedule.MinutesPerDay

// parseHours reads a PMXML duration (hours, an xsd:double) as whole minutes,
// rounded half away from zero. Empty text is (0, false, nil).
func parseHours(s string) (int64, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	h, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(h) || math.IsInf(h, 0) {
		return 0, false, fmt.Errorf("%q is not a number of hours", s)
	}
	m := math.Round(h * 60)
	if math.Abs(m) > maxMinutes {
		return 0, false, fmt.Errorf("%q hours is longer than a thousand years", s)
	}
	return int64(m), true, nil
}

// formatHours writes minutes as hours, exactly enough that parseHours gives the
// minutes back.
func formatHours(m int64) string {
	if m%60 == 0 {
		return strconv.FormatInt(m/60, 10)
	}
	return strconv.FormatFloat(float64(m)/60, 'f', -1, 64)
}

// parseDateTime reads an xsd:dateTime as P6 writes it (2006-01-02T15:04:05) into
// an Instant, strictly; seconds are dropped. Empty text is the zero Instant.
func parseDateTime(s string) (schedule.Instant, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	t, err := schedule.ParseInstant(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date and time like 2006-01-02T15:04:05", s)
	}
	return t, nil
}

// formatDateTime writes an Instant as P6 does: 2006-01-02T15:04:05.
func formatDateTime(t schedule.Instant) string {
	return t.String() + ":00"
}

// parseClock reads a time of day, 15:04:05 or 15:04, as minutes after midnight.
func parseClock(s string) (int, error) {
	s = strings.TrimSpace(s)
	tm, err := time.Parse("15:04:05", s)
	if err != nil {
		if tm, err = time.Parse("15:04", s); err != nil {
			return 0, fmt.Errorf("%q is not a time of day like 15:04:05", s)
		}
	}
	return tm.Hour()*60 + tm.Minute(), nil
}

// workPeriod turns a WorkTime into a Period. P6 writes the finish as the last
// working minute (08:00–11:59 is four hours), so a finish at minute 59 of an hour
// ends a minute later; any other finish is taken as written, and a finish of
// 00:00 after a later start is the end of the day.
func workPeriod(w xWorkTime) (schedule.Period, error) {
	start, err := parseClock(w.Start)
	if err != nil {
		return schedule.Period{}, fmt.Errorf("start: %v", err)
	}
	end, err := parseClock(w.Finish)
	if err != nil {
		return schedule.Period{}, fmt.Errorf("finish: %v", err)
	}
	if end%60 == 59 {
		end++
	}
	if end == 0 && start > 0 {
		end = schedule.MinutesPerDay
	}
	if end <= start {
		return schedule.Period{}, fmt.Errorf("%s–%s does not end after it starts within one day (shifts across midnight are not supported)", strings.TrimSpace(w.Start), strings.TrimSpace(w.Finish))
	}
	return schedule.Period{Start: start, End: end}, nil
}

// formatFinish writes the end of a period the way P6 does (the last working
// minute) when it falls on the hour, which is how workPeriod reads it back.
func formatFinish(end int) string {
	if end%60 == 0 && end > 0 {
		end--
	}
	return fmt.Sprintf("%02d:%02d:00", end/60, end%60)
}

func formatClock(m int) string { return fmt.Sprintf("%02d:%02d:00", m/60, m%60) }

// parseFraction reads a PMXML percentage, which is a fraction from 0 to 1, as a
// percentage from 0 to 100, rounded to millionths of a per cent.
func parseFraction(s string) (float64, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f >= 0 && f <= 1) {
		return 0, false, fmt.Errorf("%q is not a fraction from 0 to 1", s)
	}
	return math.Round(f*1e8) / 1e6, true, nil
}

func formatFraction(pct float64) string {
	return strconv.FormatFloat(pct/100, 'f', -1, 64)
}

// objectID reads an ObjectId (an xsd:int) in its canonical decimal form, so that
// references match however they are written; empty text is absent.
func objectID(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return "", fmt.Errorf("%q is not an ObjectId (a whole number)", s)
	}
	return strconv.FormatInt(n, 10), nil
}

// canonical is objectID's form of s, or s trimmed when it is no ObjectId.
func canonical(s string) string {
	if v, err := objectID(s); err == nil {
		return v
	}
	return strings.TrimSpace(s)
}

// parseFlag reads an xsd:boolean.
func parseFlag(s string) bool {
	s = strings.TrimSpace(s)
	return s == "1" || strings.EqualFold(s, "true")
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	// Older schemas number the days from Sunday.
	"1": time.Sunday, "2": time.Monday, "3": time.Tuesday, "4": time.Wednesday,
	"5": time.Thursday, "6": time.Friday, "7": time.Saturday,
}

// The P6 enumerations, in the spelling PMXML uses.

var activityTypes = map[string]schedule.Kind{
	"Task Dependent":     schedule.Task,
	"Resource Dependent": schedule.Task,
	"Start Milestone":    schedule.StartMilestone,
	"Finish Milestone":   schedule.FinishMilestone,
	"Level of Effort":    schedule.LevelOfEffort,
	"WBS Summary":        schedule.WBSSummary,
}

var activityTypeNames = [...]string{
	schedule.Task:            "Task Dependent",
	schedule.StartMilestone:  "Start Milestone",
	schedule.FinishMilestone: "Finish Milestone",
	schedule.LevelOfEffort:   "Level of Effort",
	schedule.WBSSummary:      "WBS Summary",
}

var constraintTypes = map[string]schedule.ConstraintType{
	"":                    schedule.ASAP,
	"None":                schedule.ASAP,
	"As Soon As Possible": schedule.ASAP,
	"As Late As Possible": schedule.ALAP,
	"Start On":            schedule.StartOn,
	"Start On or After":   schedule.StartNoEarlierThan,
	"Start On or Before":  schedule.StartNoLaterThan,
	"Finish On":           schedule.FinishOn,
	"Finish On or After":  schedule.FinishNoEarlierThan,
	"Finish On or Before": schedule.FinishNoLaterThan,
	"Mandatory Start":     schedule.MandatoryStart,
	"Mandatory Finish":    schedule.MandatoryFinish,
}

var constraintNames = [...]string{
	schedule.ASAP:                "",
	schedule.ALAP:                "As Late As Possible",
	schedule.StartOn:             "Start On",
	schedule.StartNoEarlierThan:  "Start On or After",
	schedule.StartNoLaterThan:    "Start On or Before",
	schedule.FinishOn:            "Finish On",
	schedule.FinishNoEarlierThan: "Finish On or After",
	schedule.FinishNoLaterThan:   "Finish On or Before",
	schedule.MandatoryStart:      "Mandatory Start",
	schedule.MandatoryFinish:     "Mandatory Finish",
}

var linkTypes = map[string]schedule.LinkType{
	"Finish to Start":  schedule.FS,
	"Start to Start":   schedule.SS,
	"Finish to Finish": schedule.FF,
	"Start to Finish":  schedule.SF,
}

var linkTypeNames = [...]string{
	schedule.FS: "Finish to Start",
	schedule.SS: "Start to Start",
	schedule.FF: "Finish to Finish",
	schedule.SF: "Start to Finish",
}

var lagCalendars = map[string]schedule.LagCalendar{
	"Predecessor Activity Calendar": schedule.LagPredecessor,
	"Predecessor":                   schedule.LagPredecessor,
	"Successor Activity Calendar":   schedule.LagSuccessor,
	"Successor":                     schedule.LagSuccessor,
	"24 Hour Calendar":              schedule.Lag24Hour,
	"24 Hour":                       schedule.Lag24Hour,
	"Project Default Calendar":      schedule.LagProjectDefault,
	"Project Default":               schedule.LagProjectDefault,
}

var lagCalendarNames = [...]string{
	schedule.LagPredecessor:    "Predecessor Activity Calendar",
	schedule.LagSuccessor:      "Successor Activity Calendar",
	schedule.Lag24Hour:         "24 Hour Calendar",
	schedule.LagProjectDefault: "Project Default Calendar",
}

var floatTypes = map[string]schedule.FloatType{
	"Finish Float = Late Finish - Early Finish": schedule.FinishFloat,
	"Start Float = Late Start - Early Start":    schedule.StartFloat,
	"Smallest of Start Float and Finish Float":  schedule.SmallestFloat,
}

var floatTypeNames = [...]string{
	schedule.FinishFloat:   "Finish Float = Late Finish - Early Finish",
	schedule.StartFloat:    "Start Float = Late Start - Early Start",
	schedule.SmallestFloat: "Smallest of Start Float and Finish Float",
}

var progressModes = map[string]schedule.ProgressMode{
	"Retained Logic":    schedule.RetainedLogic,
	"Progress Override": schedule.ProgressOverride,
	"Actual Dates":      schedule.ActualDates,
}

var progressModeNames = [...]string{
	schedule.RetainedLogic:    "Retained Logic",
	schedule.ProgressOverride: "Progress Override",
	schedule.ActualDates:      "Actual Dates",
}

// enum looks s up in m, ignoring surrounding space; empty text is absent.
func enum[T any](m map[string]T, s string) (v T, present bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return v, false, nil
	}
	v, ok := m[s]
	if !ok {
		return v, false, fmt.Errorf("unknown value %q", s)
	}
	return v, true, nil
}
