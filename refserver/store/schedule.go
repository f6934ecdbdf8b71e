package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// ScheduleStore is the [schedule.Store] of one tenant: its projects with their
// calendars, activities, links and results. Another tenant's data is out of
// its sight, so two tenants may use the same project ids.
//
// Each record is kept as the encoding/json document of its schedule type,
// beside the key columns it is found, ordered and checked by (see
// migrations/*/0002_schedule.sql). Each method is one transaction: a batch
// is checked whole, with set-based lookups, before a row is written, and
// written by multi-row statements. On PostgreSQL, whose transactions are
// serializable, a write that keeps failing to serialize against others is
// retried with random pauses.
//
// Beyond what the interface documents, two things are refused with
// lanyan.ErrInvalid, because the database or the document could not hold
// them: an id that is not valid UTF-8 or holds a NUL character (field "id",
// or "after" of a page), and a value outside what the JSON form can write
// back — an instant or date outside the years 0000–9999, a NaN or infinite
// number, a calendar period outside 00:00–24:00. References holding such
// text are simply not found.
type ScheduleStore struct {
	r      runner
	tenant string
	owner  *Tx // the Atomically transaction it runs in, if any
}

var _ schedule.Store = (*ScheduleStore)(nil)

// Schedule returns the schedule store of a tenant (an id as CreateTenant
// takes). Each method runs in a transaction of its own.
func (d *DB) Schedule(tenant string) *ScheduleStore {
	return &ScheduleStore{r: runner{d: d}, tenant: tenant}
}

// Schedule returns the schedule store of a tenant whose methods run in the
// transaction of [DB.Atomically], each behind a savepoint, so that a method
// that fails leaves nothing of itself and the transaction can go on.
func (t *Tx) Schedule(tenant string) *ScheduleStore {
	return &ScheduleStore{r: runner{d: t.d, tx: t.tx}, tenant: tenant, owner: t}
}

// Batches are written by multi-row statements of at most this many rows. On
// SQLite it is a prepared INSERT of that many rows of values: a few rows a
// statement save most of the cost of a statement a row, and more gain
// nothing, since the driver binds parameters in time quadratic in their
// number (SQLite's own limit is 32,766). On PostgreSQL it is an INSERT from
// unnest of a text array a column, which has no parameter limit but is kept
// to a moderate size.
const (
	sqliteChunk   = 32
	postgresChunk = 10000
)

// Records and errors, worded as schedule.MemStore words them.

func projRecord(id string) string { return fmt.Sprintf("project %q", id) }
func calRecord(id string) string  { return fmt.Sprintf("calendar %q", id) }
func actRecord(id string) string  { return fmt.Sprintf("activity %q", id) }
func linkRecord(k schedule.LinkKey) string {
	return fmt.Sprintf("link %q->%q", k.Pred, k.Succ)
}

func noProject(id string) error {
	return lanyan.Errorf(lanyan.CodeNotFound, projRecord(id), "", "no such project")
}

func noCalendar(projectID, id string) error {
	return lanyan.Errorf(lanyan.CodeNotFound, calRecord(id), "", "no such calendar in %s", projRecord(projectID))
}

func noActivity(projectID, id string) error {
	return lanyan.Errorf(lanyan.CodeNotFound, actRecord(id), "", "no such activity in %s", projRecord(projectID))
}

// storableText reports whether s can be a key: PostgreSQL's text holds neither
// invalid UTF-8 nor NUL.
func storableText(s string) bool { return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 }

// lookupKey returns s to look up, or "" (never a stored id) when s cannot be stored,
// so that the lookup finds nothing instead of failing.
func lookupKey(s string) string {
	if storableText(s) {
		return s
	}
	return ""
}

func unstorableID(rec string) error {
	return lanyan.Errorf(lanyan.CodeInvalid, rec, "id", "must be valid UTF-8 without NUL characters")
}

// The range of instants and dates that the JSON documents write and read
// back: the years 0000–9999.
var (
	minDocDate    = date.New(0, time.January, 1)
	maxDocDate    = date.New(9999, time.December, 31)
	minDocInstant = schedule.At(minDocDate, 0)
	maxDocInstant = schedule.At(maxDocDate, schedule.MinutesPerDay-1)
)

func checkInstant(rec, field string, t schedule.Instant) error {
	if t != 0 && (t < minDocInstant || t > maxDocInstant) {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, field, "instant %d is outside the years 0000–9999", int64(t))
	}
	return nil
}

func checkFinite(rec, field string, f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return lanyan.Errorf(lanyan.CodeInvalid, rec, field, "must be a finite number")
	}
	return nil
}

// Documents.

// projectDoc is the document of a project row; its version is a column.
type projectDoc struct {
	schedule.Project
	schedule.Options
}

func encodeProject(p schedule.StoredProject) (string, error) {
	rec := projRecord(p.ID)
	for _, f := range []struct {
		name string
		t    schedule.Instant
	}{{"start", p.Start}, {"dataDate", p.DataDate}, {"mustFinishBy", p.MustFinishBy}} {
		if err := checkInstant(rec, f.name, f.t); err != nil {
			return "", err
		}
	}
	b, err := json.Marshal(projectDoc{p.Project, p.Options})
	if err != nil {
		return "", lanyan.Errorf(lanyan.CodeInvalid, rec, "", "%v", err)
	}
	return string(b), nil
}

func decodeProject(doc []byte, version int64) (schedule.StoredProject, error) {
	var d projectDoc
	if err := json.Unmarshal(doc, &d); err != nil {
		return schedule.StoredProject{}, fmt.Errorf("project document: %w", err)
	}
	return schedule.StoredProject{Project: d.Project, Options: d.Options, Version: version}, nil
}

