package cost

import (
	"fmt"

	"github.com/lanyan-dev/lanyan"
)

// AccountBreach is a variance threshold that one element of the breakdown (or the
// project, with an empty ID) breaches.
type AccountBreach struct {
	ID     string `json:"id"`
	Level  int    `json:"level"`
	Breach Breach `json:"breach"`
}

// FlagVariances checks every element of the analysis and the project against the
// thresholds of its level (byLevel[0] for the project, [1] for elements directly
// under it, and so on; levels beyond the slice use its last entry) and returns the
// breaches, project first and then in the order of [Analysis.Statuses]. Current
// figures are those of the status period (the series' period metrics at the
// status period), cumulative and at-completion figures those at the status date.
func (a *Analysis) FlagVariances(byLevel []Thresholds) ([]AccountBreach, error) {
	if len(byLevel) == 0 {
		return nil, nil
	}
	for i, t := range byLevel {
		if err := t.Validate(); err != nil {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("thresholds of level %d", i), "", "%v", err)
		}
	}
	var out []AccountBreach
	check := func(s Status) {
		t := byLevel[min(s.Level, len(byLevel)-1)]
		var current Metrics
		if ser, ok := a.Series(s.ID); ok {
			if k := len(ser.PeriodMetrics); k > 0 {
				current = ser.PeriodMetrics[k-1]
			}
		}
		for _, b := range t.Check(current, s.Metrics, s.Metrics) {
			out = append(out, AccountBreach{ID: s.ID, Level: s.Level, Breach: b})
		}
	}
	for _, s := range a.Statuses() { // the project first
		check(s)
	}
	return out, nil
}
