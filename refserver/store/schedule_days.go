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
	return s.calendarDocs(ctx, projectID, func(doc []byte) (schedule.Calendar, error) {
		// The skipped fields are scanned, not decoded.
		var c struct {
			ID          string  `json:"id"`
			Base        string  `json:"base"`
			HoursPerDay float64 `json:"hoursPerDay"`
		}
		if err := json.Unmarshal(doc, &c); err != nil {
			return schedule.Calendar{}, fmt.Errorf("calendar document: %w", err)
		}
		return schedule.Calendar{ID: c.ID, Base: c.Base, HoursPerDay: c.HoursPerDay}, nil
	})
}

// LinkPage returns up to limit links of a project ordered by predecessor
// then successor, those after (afterPred, afterSucc) when hasAfter, and only
// those from pred and to succ when they are given. It reads one page, where
// ListLinks reads every link of the project.
func (s *ScheduleStore) LinkPage(ctx context.Context, projectID string, hasAfter bool, afterPred, afterSucc, pred, succ string, limit int) ([]schedule.Link, error) {
	var out []schedule.Link
	err := s.read(ctx, func(tx *sql.Tx) error {
		if _, err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		q := `SELECT doc FROM schedule_links WHERE tenant = ? AND project = ?`
		args := []any{s.tenant, projectID}
		if hasAfter {
			q += ` AND (pred > ? OR (pred = ? AND succ > ?))`
			args = append(args, afterPred, afterPred, afterSucc)
		}
		if pred != "" {
			q += ` AND pred = ?`
			args = append(args, lookupKey(pred))
		}
		if succ != "" {
			q += ` AND succ = ?`
			args = append(args, lookupKey(succ))
		}
		q += ` ORDER BY pred, succ LIMIT ?`
		args = append(args, limit)
		docs, err := readDocuments(ctx, tx, s.q(q), args...)
		if err != nil {
			return err
		}
		out, err = decodeDocuments(docs, "link", decodeLink)
		return err
	})
	return out, err
}