func encodeCalendar(c schedule.Calendar) (string, error) {
	rec := calRecord(c.ID)
	if err := checkFinite(rec, "hoursPerDay", c.HoursPerDay); err != nil {
		return "", err
	}
	periods := func(field string, ps []schedule.Period) error {
		for i, p := range ps {
			if p.Start < 0 || p.Start > schedule.MinutesPerDay || p.End < 0 || p.End > schedule.MinutesPerDay {
				return lanyan.Errorf(lanyan.CodeInvalid, rec, field, "period %d is not within 00:00–24:00", i)
			}
		}
		return nil
	}
	for d, ps := range c.Week {
		if err := periods("week."+strings.ToLower(time.Weekday(d).String()), ps); err != nil {
			return "", err
		}
	}
	for i, e := range c.Exceptions {
		field := fmt.Sprintf("exceptions[%d]", i)
		if e.From < minDocDate || e.From > maxDocDate || (e.To != 0 && (e.To < minDocDate || e.To > maxDocDate)) {
			return "", lanyan.Errorf(lanyan.CodeInvalid, rec, field, "a date is outside the years 0000–9999")
		}
		if err := periods(field, e.Periods); err != nil {
			return "", err
		}
	}
	b, err := json.Marshal(c)
	if err != nil {
		return "", lanyan.Errorf(lanyan.CodeInvalid, rec, "", "%v", err)
	}
	return string(b), nil
}

func decodeCalendar(doc []byte) (schedule.Calendar, error) {
	var c schedule.Calendar
	if err := json.Unmarshal(doc, &c); err != nil {
		return c, fmt.Errorf("calendar document: %w", err)
	}
	return c, nil
}

func encodeActivity(a *schedule.Activity) (string, error) {
	// The record is named only when something is wrong.
	for _, t := range [...]schedule.Instant{a.Constraint.Date, a.Constraint2.Date, a.ActualStart, a.ActualFinish} {
		if t != 0 && (t < minDocInstant || t > maxDocInstant) {
			rec := actRecord(a.ID)
			for _, f := range []struct {
				name string
				t    schedule.Instant
			}{
				{"constraint.date", a.Constraint.Date}, {"constraint2.date", a.Constraint2.Date},
				{"actualStart", a.ActualStart}, {"actualFinish", a.ActualFinish},
			} {
				if err := checkInstant(rec, f.name, f.t); err != nil {
					return "", err
				}
			}
		}
	}
	if math.IsNaN(a.PercentComplete) || math.IsInf(a.PercentComplete, 0) {
		return "", checkFinite(actRecord(a.ID), "percentComplete", a.PercentComplete)
	}
	return string(appendActivity(make([]byte, 0, 256), a)), nil
}

func encodeLink(l *schedule.Link) (string, error) {
	if math.IsNaN(l.LagPercent) || math.IsInf(l.LagPercent, 0) {
		return "", checkFinite(linkRecord(schedule.LinkKey{Pred: l.Pred, Succ: l.Succ}), "lagPercent", l.LagPercent)
	}
	return string(appendLink(make([]byte, 0, 128), l)), nil
}

func encodeResult(projectID string, r *schedule.Result) (string, error) {
	rec := projRecord(projectID)
	if err := checkInstant(rec, "result", r.EarlyFinish); err != nil {
		return "", err
	}
	for i := range r.Activities {
		a := &r.Activities[i]
		for _, t := range [...]schedule.Instant{a.EarlyStart, a.EarlyFinish, a.LateStart, a.LateFinish, a.RemainingEarlyStart, a.RemainingEarlyFinish} {
			if t != 0 && (t < minDocInstant || t > maxDocInstant) {
				return "", lanyan.Errorf(lanyan.CodeInvalid, rec, "result", "%s: instant %d is outside the years 0000–9999", actRecord(a.ID), int64(t))
			}
		}
	}
	return string(appendResult(make([]byte, 0, 64+320*len(r.Activities)+6*len(r.Driving)), r)), nil
}

// Running statements.

// write runs fn in the store's transaction or a new read-write one.
//
// On PostgreSQL, writers of one project read what the others write (a
// parent, the ends of a link, the links of a deleted activity), so under
// serializable isolation they often fail to serialize when they run at the
// same time, and a small project, held in few index pages, makes that
// likelier. runner.write retries a few times; a transaction that still fails
// is tried again here, after a random pause that grows with each attempt,
// so that the writers spread out rather than collide again.
func (s *ScheduleStore) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.r.tx != nil {
		err := s.inSavepoint(ctx, fn)
		if err == nil && s.owner != nil {
			s.owner.committed = append(s.owner.committed, func() { s.r.d.gens.bump(s.tenant) })
		}
		return s.r.d.wrap(ctx, err)
	}
	for attempt := 0; ; attempt++ {
		err := s.r.write(ctx, fn)
		if err == nil {
			s.r.d.gens.bump(s.tenant)
		}
		if err == nil || attempt >= writeRetries || !s.r.d.retryable(err) {
			return s.r.d.wrap(ctx, err)
		}
		pause := time.Duration(rand.Int64N(int64(time.Millisecond) << min(attempt+1, 7)))
		select {
		case <-ctx.Done():
			return s.r.d.wrap(ctx, err)
		case <-time.After(pause):
		}
	}
}

// inSavepoint runs fn in the transaction of Atomically behind a savepoint,
// so that a method that fails part way (a database error, or its context
// canceled in the middle of a batch) leaves nothing of itself in the
// transaction, and a PostgreSQL transaction stays usable after it.
func (s *ScheduleStore) inSavepoint(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tx := s.r.tx
	if _, err := tx.ExecContext(ctx, "SAVEPOINT lanyan_schedule"); err != nil {
		return err
	}
	err := fn(tx)
	if err == nil {
		err = ctx.Err()
	}
	bg := context.WithoutCancel(ctx)
	if err != nil {
		if _, rerr := tx.ExecContext(bg, "ROLLBACK TO SAVEPOINT lanyan_schedule"); rerr != nil {
			return errors.Join(err, rerr)
		}
	}
	if _, rerr := tx.ExecContext(bg, "RELEASE SAVEPOINT lanyan_schedule"); err == nil {
		err = rerr
	}
	return err
}

// writeRetries is how many times write tries a transaction again after
// runner.write gives up on it.
const writeRetries = 12

// read runs fn in the store's transaction or a new read-only one.
func (s *ScheduleStore) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.r.d.wrap(ctx, s.r.read(ctx, fn))
}

// q rewrites a statement's placeholders for the dialect.
func (s *ScheduleStore) q(query string) string { return s.r.d.q(query) }

func (s *ScheduleStore) postgres() bool { return s.r.d.dialect == Postgres }

// checkProject returns the version of a project, or the error that it does
// not exist.
func (s *ScheduleStore) checkProject(ctx context.Context, q queryer, id string) (int64, error) {
	var v int64
	err := q.QueryRowContext(ctx, s.q(`SELECT version FROM schedule_projects WHERE tenant = ? AND id = ?`), s.tenant, lookupKey(id)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, noProject(id)
	}
	return v, err
}

