package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// SQLStore is a schedule.Store on tables of our own, in the shape an ERP
// might already have: a row per project, calendar, task and link, a column
// per field. It runs on SQLite through database/sql.
//
// It is deliberately simple. It uses one connection, so every method is one
// transaction that runs alone: atomic and isolated without any locking of its
// own (SQLite lets one writer in at a time anyway). Checks that a row refers
// to one that exists are made in Go, inside the transaction, so that the
// errors name the record and field the way schedule.Store documents.
type SQLStore struct {
	db *sql.DB
}

var _ schedule.Store = (*SQLStore)(nil)

// schema is the store's tables. Ids are TEXT, compared byte by byte (SQLite's
// default BINARY collation), as schedule.Store requires. Instants are minutes
// (schedule.Instant); a calendar's week and exceptions, and a computed result,
// are JSON.
const schema = `
CREATE TABLE IF NOT EXISTS sched_project (
	code             TEXT PRIMARY KEY,
	title            TEXT NOT NULL,
	start_min        INTEGER NOT NULL,
	default_calendar TEXT NOT NULL,
	data_date_min    INTEGER NOT NULL,
	must_finish_min  INTEGER NOT NULL,
	lag_calendar     INTEGER NOT NULL,
	float_type       INTEGER NOT NULL,
	critical_float   INTEGER NOT NULL,
	progress_mode    INTEGER NOT NULL,
	honor_dates      INTEGER NOT NULL,
	version          INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sched_calendar (
	project       TEXT NOT NULL,
	code          TEXT NOT NULL,
	title         TEXT NOT NULL,
	base          TEXT NOT NULL,
	hours_per_day REAL NOT NULL,
	week          TEXT NOT NULL,
	exceptions    TEXT NOT NULL,
	PRIMARY KEY (project, code)
);
CREATE TABLE IF NOT EXISTS sched_task (
	project           TEXT NOT NULL,
	code              TEXT NOT NULL,
	title             TEXT NOT NULL,
	kind              INTEGER NOT NULL,
	calendar          TEXT NOT NULL,
	parent            TEXT NOT NULL,
	duration_min      INTEGER NOT NULL,
	constraint_type   INTEGER NOT NULL,
	constraint_min    INTEGER NOT NULL,
	constraint2_type  INTEGER NOT NULL,
	constraint2_min   INTEGER NOT NULL,
	actual_start_min  INTEGER NOT NULL,
	actual_finish_min INTEGER NOT NULL,
	remaining_min     INTEGER NOT NULL,
	pct_complete      REAL NOT NULL,
	PRIMARY KEY (project, code)
);
CREATE TABLE IF NOT EXISTS sched_link (
	project      TEXT NOT NULL,
	pred         TEXT NOT NULL,
	succ         TEXT NOT NULL,
	type         INTEGER NOT NULL,
	lag_min      INTEGER NOT NULL,
	lag_pct      REAL NOT NULL,
	lag_calendar INTEGER NOT NULL,
	PRIMARY KEY (project, pred, succ)
);
CREATE TABLE IF NOT EXISTS sched_result (
	project TEXT PRIMARY KEY,
	body    TEXT NOT NULL
);`

// OpenSQLStore opens (creating if need be) the SQLite database at path and
// its tables. ":memory:" is a database of its own that lasts until Close.
func OpenSQLStore(ctx context.Context, path string) (*SQLStore, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one connection: see SQLStore
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("create tables: %w", err)
	}
	return &SQLStore{db: db}, nil
}

// Close closes the database.
func (s *SQLStore) Close() error { return s.db.Close() }

// DB returns the database, for queries of the program's own.
func (s *SQLStore) DB() *sql.DB { return s.db }

// Errors, worded as schedule.Store documents them.

func projectRecord(id string) string  { return fmt.Sprintf("project %q", id) }
func activityRecord(id string) string { return fmt.Sprintf("activity %q", id) }
func calendarRecord(id string) string { return fmt.Sprintf("calendar %q", id) }
func linkRecord(pred, succ string) string {
	return fmt.Sprintf("link %q->%q", pred, succ)
}

func noProject(id string) error {
	return lanyan.Errorf(lanyan.CodeNotFound, projectRecord(id), "", "no such project")
}

