package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/lanyan-dev/lanyan/schedule"
)

// DayCalendars returns the calendars of a project, ordered by id, with only
// what converting durations between days and minutes needs: id, base and
// hours per day. It reads far less than ListCalendars, whose calendars carry
// every exception: the API writes each page of activities with it.
func (s *ScheduleStore) DayCalendars(ctx context.Context, projectID string) ([]schedule.Calendar, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rows, err := s.r.one().QueryContext(ctx, s.q(`SELECT c.doc FROM schedule_projects p
		LEFT JOIN schedule_calendars c ON c.tenant = p.tenant AND c.project = p.id
		WHERE p.tenant = ? AND p.id = ? ORDER BY c.id`), s.tenant, lookupKey(projectID))
	if err != nil {
		return nil, s.r.d.wrap(ctx, err)
	}
	defer rows.Close()
	found := false
	out := []schedule.Calendar{}
	for rows.Next() {
		found = true
		var doc sql.RawBytes
		if err := rows.Scan(&doc); err != nil {
			return nil, s.r.d.wrap(ctx, err)
		}
		if doc == nil {
			continue
		}
		// The skipped fields are scanned, not decoded.
		var c struct {
			ID          string  `json:"id"`
			Base        string  `json:"base"`
			HoursPerDay float64 `json:"hoursPerDay"`
		}
		if err := json.Unmarshal(doc, &c); err != nil {
			return nil, fmt.Errorf("calendar document: %w", err)
		}
		out = append(out, schedule.Calendar{ID: c.ID, Base: c.Base, HoursPerDay: c.HoursPerDay})
	}
	if err := rows.Err(); err != nil {
		return nil, s.r.d.wrap(ctx, err)
	}
	if !found {
		return nil, noProject(projectID)
	}
	return out, nil
}