// Sets of keys are looked up, and deleted, with one statement whatever
// their size: on SQLite the keys go as a JSON array read by json_each, on
// PostgreSQL as text arrays, one a column, unnested. On PostgreSQL each key
// then probes the index by itself, in a lateral subquery behind OFFSET 0,
// which the planner cannot turn into a join of the two sets: its estimates
// of a big project's rows come from statistics of the whole table and may be
// far out, and a nested loop chosen on such estimates makes a join of a
// hundred thousand keys with a hundred thousand rows run for minutes.

// matchKeys returns the FROM and WHERE of a statement on the project's rows
// of table whose columns cols equal one of the keys (vals holds one slice
// per column), with the arguments they take: on SQLite the rows of table
// itself, on PostgreSQL rows x of a lateral subquery selecting sel. A
// secondary index that serves the lookup is named, for SQLite, which would
// otherwise scan the project's rows with a Bloom filter of the keys.
func (s *ScheduleStore) matchKeys(table, index, sel, extra, projectID string, cols []string, vals ...[]string) (string, []any, error) {
	if extra != "" {
		extra = " AND " + extra
	}
	if s.postgres() {
		var b strings.Builder
		args := make([]any, 0, len(cols)+2)
		b.WriteString(`unnest(` + strings.TrimSuffix(strings.Repeat(`?::text[], `, len(cols)), ", ") + `) AS k(`)
		for i := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "k%d", i)
			args = append(args, vals[i])
		}
		b.WriteString(`) CROSS JOIN LATERAL (SELECT ` + sel + ` FROM ` + table + ` WHERE tenant = ? AND project = ?` + extra)
		for i, c := range cols {
			fmt.Fprintf(&b, " AND %s = k.k%d", c, i)
		}
		b.WriteString(` OFFSET 0) AS x`)
		return b.String(), append(args, s.tenant, projectID), nil
	}
	var arg []byte
	var err error
	var in string
	if len(cols) == 1 {
		arg, err = json.Marshal(vals[0])
		in = cols[0] + ` IN (SELECT value FROM json_each(?))`
	} else {
		tuples := make([][]string, len(vals[0]))
		for i := range tuples {
			tuples[i] = make([]string, len(cols))
			for j := range cols {
				tuples[i][j] = vals[j][i]
			}
		}
		arg, err = json.Marshal(tuples)
		parts := make([]string, len(cols))
		for j := range cols {
			parts[j] = fmt.Sprintf("value ->> %d", j)
		}
		in = `(` + strings.Join(cols, ", ") + `) IN (SELECT ` + strings.Join(parts, ", ") + ` FROM json_each(?))`
	}
	if err != nil {
		return "", nil, err
	}
	if index != "" {
		table += " INDEXED BY " + index
	}
	return table + ` WHERE tenant = ? AND project = ?` + extra + ` AND ` + in, []any{s.tenant, projectID, string(arg)}, nil
}