// inTx runs fn in a transaction, committed if fn returns nil. With one
// connection, it waits for any other method to finish first.
func (s *SQLStore) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// inProject runs fn in a transaction after checking that the project exists.
func (s *SQLStore) inProject(ctx context.Context, projectID string, fn func(tx *sql.Tx) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sched_project WHERE code = ?`, projectID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return noProject(projectID)
		}
		return fn(tx)
	})
}

// Projects.

const projectColumns = `code, title, start_min, default_calendar, data_date_min, must_finish_min,
	lag_calendar, float_type, critical_float, progress_mode, honor_dates, version`

func scanProject(row interface{ Scan(...any) error }) (schedule.StoredProject, error) {
	var p schedule.StoredProject
	var honor int
	err := row.Scan(&p.ID, &p.Name, &p.Start, &p.DefaultCalendar, &p.DataDate, &p.MustFinishBy,
		&p.LagCalendar, &p.FloatType, &p.CriticalFloat, &p.Progress, &honor, &p.Version)
	p.HonorConstraintDates = honor != 0
	return p, err
}

func projectArgs(p schedule.StoredProject) []any {
	honor := 0
	if p.HonorConstraintDates {
		honor = 1
	}
	return []any{p.ID, p.Name, int64(p.Start), p.DefaultCalendar, int64(p.DataDate), int64(p.MustFinishBy),
		int(p.LagCalendar), int(p.FloatType), p.CriticalFloat, int(p.Progress), honor, p.Version}
}

// CreateProject stores a new project with Version 1.
func (s *SQLStore) CreateProject(ctx context.Context, p schedule.StoredProject) (schedule.StoredProject, error) {
	if p.ID == "" {
		return schedule.StoredProject{}, lanyan.Errorf(lanyan.CodeInvalid, projectRecord(""), "id", "is empty")
	}
	p.Version = 1
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sched_project WHERE code = ?`, p.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return lanyan.Errorf(lanyan.CodeConflict, projectRecord(p.ID), "id", "a project with this id exists")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sched_project (`+projectColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, projectArgs(p)...)
		return err
	})
	if err != nil {
		return schedule.StoredProject{}, err
	}
	return p, nil
}

// GetProject returns a project.
func (s *SQLStore) GetProject(ctx context.Context, id string) (schedule.StoredProject, error) {
	var p schedule.StoredProject
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = scanProject(tx.QueryRowContext(ctx, `SELECT `+projectColumns+` FROM sched_project WHERE code = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return noProject(id)
		}
		return err
	})
	return p, err
}

// ListProjects returns a page of the projects, ordered by id.
func (s *SQLStore) ListProjects(ctx context.Context, page schedule.Page) ([]schedule.StoredProject, error) {
	if err := page.Check(ctx); err != nil {
		return nil, err
	}
	var out []schedule.StoredProject
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+projectColumns+` FROM sched_project WHERE code > ? ORDER BY code LIMIT ?`,
			page.After, limit(page))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProject(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// limit is a page's limit for SQL: -1 (none) for 0.
func limit(p schedule.Page) int {
	if p.Limit == 0 {
		return -1
	}
	return p.Limit
}

// UpdateProject replaces a project's record and options if p.Version is the
// stored version.
func (s *SQLStore) UpdateProject(ctx context.Context, p schedule.StoredProject) (schedule.StoredProject, error) {
	err := s.inProject(ctx, p.ID, func(tx *sql.Tx) error {
		next := p
		next.Version++
		args := projectArgs(next)
		res, err := tx.ExecContext(ctx, `UPDATE sched_project SET title = ?, start_min = ?, default_calendar = ?, data_date_min = ?,
			must_finish_min = ?, lag_calendar = ?, float_type = ?, critical_float = ?, progress_mode = ?, honor_dates = ?, version = ?
			WHERE code = ? AND version = ?`, append(args[1:], p.ID, p.Version)...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmpOr(err, lanyan.Errorf(lanyan.CodeConflict, projectRecord(p.ID), "version",
				"is not %d: the project has changed since it was read", p.Version))
		}
		return nil
	})
	if err != nil {
		return schedule.StoredProject{}, err
	}
	p.Version++
	return p, nil
}

// cmpOr returns the first non-nil error.
func cmpOr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// DeleteProject deletes a project with its calendars, activities, links and
// result.
func (s *SQLStore) DeleteProject(ctx context.Context, id string) error {
	return s.inProject(ctx, id, func(tx *sql.Tx) error {
		for _, table := range []string{"sched_link", "sched_task", "sched_calendar", "sched_result"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE project = ?`, id); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sched_project WHERE code = ?`, id)
		return err
	})
}

// Calendars.

func scanCalendar(row interface{ Scan(...any) error }) (schedule.Calendar, error) {
	var c schedule.Calendar
	var week, exceptions string
	if err := row.Scan(&c.ID, &c.Name, &c.Base, &c.HoursPerDay, &week, &exceptions); err != nil {
		return c, err
	}
	if err := json.Unmarshal([]byte(week), &c.Week); err != nil {
		return c, fmt.Errorf("%s: week: %w", calendarRecord(c.ID), err)
	}
	if err := json.Unmarshal([]byte(exceptions), &c.Exceptions); err != nil {
		return c, fmt.Errorf("%s: exceptions: %w", calendarRecord(c.ID), err)
	}
	return c, nil
}

// PutCalendar stores a calendar of a project, replacing the one with the same
// id.
func (s *SQLStore) PutCalendar(ctx context.Context, projectID string, c schedule.Calendar) error {
	return s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		if c.ID == "" {
			return lanyan.Errorf(lanyan.CodeInvalid, calendarRecord(""), "id", "is empty")
		}
		if c.Base != "" {
			if ok, err := exists(ctx, tx, `SELECT COUNT(*) FROM sched_calendar WHERE project = ? AND code = ?`, projectID, c.Base); err != nil || !ok {
				return cmpOr(err, lanyan.Errorf(lanyan.CodeNotFound, calendarRecord(c.ID), "base", "unknown calendar %q", c.Base))
			}
		}
		week, err := json.Marshal(c.Week) // a nil day (inherited) is left out; an empty one is kept
		if err != nil {
			return err
		}
		exceptions, err := json.Marshal(c.Exceptions)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO sched_calendar (project, code, title, base, hours_per_day, week, exceptions)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, projectID, c.ID, c.Name, c.Base, c.HoursPerDay, string(week), string(exceptions))
		return err
	})
}

// exists reports whether a COUNT(*) query counts any rows.
func exists(ctx context.Context, tx *sql.Tx, query string, args ...any) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, query, args...).Scan(&n)
	return n > 0, err
}

// GetCalendar returns a calendar of a project.
func (s *SQLStore) GetCalendar(ctx context.Context, projectID, id string) (schedule.Calendar, error) {
	var c schedule.Calendar
	err := s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		var err error
		c, err = scanCalendar(tx.QueryRowContext(ctx, `SELECT code, title, base, hours_per_day, week, exceptions
			FROM sched_calendar WHERE project = ? AND code = ?`, projectID, id))
		if errors.Is(err, sql.ErrNoRows) {
			return lanyan.Errorf(lanyan.CodeNotFound, calendarRecord(id), "", "no such calendar in %s", projectRecord(projectID))
		}
		return err
	})
	return c, err
}

// ListCalendars returns the calendars of a project, ordered by id.
func (s *SQLStore) ListCalendars(ctx context.Context, projectID string) ([]schedule.Calendar, error) {
	var cs []schedule.Calendar
	err := s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		var err error
		cs, err = listCalendars(ctx, tx, projectID)
		return err
	})
	return cs, err
}