// forBigSet prepares the transaction for a statement over a set of n keys:
// on PostgreSQL, a big one turns JIT compilation off for the rest of the
// transaction, since the planner's cost of n index probes, high as it is,
// would buy a compilation that takes longer than the probes.
func (s *ScheduleStore) forBigSet(ctx context.Context, tx *sql.Tx, n int) error {
	if !s.postgres() || n < 5000 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SET LOCAL jit = off`)
	return err
}

// selectKeys returns a statement selecting the columns sel of the project's
// rows of table that match one of the keys, as matchKeys, and its arguments.
func (s *ScheduleStore) selectKeys(table, index, sel, extra, projectID string, cols []string, vals ...[]string) (string, []any, error) {
	from, args, err := s.matchKeys(table, index, sel, extra, projectID, cols, vals...)
	if err != nil {
		return "", nil, err
	}
	if s.postgres() {
		return s.q(`SELECT x.* FROM ` + from), args, nil
	}
	return `SELECT ` + sel + ` FROM ` + from, args, nil
}

// deleteKeys deletes the project's rows of table that match one of the keys,
// as matchKeys.
func (s *ScheduleStore) deleteKeys(ctx context.Context, tx *sql.Tx, table, index, projectID string, cols []string, vals ...[]string) error {
	from, args, err := s.matchKeys(table, index, "ctid", "", projectID, cols, vals...)
	if err != nil {
		return err
	}
	query := `DELETE FROM ` + from
	if s.postgres() {
		// A scan of the rows' addresses, which the lateral probes find.
		query = s.q(`DELETE FROM ` + table + ` WHERE ctid = ANY(ARRAY(SELECT x.ctid FROM ` + from + `))`)
	}
	_, err = tx.ExecContext(ctx, query, args...)
	return err
}

// queryStrings runs a query whose rows are one text column and returns them.
func queryStrings(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// storedActivities returns which of the given ids (distinct, and storable) are
// activities of a project.
func (s *ScheduleStore) storedActivities(ctx context.Context, tx *sql.Tx, projectID string, ids []string) (map[string]bool, error) {
	found := make(map[string]bool, len(ids))
	if len(ids) == 0 {
		return found, nil
	}
	if err := s.forBigSet(ctx, tx, len(ids)); err != nil {
		return nil, err
	}
	query, args, err := s.selectKeys("schedule_activities", "", "id", "", projectID, []string{"id"}, ids)
	if err != nil {
		return nil, err
	}
	got, err := queryStrings(ctx, tx, query, args...)
	if err != nil {
		return nil, err
	}
	for _, id := range got {
		found[id] = true
	}
	return found, nil
}

// rowTable describes a table of a project's records for putRows: its
// columns after tenant and project, the first nkeys of them completing the
// primary key.
type rowTable struct {
	name  string
	cols  []string
	nkeys int
}

var (
	activityRows = rowTable{"schedule_activities", []string{"id", "parent", "calendar", "doc"}, 1}
	linkRows     = rowTable{"schedule_links", []string{"pred", "succ", "doc"}, 2}
)

// putRows writes the rows of a batch whose indexes are given: plain INSERTs
// when fresh says none of them is stored, else upserts that replace the rows
// with the same key. (Separating the two pays on PostgreSQL, where INSERT …
// ON CONFLICT of a new row costs twice a plain INSERT.) fill writes the text
// values of row i, in t's column order.
func (s *ScheduleStore) putRows(ctx context.Context, tx *sql.Tx, t rowTable, projectID string, rows []int, fresh bool, fill func(i int, row []string)) error {
	if len(rows) == 0 {
		return nil
	}
	tail := ""
	if !fresh {
		var b strings.Builder
		b.WriteString(` ON CONFLICT (tenant, project, ` + strings.Join(t.cols[:t.nkeys], ", ") + `) DO UPDATE SET `)
		for i, c := range t.cols[t.nkeys:] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(c + ` = excluded.` + c)
		}
		tail = b.String()
	}
	head := `INSERT INTO ` + t.name + ` (tenant, project, ` + strings.Join(t.cols, ", ") + `) `
	row := make([]string, len(t.cols))

	if s.postgres() {
		// One statement per chunk, with a text array per column.
		query := s.q(head + `SELECT ?::text, ?::text, * FROM unnest(` +
			strings.Repeat(`?::text[], `, len(t.cols)-1) + `?::text[])` + tail)
		arrays := make([][]string, len(t.cols))
		for start := 0; start < len(rows); start += postgresChunk {
			chunk := rows[start:min(start+postgresChunk, len(rows))]
			for j := range arrays {
				arrays[j] = arrays[j][:0]
			}
			for _, i := range chunk {
				fill(i, row)
				for j, v := range row {
					arrays[j] = append(arrays[j], v)
				}
			}
			args := make([]any, 0, 2+len(t.cols))
			args = append(args, s.tenant, projectID)
			for _, a := range arrays {
				args = append(args, a)
			}
			if _, err := tx.ExecContext(ctx, query, args...); err != nil {
				return err
			}
		}
		return nil
	}

	// SQLite: a prepared statement of sqliteChunk rows, then one for the rest.
	one := "(?, ?" + strings.Repeat(", ?", len(t.cols)) + ")"
	if fresh {
		// Rows known to be new go in with OR IGNORE: as no constraint can then
		// abort the statement, SQLite keeps no statement journal for it (which
		// spilled to a temporary file). A row ignored all the same is an error.
		head = strings.Replace(head, "INSERT INTO", "INSERT OR IGNORE INTO", 1)
	}
	prepare := func(n int) (*sql.Stmt, error) {
		return tx.PrepareContext(ctx, head+"VALUES "+one+strings.Repeat(", "+one, n-1)+tail)
	}
	args := make([]any, 0, min(len(rows), sqliteChunk)*(2+len(t.cols)))
	exec := func(stmt *sql.Stmt, chunk []int) error {
		args = args[:0]
		for _, i := range chunk {
			fill(i, row)
			args = append(args, s.tenant, projectID)
			for _, v := range row {
				args = append(args, v)
			}
		}
		res, err := stmt.ExecContext(ctx, args...)
		if err != nil || !fresh {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != int64(len(chunk)) {
			return fmt.Errorf("%s: %d of %d new rows not inserted", t.name, int64(len(chunk))-n, len(chunk))
		}
		return nil
	}
	full := len(rows) - len(rows)%sqliteChunk
	if full > 0 {
		stmt, err := prepare(sqliteChunk)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for start := 0; start < full; start += sqliteChunk {
			if err := exec(stmt, rows[start:start+sqliteChunk]); err != nil {
				return err
			}
		}
	}
	if full < len(rows) {
		stmt, err := prepare(len(rows) - full)
		if err != nil {
			return err
		}
		defer stmt.Close()
		return exec(stmt, rows[full:])
	}
	return nil
}

// hasRows reports whether a project has rows in a table.
func (s *ScheduleStore) hasRows(ctx context.Context, tx *sql.Tx, table, projectID string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM (SELECT 1 FROM `+table+` WHERE tenant = ? AND project = ? LIMIT 1) AS t`), s.tenant, projectID).Scan(&n)
	return n > 0, err
}

// splitStored returns the indexes of the rows of a batch of n that are stored and
// of those that are not, as stored(i) says.
func splitStored(n int, stored func(i int) bool) (old, fresh []int) {
	for i := range n {
		if stored(i) {
			old = append(old, i)
		} else {
			fresh = append(fresh, i)
		}
	}
	return old, fresh
}

// Projects.

// CreateProject stores a new project with Version 1.
func (s *ScheduleStore) CreateProject(ctx context.Context, p schedule.StoredProject) (schedule.StoredProject, error) {
	if err := ctx.Err(); err != nil {
		return schedule.StoredProject{}, err
	}
	if p.ID == "" {
		return schedule.StoredProject{}, lanyan.Errorf(lanyan.CodeInvalid, projRecord(""), "id", "is empty")
	}
	if !storableText(p.ID) {
		return schedule.StoredProject{}, unstorableID(projRecord(p.ID))
	}
	p.Version = 1
	doc, docErr := encodeProject(p)
	err := s.write(ctx, func(tx *sql.Tx) error {
		taken := lanyan.Errorf(lanyan.CodeConflict, projRecord(p.ID), "id", "a project with this id exists")
		if docErr != nil {
			_, err := s.checkProject(ctx, tx, p.ID)
			switch {
			case err == nil:
				return taken
			case errors.Is(err, lanyan.ErrNotFound):
				return docErr
			}
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO schedule_projects (tenant, id, version, doc) VALUES (?, ?, 1, ?) ON CONFLICT (tenant, id) DO NOTHING`),
			s.tenant, p.ID, doc)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return taken
		}
		return nil
	})
	if err != nil {
		return schedule.StoredProject{}, err
	}
	return p, nil
}

// GetProject returns a project.
func (s *ScheduleStore) GetProject(ctx context.Context, id string) (schedule.StoredProject, error) {
	if err := ctx.Err(); err != nil {
		return schedule.StoredProject{}, err
	}
	var version int64
	var doc []byte
	err := s.r.one().QueryRowContext(ctx, s.q(`SELECT version, doc FROM schedule_projects WHERE tenant = ? AND id = ?`), s.tenant, lookupKey(id)).Scan(&version, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return schedule.StoredProject{}, noProject(id)
	}
	if err != nil {
		return schedule.StoredProject{}, s.r.d.wrap(ctx, err)
	}
	return decodeProject(doc, version)
}

// ListProjects returns a page of the projects, ordered by id.
func (s *ScheduleStore) ListProjects(ctx context.Context, page schedule.Page) ([]schedule.StoredProject, error) {
	if err := checkSchedulePage(ctx, page); err != nil {
		return nil, err
	}
	rows, err := s.r.one().QueryContext(ctx, s.q(`SELECT version, doc FROM schedule_projects WHERE tenant = ? AND id > ? ORDER BY id LIMIT ?`),
		s.tenant, page.After, pageLimit(page))
	if err != nil {
		return nil, s.r.d.wrap(ctx, err)
	}
	defer rows.Close()
	out := []schedule.StoredProject{}
	for rows.Next() {
		var version int64
		var doc sql.RawBytes
		if err := rows.Scan(&version, &doc); err != nil {
			return nil, s.r.d.wrap(ctx, err)
		}
		p, err := decodeProject(doc, version)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, s.r.d.wrap(ctx, err)
	}
	return out, nil
}

// checkSchedulePage checks a page as schedule.Page.Check does, and that After is text
// the database can compare.
func checkSchedulePage(ctx context.Context, page schedule.Page) error {
	if err := page.Check(ctx); err != nil {
		return err
	}
	if !storableText(page.After) {
		return lanyan.Errorf(lanyan.CodeInvalid, "page", "after", "must be valid UTF-8 without NUL characters")
	}
	return nil
}

// pageLimit returns the SQL LIMIT of a page: all rows when it has none.
func pageLimit(page schedule.Page) int64 {
	if page.Limit == 0 {
		return math.MaxInt64
	}
	return int64(page.Limit)
}

// UpdateProject replaces a project's record and options if p.Version is
// current, with UPDATE … WHERE version = p.Version.
func (s *ScheduleStore) UpdateProject(ctx context.Context, p schedule.StoredProject) (schedule.StoredProject, error) {
	doc, docErr := encodeProject(p)
	err := s.write(ctx, func(tx *sql.Tx) error {
		if docErr == nil {
			res, err := tx.ExecContext(ctx, s.q(`UPDATE schedule_projects SET version = version + 1, doc = ? WHERE tenant = ? AND id = ? AND version = ?`),
				doc, s.tenant, lookupKey(p.ID), p.Version)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 1 {
				return nil
			}
		}
		// Not updated: say why.
		v, err := s.checkProject(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if v != p.Version {
			return lanyan.Errorf(lanyan.CodeConflict, projRecord(p.ID), "version",
				"is %d, not %d: the project has changed since it was read", v, p.Version)
		}
		if docErr != nil {
			return docErr
		}
		return fmt.Errorf("update of %s changed no row", projRecord(p.ID))
	})
	if err != nil {
		return schedule.StoredProject{}, err
	}
	p.Version++
	return p, nil
}

// DeleteProject deletes a project with its calendars, activities, links and
// result. (The tables have no foreign keys, which would cost a check per row
// written; every write checks its project in its transaction instead.)
func (s *ScheduleStore) DeleteProject(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM schedule_projects WHERE tenant = ? AND id = ?`), s.tenant, lookupKey(id))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return noProject(id)
		}
		for _, table := range []string{"schedule_links", "schedule_activities", "schedule_calendars", "schedule_results"} {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+table+` WHERE tenant = ? AND project = ?`), s.tenant, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// Calendars.

// PutCalendar stores a calendar of a project, replacing the one with the same
// id.
func (s *ScheduleStore) PutCalendar(ctx context.Context, projectID string, c schedule.Calendar) error {
	doc, docErr := encodeCalendar(c)
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		if c.ID == "" {
			return lanyan.Errorf(lanyan.CodeInvalid, calRecord(""), "id", "is empty")
		}
		if !storableText(c.ID) {
			return unstorableID(calRecord(c.ID))
		}
		if c.Base != "" {
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM schedule_calendars WHERE tenant = ? AND project = ? AND id = ?`),
				s.tenant, projectID, lookupKey(c.Base)).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return lanyan.Errorf(lanyan.CodeNotFound, calRecord(c.ID), "base", "unknown calendar %q", c.Base)
			}
		}
		if docErr != nil {
			return docErr
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO schedule_calendars (tenant, project, id, base, doc) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (tenant, project, id) DO UPDATE SET base = excluded.base, doc = excluded.doc`),
			s.tenant, projectID, c.ID, c.Base, doc)
		return err
	})
}

// GetCalendar returns a calendar of a project.
func (s *ScheduleStore) GetCalendar(ctx context.Context, projectID, id string) (schedule.Calendar, error) {
	if err := ctx.Err(); err != nil {
		return schedule.Calendar{}, err
	}
	// One statement: no row when the project is missing, a NULL document when
	// the calendar is.
	var doc []byte
	err := s.r.one().QueryRowContext(ctx, s.q(`SELECT c.doc FROM schedule_projects p
		LEFT JOIN schedule_calendars c ON c.tenant = p.tenant AND c.project = p.id AND c.id = ?
		WHERE p.tenant = ? AND p.id = ?`), lookupKey(id), s.tenant, lookupKey(projectID)).Scan(&doc)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return schedule.Calendar{}, noProject(projectID)
	case err != nil:
		return schedule.Calendar{}, s.r.d.wrap(ctx, err)
	case doc == nil:
		return schedule.Calendar{}, noCalendar(projectID, id)
	}
	return decodeCalendar(doc)
}

// ListCalendars returns the calendars of a project, ordered by id.
func (s *ScheduleStore) ListCalendars(ctx context.Context, projectID string) ([]schedule.Calendar, error) {
	return s.calendarDocs(ctx, projectID, decodeCalendar)
}

// calendarDocs reads the calendars of a project in one statement (a project
// has few), ordered by id, decoding each document with decode.
func (s *ScheduleStore) calendarDocs(ctx context.Context, projectID string, decode func([]byte) (schedule.Calendar, error)) ([]schedule.Calendar, error) {
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
		c, err := decode(doc)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, s.r.d.wrap(ctx, err)
	}
	if !found {
		return nil, noProject(projectID)
	}
	return out, nil
}