func listCalendars(ctx context.Context, tx *sql.Tx, projectID string) ([]schedule.Calendar, error) {
	rows, err := tx.QueryContext(ctx, `SELECT code, title, base, hours_per_day, week, exceptions
		FROM sched_calendar WHERE project = ? ORDER BY code`, projectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []schedule.Calendar
	for rows.Next() {
		c, err := scanCalendar(rows)
		if err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}

// DeleteCalendar deletes a calendar that no activity or calendar refers to.
func (s *SQLStore) DeleteCalendar(ctx context.Context, projectID, id string) error {
	return s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		if ok, err := exists(ctx, tx, `SELECT COUNT(*) FROM sched_calendar WHERE project = ? AND code = ?`, projectID, id); err != nil || !ok {
			return cmpOr(err, lanyan.Errorf(lanyan.CodeNotFound, calendarRecord(id), "", "no such calendar in %s", projectRecord(projectID)))
		}
		var user string
		err := tx.QueryRowContext(ctx, `SELECT code FROM sched_task WHERE project = ? AND calendar = ? ORDER BY code LIMIT 1`, projectID, id).Scan(&user)
		if err == nil {
			return lanyan.Errorf(lanyan.CodeConflict, calendarRecord(id), "", "is the calendar of %s", activityRecord(user))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT code FROM sched_calendar WHERE project = ? AND base = ? AND code <> ? ORDER BY code LIMIT 1`, projectID, id, id).Scan(&user)
		if err == nil {
			return lanyan.Errorf(lanyan.CodeConflict, calendarRecord(id), "", "is the base of %s", calendarRecord(user))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sched_calendar WHERE project = ? AND code = ?`, projectID, id)
		return err
	})
}

// Activities.

const taskColumns = `code, title, kind, calendar, parent, duration_min, constraint_type, constraint_min,
	constraint2_type, constraint2_min, actual_start_min, actual_finish_min, remaining_min, pct_complete`

func scanTask(row interface{ Scan(...any) error }) (schedule.Activity, error) {
	// Plain int64s scan fastest; the fields' own types would go through
	// reflection.
	var a schedule.Activity
	var kind, c1, c1Date, c2, c2Date, start, finish int64
	err := row.Scan(&a.ID, &a.Name, &kind, &a.Calendar, &a.Parent, &a.Duration, &c1, &c1Date,
		&c2, &c2Date, &start, &finish, &a.RemainingDuration, &a.PercentComplete)
	a.Kind = schedule.Kind(kind)
	a.Constraint = schedule.Constraint{Type: schedule.ConstraintType(c1), Date: schedule.Instant(c1Date)}
	a.Constraint2 = schedule.Constraint{Type: schedule.ConstraintType(c2), Date: schedule.Instant(c2Date)}
	a.ActualStart, a.ActualFinish = schedule.Instant(start), schedule.Instant(finish)
	return a, err
}

// set returns the values of a query's one column as a set.
func set(ctx context.Context, tx *sql.Tx, query string, args ...any) (map[string]bool, error) {
	vals, err := column(ctx, tx, query, args...)
	if err != nil {
		return nil, err
	}
	m := make(map[string]bool, len(vals))
	for _, v := range vals {
		m[v] = true
	}
	return m, nil
}