// listCalendars returns the calendars of a project known to exist.
func (s *ScheduleStore) listCalendars(ctx context.Context, tx *sql.Tx, projectID string) ([]schedule.Calendar, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT doc FROM schedule_calendars WHERE tenant = ? AND project = ? ORDER BY id`), s.tenant, projectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schedule.Calendar{}
	for rows.Next() {
		var doc sql.RawBytes
		if err := rows.Scan(&doc); err != nil {
			return nil, err
		}
		c, err := decodeCalendar(doc)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// DeleteCalendar deletes a calendar no activity or other calendar refers to.
func (s *ScheduleStore) DeleteCalendar(ctx context.Context, projectID, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM schedule_calendars WHERE tenant = ? AND project = ? AND id = ?`),
			s.tenant, projectID, lookupKey(id)).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return noCalendar(projectID, id)
		}
		// Report the first referrer by id, so that the error is the same every time.
		var ref string
		err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM schedule_activities WHERE tenant = ? AND project = ? AND calendar = ? ORDER BY id LIMIT 1`),
			s.tenant, projectID, id).Scan(&ref)
		if err == nil {
			return lanyan.Errorf(lanyan.CodeConflict, calRecord(id), "", "is the calendar of %s", actRecord(ref))
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		err = tx.QueryRowContext(ctx, s.q(`SELECT id FROM schedule_calendars WHERE tenant = ? AND project = ? AND base = ? AND id <> ? ORDER BY id LIMIT 1`),
			s.tenant, projectID, id, id).Scan(&ref)
		if err == nil {
			return lanyan.Errorf(lanyan.CodeConflict, calRecord(id), "", "is the base of %s", calRecord(ref))
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`DELETE FROM schedule_calendars WHERE tenant = ? AND project = ? AND id = ?`), s.tenant, projectID, id)
		return err
	})
}

// Activities.

// PutActivities stores a batch of activities, all or nothing. The batch is
// checked and encoded before its transaction begins; in the transaction,
// the batch's ids and the parents outside it are looked up with one
// statement (none when the project has no activities yet) and the
// calendars are read once; then new rows are inserted and stored ones
// replaced by multi-row statements.
func (s *ScheduleStore) PutActivities(ctx context.Context, projectID string, as []schedule.Activity) error {
	// Identity first, as schedule.MemStore checks it.
	var idErr error
	batch := make(map[string]struct{}, len(as))
	for i := range as {
		id := as[i].ID
		if id == "" {
			idErr = lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("activity %d", i), "id", "is empty")
			break
		}
		if _, dup := batch[id]; dup {
			idErr = lanyan.Errorf(lanyan.CodeInvalid, actRecord(id), "id", "appears more than once in the batch")
			break
		}
		if !storableText(id) {
			idErr = unstorableID(actRecord(id))
			break
		}
		batch[id] = struct{}{}
	}
	var docs []string
	var docErr error
	var lookup []string // the batch's ids, then the parents outside it
	needCalendars := false
	if idErr == nil {
		docs, docErr = encodeDocuments(len(as), func(i int) (string, error) { return encodeActivity(&as[i]) })
		lookup = make([]string, len(as), len(as)+1)
		seen := map[string]bool{}
		for i := range as {
			a := &as[i]
			lookup[i] = a.ID
			if a.Parent != "" && storableText(a.Parent) && !seen[a.Parent] {
				seen[a.Parent] = true
				if _, ok := batch[a.Parent]; !ok {
					lookup = append(lookup, a.Parent)
				}
			}
			needCalendars = needCalendars || a.Calendar != ""
		}
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		if idErr != nil {
			return idErr
		}
		// Which of the batch and of the parents outside it are stored: one
		// statement, or none for a project without activities (an import).
		stored := map[string]bool{}
		if some, err := s.hasRows(ctx, tx, "schedule_activities", projectID); err != nil {
			return err
		} else if some {
			if stored, err = s.storedActivities(ctx, tx, projectID, lookup); err != nil {
				return err
			}
		}
		parents := stored
		calendars := map[string]bool{}
		if needCalendars {
			ids, err := queryStrings(ctx, tx, s.q(`SELECT id FROM schedule_calendars WHERE tenant = ? AND project = ?`), s.tenant, projectID)
			if err != nil {
				return err
			}
			for _, id := range ids {
				calendars[id] = true
			}
		}
		for i := range as {
			a := &as[i]
			if a.Parent != "" {
				if _, inBatch := batch[a.Parent]; !inBatch && !parents[a.Parent] {
					return lanyan.Errorf(lanyan.CodeNotFound, actRecord(a.ID), "parent", "unknown activity %q", a.Parent)
				}
			}
			if a.Calendar != "" && !calendars[a.Calendar] {
				return lanyan.Errorf(lanyan.CodeNotFound, actRecord(a.ID), "calendar", "unknown calendar %q", a.Calendar)
			}
		}
		if docErr != nil {
			return docErr
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		fill := func(i int, row []string) {
			row[0], row[1], row[2], row[3] = as[i].ID, as[i].Parent, as[i].Calendar, docs[i]
		}
		old, fresh := splitStored(len(as), func(i int) bool { return stored[as[i].ID] })
		if err := s.putRows(ctx, tx, activityRows, projectID, fresh, true, fill); err != nil {
			return err
		}
		return s.putRows(ctx, tx, activityRows, projectID, old, false, fill)
	})
}

// GetActivity returns an activity of a project.
func (s *ScheduleStore) GetActivity(ctx context.Context, projectID, id string) (schedule.Activity, error) {
	if err := ctx.Err(); err != nil {
		return schedule.Activity{}, err
	}
	var doc []byte
	err := s.r.one().QueryRowContext(ctx, s.q(`SELECT a.doc FROM schedule_projects p
		LEFT JOIN schedule_activities a ON a.tenant = p.tenant AND a.project = p.id AND a.id = ?
		WHERE p.tenant = ? AND p.id = ?`), lookupKey(id), s.tenant, lookupKey(projectID)).Scan(&doc)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return schedule.Activity{}, noProject(projectID)
	case err != nil:
		return schedule.Activity{}, s.r.d.wrap(ctx, err)
	case doc == nil:
		return schedule.Activity{}, noActivity(projectID, id)
	}
	var a schedule.Activity
	if err := decodeActivity(doc, &a); err != nil {
		return schedule.Activity{}, fmt.Errorf("activity document: %w", err)
	}
	return a, nil
}

// ListActivities returns a page of the activities of a project, ordered by id.
// A page that finds activities takes one statement (they exist only in a
// project that does); an empty one is told apart from a missing project in a
// read transaction.
func (s *ScheduleStore) ListActivities(ctx context.Context, projectID string, page schedule.Page) ([]schedule.Activity, error) {
	if err := checkSchedulePage(ctx, page); err != nil {
		return nil, err
	}
	const query = `SELECT doc FROM schedule_activities WHERE tenant = ? AND project = ? AND id > ? ORDER BY id LIMIT ?`
	out, err := scanActivities(ctx, s.r.one(), s.q(query), s.tenant, lookupKey(projectID), page.After, pageLimit(page))
	if err != nil || len(out) > 0 {
		return out, s.r.d.wrap(ctx, err)
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		if _, err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		out, err = scanActivities(ctx, tx, s.q(query), s.tenant, projectID, page.After, pageLimit(page))
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// scanActivities runs a query of activity documents and decodes them.
func scanActivities(ctx context.Context, q queryer, query string, args ...any) ([]schedule.Activity, error) {
	docs, err := readDocuments(ctx, q, query, args...)
	if err != nil {
		return nil, err
	}
	return decodeDocuments(docs, "activity", decodeActivity)
}

// readDocuments runs a query whose rows are one document each and returns the
// documents, copied into one buffer.
func readDocuments(ctx context.Context, q queryer, query string, args ...any) ([][]byte, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var buf []byte
	var ends []int
	for rows.Next() {
		var doc sql.RawBytes
		if err := rows.Scan(&doc); err != nil {
			return nil, err
		}
		buf = append(buf, doc...)
		ends = append(ends, len(buf))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	docs := make([][]byte, len(ends))
	start := 0
	for i, end := range ends {
		docs[i] = buf[start:end:end]
		start = end
	}
	return docs, nil
}

// decodeDocuments decodes documents into values of T with decode, on
// several goroutines when there are many of them.
func decodeDocuments[T any](docs [][]byte, what string, decode func([]byte, *T) error) ([]T, error) {
	out := make([]T, len(docs))
	var mu sync.Mutex
	var bad error
	parallelRanges(len(docs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if err := decode(docs[i], &out[i]); err != nil {
				mu.Lock()
				bad = fmt.Errorf("%s document: %w", what, err)
				mu.Unlock()
				return
			}
		}
	})
	if bad != nil {
		return nil, bad
	}
	return out, nil
}

// encodeDocuments encodes n records with enc, on several goroutines when there are
// many of them, and returns the documents, or the error of the first record
// that enc refuses.
func encodeDocuments(n int, enc func(i int) (string, error)) ([]string, error) {
	docs := make([]string, n)
	var mu sync.Mutex
	bad, badErr := n, error(nil)
	parallelRanges(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			doc, err := enc(i)
			if err != nil {
				mu.Lock()
				if i < bad {
					bad, badErr = i, err
				}
				mu.Unlock()
				return
			}
			docs[i] = doc
		}
	})
	return docs, badErr
}

// parallelRanges calls fn on consecutive ranges that cover [0, n), on up to
// GOMAXPROCS goroutines when n is large enough for that to pay.
func parallelRanges(n int, fn func(lo, hi int)) {
	const grain = 4096
	workers := min(runtime.GOMAXPROCS(0), (n+grain-1)/grain)
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	size := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += size {
		wg.Go(func() { fn(lo, min(lo+size, n)) })
	}
	wg.Wait()
}

// DeleteActivities deletes activities and the links to and from them, all or
// nothing.
func (s *ScheduleStore) DeleteActivities(ctx context.Context, projectID string, ids []string) error {
	gone := make(map[string]bool, len(ids))
	set := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" && storableText(id) && !gone[id] {
			gone[id] = true
			set = append(set, id)
		}
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		if len(set) == 0 {
			return nil
		}
		if err := s.forBigSet(ctx, tx, len(set)); err != nil {
			return err
		}
		// Children of deleted activities, in id order: the first one that stays
		// is the one to report, as schedule.MemStore does.
		query, args, err := s.selectKeys("schedule_activities", "schedule_activities_parent", "id, parent", "parent <> ''", projectID, []string{"parent"}, set)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, query+` ORDER BY id`, args...)
		if err != nil {
			return err
		}
		var conflict error
		for rows.Next() {
			var child, parent string
			if err := rows.Scan(&child, &parent); err != nil {
				rows.Close()
				return err
			}
			if !gone[child] {
				conflict = lanyan.Errorf(lanyan.CodeConflict, actRecord(parent), "", "is the parent of %s, which is not deleted", actRecord(child))
				break
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if conflict != nil {
			return conflict
		}
		for _, d := range []struct{ table, index, col string }{
			{"schedule_links", "", "pred"}, {"schedule_links", "schedule_links_succ", "succ"}, {"schedule_activities", "", "id"},
		} {
			if err := s.deleteKeys(ctx, tx, d.table, d.index, projectID, []string{d.col}, set); err != nil {
				return err
			}
		}
		return nil
	})
}

// Links.

// PutLinks stores a batch of links, all or nothing: the activities they join
// are looked up with one statement.
func (s *ScheduleStore) PutLinks(ctx context.Context, projectID string, ls []schedule.Link) error {
	docs, docErr := encodeDocuments(len(ls), func(i int) (string, error) { return encodeLink(&ls[i]) })
	ends := map[string]bool{}
	var refs []string
	for i := range ls {
		l := &ls[i]
		for _, id := range [2]string{l.Pred, l.Succ} {
			if id != "" && storableText(id) && !ends[id] {
				ends[id] = true
				refs = append(refs, id)
			}
		}
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		stored, err := s.storedActivities(ctx, tx, projectID, refs)
		if err != nil {
			return err
		}
		batch := make(map[schedule.LinkKey]struct{}, len(ls))
		for i := range ls {
			l := &ls[i]
			k := schedule.LinkKey{Pred: l.Pred, Succ: l.Succ}
			if err := schedule.CheckLinkInBatch(batch, i, l); err != nil {
				return err
			}
			if !stored[l.Pred] {
				return lanyan.Errorf(lanyan.CodeNotFound, linkRecord(k), "pred", "unknown activity %q", l.Pred)
			}
			if !stored[l.Succ] {
				return lanyan.Errorf(lanyan.CodeNotFound, linkRecord(k), "succ", "unknown activity %q", l.Succ)
			}
		}
		if docErr != nil {
			return docErr
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		// Which links of the batch are stored, to replace them: none in a
		// project without links (an import).
		var existing map[schedule.LinkKey]bool
		if some, err := s.hasRows(ctx, tx, "schedule_links", projectID); err != nil {
			return err
		} else if some {
			if existing, err = s.storedLinks(ctx, tx, projectID, ls); err != nil {
				return err
			}
		}
		fill := func(i int, row []string) {
			row[0], row[1], row[2] = ls[i].Pred, ls[i].Succ, docs[i]
		}
		old, fresh := splitStored(len(ls), func(i int) bool { return existing[schedule.LinkKey{Pred: ls[i].Pred, Succ: ls[i].Succ}] })
		if err := s.putRows(ctx, tx, linkRows, projectID, fresh, true, fill); err != nil {
			return err
		}
		return s.putRows(ctx, tx, linkRows, projectID, old, false, fill)
	})
}

// ListLinks returns the links of a project, ordered by Pred then Succ.
func (s *ScheduleStore) ListLinks(ctx context.Context, projectID string) ([]schedule.Link, error) {
	var out []schedule.Link
	err := s.read(ctx, func(tx *sql.Tx) error {
		if _, err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		var err error
		out, err = s.listLinks(ctx, tx, projectID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *ScheduleStore) listLinks(ctx context.Context, tx *sql.Tx, projectID string) ([]schedule.Link, error) {
	docs, err := readDocuments(ctx, tx, s.q(`SELECT doc FROM schedule_links WHERE tenant = ? AND project = ? ORDER BY pred, succ`), s.tenant, projectID)
	if err != nil {
		return nil, err
	}
	return decodeDocuments(docs, "link", decodeLink)
}

// storedLinks returns which links of a batch (with storable ends) are stored.
func (s *ScheduleStore) storedLinks(ctx context.Context, tx *sql.Tx, projectID string, ls []schedule.Link) (map[schedule.LinkKey]bool, error) {
	preds := make([]string, len(ls))
	succs := make([]string, len(ls))
	for i, l := range ls {
		preds[i], succs[i] = l.Pred, l.Succ
	}
	if err := s.forBigSet(ctx, tx, len(ls)); err != nil {
		return nil, err
	}
	query, args, err := s.selectKeys("schedule_links", "", "pred, succ", "", projectID, []string{"pred", "succ"}, preds, succs)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := map[schedule.LinkKey]bool{}
	for rows.Next() {
		var k schedule.LinkKey
		if err := rows.Scan(&k.Pred, &k.Succ); err != nil {
			return nil, err
		}
		found[k] = true
	}
	return found, rows.Err()
}

// DeleteLinks deletes the links with the given keys; keys not stored are
// ignored.
func (s *ScheduleStore) DeleteLinks(ctx context.Context, projectID string, keys []schedule.LinkKey) error {
	preds := make([]string, 0, len(keys))
	succs := make([]string, 0, len(keys))
	for _, k := range keys {
		if storableText(k.Pred) && storableText(k.Succ) {
			preds = append(preds, k.Pred)
			succs = append(succs, k.Succ)
		}
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		if len(preds) == 0 {
			return nil
		}
		if err := s.forBigSet(ctx, tx, len(preds)); err != nil {
			return err
		}
		return s.deleteKeys(ctx, tx, "schedule_links", "", projectID, []string{"pred", "succ"}, preds, succs)
	})
}

// Networks and results.

// LoadNetwork returns a project's network, read in one read-only transaction.
func (s *ScheduleStore) LoadNetwork(ctx context.Context, projectID string) (*schedule.Network, error) {
	var net schedule.Network
	err := s.read(ctx, func(tx *sql.Tx) error {
		var version int64
		var doc []byte
		err := tx.QueryRowContext(ctx, s.q(`SELECT version, doc FROM schedule_projects WHERE tenant = ? AND id = ?`), s.tenant, lookupKey(projectID)).Scan(&version, &doc)
		if errors.Is(err, sql.ErrNoRows) {
			return noProject(projectID)
		}
		if err != nil {
			return err
		}
		p, err := decodeProject(doc, version)
		if err != nil {
			return err
		}
		net = schedule.Network{Project: p.Project, Options: p.Options}
		if net.Calendars, err = s.listCalendars(ctx, tx, projectID); err != nil {
			return err
		}
		if net.Activities, err = scanActivities(ctx, tx, s.q(`SELECT doc FROM schedule_activities WHERE tenant = ? AND project = ? ORDER BY id`), s.tenant, projectID); err != nil {
			return err
		}
		net.Links, err = s.listLinks(ctx, tx, projectID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &net, nil
}

// SaveResult stores a project's computed schedule, replacing the previous one.
func (s *ScheduleStore) SaveResult(ctx context.Context, projectID string, r *schedule.Result) error {
	var doc string
	var docErr error
	if r != nil {
		doc, docErr = encodeResult(projectID, r)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		if r == nil {
			return lanyan.Errorf(lanyan.CodeInvalid, projRecord(projectID), "result", "is nil")
		}
		if docErr != nil {
			return docErr
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO schedule_results (tenant, project, doc) VALUES (?, ?, ?)
			ON CONFLICT (tenant, project) DO UPDATE SET doc = excluded.doc`), s.tenant, projectID, doc)
		return err
	})
}

// LoadResult returns the result saved last for a project.
func (s *ScheduleStore) LoadResult(ctx context.Context, projectID string) (*schedule.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var doc []byte
	err := s.r.one().QueryRowContext(ctx, s.q(`SELECT r.doc FROM schedule_projects p
		LEFT JOIN schedule_results r ON r.tenant = p.tenant AND r.project = p.id
		WHERE p.tenant = ? AND p.id = ?`), s.tenant, lookupKey(projectID)).Scan(&doc)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, noProject(projectID)
	case err != nil:
		return nil, s.r.d.wrap(ctx, err)
	case doc == nil:
		return nil, lanyan.Errorf(lanyan.CodeNotFound, projRecord(projectID), "result", "no result has been saved")
	}
	r := &schedule.Result{}
	if err := decodeResult(doc, r); err != nil {
		return nil, fmt.Errorf("result document: %w", err)
	}
	return r, nil
}