// PutActivities stores a batch of activities, all or nothing: the batch is
// checked whole before a row is written, and the transaction undoes a
// failure half-way.
func (s *SQLStore) PutActivities(ctx context.Context, projectID string, as []schedule.Activity) error {
	return s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		batch := make(map[string]bool, len(as))
		for i, a := range as {
			if a.ID == "" {
				return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("activity %d", i), "id", "is empty")
			}
			if batch[a.ID] {
				return lanyan.Errorf(lanyan.CodeInvalid, activityRecord(a.ID), "id", "appears more than once in the batch")
			}
			batch[a.ID] = true
		}
		stored, err := set(ctx, tx, `SELECT code FROM sched_task WHERE project = ?`, projectID)
		if err != nil {
			return err
		}
		calendars, err := set(ctx, tx, `SELECT code FROM sched_calendar WHERE project = ?`, projectID)
		if err != nil {
			return err
		}
		for _, a := range as {
			if a.Parent != "" && !batch[a.Parent] && !stored[a.Parent] {
				return lanyan.Errorf(lanyan.CodeNotFound, activityRecord(a.ID), "parent", "unknown activity %q", a.Parent)
			}
			if a.Calendar != "" && !calendars[a.Calendar] {
				return lanyan.Errorf(lanyan.CodeNotFound, activityRecord(a.ID), "calendar", "unknown calendar %q", a.Calendar)
			}
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO sched_task (project, `+taskColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, a := range as {
			_, err := stmt.ExecContext(ctx, projectID, a.ID, a.Name, int(a.Kind), a.Calendar, a.Parent, a.Duration,
				int(a.Constraint.Type), int64(a.Constraint.Date), int(a.Constraint2.Type), int64(a.Constraint2.Date),
				int64(a.ActualStart), int64(a.ActualFinish), a.RemainingDuration, a.PercentComplete)
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// GetActivity returns an activity of a project.
func (s *SQLStore) GetActivity(ctx context.Context, projectID, id string) (schedule.Activity, error) {
	var a schedule.Activity
	err := s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		var err error
		a, err = scanTask(tx.QueryRowContext(ctx, `SELECT `+taskColumns+` FROM sched_task WHERE project = ? AND code = ?`, projectID, id))
		if errors.Is(err, sql.ErrNoRows) {
			return lanyan.Errorf(lanyan.CodeNotFound, activityRecord(id), "", "no such activity in %s", projectRecord(projectID))
		}
		return err
	})
	return a, err
}

// ListActivities returns a page of the activities of a project, ordered by id.
func (s *SQLStore) ListActivities(ctx context.Context, projectID string, page schedule.Page) ([]schedule.Activity, error) {
	if err := page.Check(ctx); err != nil {
		return nil, err
	}
	var as []schedule.Activity
	err := s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		var err error
		as, err = listTasks(ctx, tx, projectID, page)
		return err
	})
	return as, err
}

func listTasks(ctx context.Context, tx *sql.Tx, projectID string, page schedule.Page) ([]schedule.Activity, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+taskColumns+` FROM sched_task WHERE project = ? AND code > ? ORDER BY code LIMIT ?`,
		projectID, page.After, limit(page))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var as []schedule.Activity
	for rows.Next() {
		a, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		as = append(as, a)
	}
	return as, rows.Err()
}

// DeleteActivities deletes activities and the links to and from them, all or
// nothing: not at all if one of them is the parent of an activity that stays.
// It reads the project's parents and links once rather than keep indexes on
// them, which would slow down every batch put.
func (s *SQLStore) DeleteActivities(ctx context.Context, projectID string, idList []string) error {
	return s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		gone := make(map[string]bool, len(idList))
		for _, id := range idList {
			gone[id] = true
		}
		rows, err := tx.QueryContext(ctx, `SELECT code, parent FROM sched_task WHERE project = ? AND parent <> '' ORDER BY code`, projectID)
		if err != nil {
			return err
		}
		var conflict error
		for rows.Next() && conflict == nil {
			var code, parent string
			if err := rows.Scan(&code, &parent); err != nil {
				rows.Close()
				return err
			}
			if gone[parent] && !gone[code] {
				conflict = lanyan.Errorf(lanyan.CodeConflict, activityRecord(parent), "", "is the parent of %s, which is not deleted", activityRecord(code))
			}
		}
		rows.Close()
		if err := cmpOr(conflict, rows.Err()); err != nil {
			return err
		}
		links, err := listLinks(ctx, tx, projectID)
		if err != nil {
			return err
		}
		for _, l := range links {
			if gone[l.Pred] || gone[l.Succ] {
				if _, err := tx.ExecContext(ctx, `DELETE FROM sched_link WHERE project = ? AND pred = ? AND succ = ?`, projectID, l.Pred, l.Succ); err != nil {
					return err
				}
			}
		}
		for id := range gone {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sched_task WHERE project = ? AND code = ?`, projectID, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// column returns the values of a query's one column.
func column(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Links.

const linkColumns = `pred, succ, type, lag_min, lag_pct, lag_calendar`

// PutLinks stores a batch of links, all or nothing.
func (s *SQLStore) PutLinks(ctx context.Context, projectID string, ls []schedule.Link) error {
	return s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		stored, err := set(ctx, tx, `SELECT code FROM sched_task WHERE project = ?`, projectID)
		if err != nil {
			return err
		}
		batch := make(map[schedule.LinkKey]bool, len(ls))
		for i, l := range ls {
			if l.Pred == "" || l.Succ == "" {
				field := "pred"
				if l.Pred != "" {
					field = "succ"
				}
				return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("link %d", i), field, "is empty")
			}
			k := schedule.LinkKey{Pred: l.Pred, Succ: l.Succ}
			if batch[k] {
				return lanyan.Errorf(lanyan.CodeInvalid, linkRecord(l.Pred, l.Succ), "", "appears more than once in the batch")
			}
			batch[k] = true
			if !stored[l.Pred] {
				return lanyan.Errorf(lanyan.CodeNotFound, linkRecord(l.Pred, l.Succ), "pred", "unknown activity %q", l.Pred)
			}
			if !stored[l.Succ] {
				return lanyan.Errorf(lanyan.CodeNotFound, linkRecord(l.Pred, l.Succ), "succ", "unknown activity %q", l.Succ)
			}
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO sched_link (project, `+linkColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, l := range ls {
			if _, err := stmt.ExecContext(ctx, projectID, l.Pred, l.Succ, int(l.Type), l.Lag, l.LagPercent, int(l.LagCalendar)); err != nil {
				return err
			}
		}
		return nil
	})
}

// ListLinks returns the links of a project, ordered by Pred then Succ.
func (s *SQLStore) ListLinks(ctx context.Context, projectID string) ([]schedule.Link, error) {
	var ls []schedule.Link
	err := s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		var err error
		ls, err = listLinks(ctx, tx, projectID)
		return err
	})
	return ls, err
}

func listLinks(ctx context.Context, tx *sql.Tx, projectID string) ([]schedule.Link, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+linkColumns+` FROM sched_link WHERE project = ? ORDER BY pred, succ`, projectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ls []schedule.Link
	for rows.Next() {
		var l schedule.Link
		if err := rows.Scan(&l.Pred, &l.Succ, &l.Type, &l.Lag, &l.LagPercent, &l.LagCalendar); err != nil {
			return nil, err
		}
		ls = append(ls, l)
	}
	return ls, rows.Err()
}

// DeleteLinks deletes the links with the given keys.
func (s *SQLStore) DeleteLinks(ctx context.Context, projectID string, keys []schedule.LinkKey) error {
	return s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sched_link WHERE project = ? AND pred = ? AND succ = ?`, projectID, k.Pred, k.Succ); err != nil {
				return err
			}
		}
		return nil
	})
}

// Networks and results.

// LoadNetwork returns a project's network, read in one transaction.
func (s *SQLStore) LoadNetwork(ctx context.Context, projectID string) (*schedule.Network, error) {
	var net *schedule.Network
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		p, err := scanProject(tx.QueryRowContext(ctx, `SELECT `+projectColumns+` FROM sched_project WHERE code = ?`, projectID))
		if errors.Is(err, sql.ErrNoRows) {
			return noProject(projectID)
		}
		if err != nil {
			return err
		}
		net = &schedule.Network{Project: p.Project, Options: p.Options}
		if net.Calendars, err = listCalendars(ctx, tx, projectID); err != nil {
			return err
		}
		if net.Activities, err = listTasks(ctx, tx, projectID, schedule.Page{}); err != nil {
			return err
		}
		net.Links, err = listLinks(ctx, tx, projectID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return net, nil
}

// SaveResult stores a project's computed schedule, replacing the one before.
func (s *SQLStore) SaveResult(ctx context.Context, projectID string, r *schedule.Result) error {
	if r == nil {
		return lanyan.Errorf(lanyan.CodeInvalid, projectRecord(projectID), "result", "is nil")
	}
	body, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO sched_result (project, body) VALUES (?, ?)`, projectID, string(body))
		return err
	})
}

// LoadResult returns the result saved last for a project.
func (s *SQLStore) LoadResult(ctx context.Context, projectID string) (*schedule.Result, error) {
	var r schedule.Result
	err := s.inProject(ctx, projectID, func(tx *sql.Tx) error {
		var body string
		err := tx.QueryRowContext(ctx, `SELECT body FROM sched_result WHERE project = ?`, projectID).Scan(&body)
		if errors.Is(err, sql.ErrNoRows) {
			return lanyan.Errorf(lanyan.CodeNotFound, projectRecord(projectID), "result", "no result has been saved")
		}
		if err != nil {
			return err
		}
		return json.NewDecoder(strings.NewReader(body)).Decode(&r)
	})
	if err != nil {
		return nil, err
	}
	return &r, nil
}
