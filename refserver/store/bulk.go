package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/lanyan-dev/lanyan/schedule"
)

// Batches of many rows are written and looked up a chunk of rows per
// statement, never a statement per row for a check:
//   - PostgreSQL stores a chunk with one multi-row INSERT … VALUES (…), (…) …
//     ON CONFLICT … DO UPDATE, for few round trips, within its limit of 65535
//     parameters;
//   - SQLite, in process, stores a row per execution of one prepared INSERT …
//     ON CONFLICT … DO UPDATE: a multi-row statement there costs more, as
//     SQLite keeps a statement journal for it and the driver binds parameters
//     in time quadratic in their number;
//   - keys are looked up with … IN (…), a chunk of keys at a time (on
//     PostgreSQL, one array of them).
//
// A chunk's row count is a power of two, so that a batch of any size is sent
// with a few distinct statement texts, which the drivers and PostgreSQL cache.

// bulkParams is the most parameters of a chunk's statement.
func bulkParams(d Dialect) int {
	if d == Postgres {
		return 8192
	}
	return 512
}

// bulkRows returns the number of rows of cols columns in a full chunk: the
// largest power of two whose parameters, with fixed others, fit.
func bulkRows(d Dialect, cols, fixed int) int {
	most := max(1, (bulkParams(d)-fixed)/cols)
	size := 1
	for size*2 <= most {
		size *= 2
	}
	return size
}

// bulkChunks calls fn with consecutive ranges [lo, hi) covering n rows: full
// chunks of size rows (a power of two), then the rest in chunks of smaller
// powers of two.
func bulkChunks(n, rows int, fn func(lo, hi int) error) error {
	size := rows
	for lo := 0; lo < n; {
		for size > n-lo {
			size /= 2
		}
		if err := fn(lo, lo+size); err != nil {
			return err
		}
		lo += size
	}
	return nil
}

// bulkSQL builds a statement with the dialect's placeholders; it numbers
// PostgreSQL's as it goes, so that the pieces may be written with ?.
type bulkSQL struct {
	b  strings.Builder
	pg bool
	n  int
}

func newBulkSQL(d Dialect) *bulkSQL { return &bulkSQL{pg: d == Postgres} }

// text appends s, turning each ? into the dialect's next placeholder.
func (s *bulkSQL) text(t string) *bulkSQL {
	for {
		i := strings.IndexByte(t, '?')
		if i < 0 {
			s.b.WriteString(t)
			return s
		}
		s.b.WriteString(t[:i])
		s.param()
		t = t[i+1:]
	}
}

func (s *bulkSQL) param() {
	s.n++
	if s.pg {
		s.b.WriteByte('$')
		s.b.WriteString(strconv.Itoa(s.n))
	} else {
		s.b.WriteByte('?')
	}
}

// list appends n placeholders separated by commas.
func (s *bulkSQL) list(n int) *bulkSQL {
	for i := range n {
		if i > 0 {
			s.b.WriteString(", ")
		}
		s.param()
	}
	return s
}

// rows appends n parenthesised rows of cols placeholders.
func (s *bulkSQL) rows(n, cols int) *bulkSQL {
	for i := range n {
		if i > 0 {
			s.b.WriteString(", ")
		}
		s.b.WriteByte('(')
		s.list(cols)
		s.b.WriteByte(')')
	}
	return s
}

func (s *bulkSQL) String() string { return s.b.String() }

// bulkTable describes a table for bulkPut: its columns, the leading ones
// forming the primary key.
type bulkTable struct {
	name string
	cols []string
	keys int // the first keys columns are the primary key
}

// upsert returns the statement storing n rows, replacing those with the same
// key.
func (t bulkTable) upsert(d Dialect, n int) string {
	s := newBulkSQL(d)
	s.text("INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES ")
	s.rows(n, len(t.cols))
	s.text(" ON CONFLICT (" + strings.Join(t.cols[:t.keys], ", ") + ") DO UPDATE SET ")
	for i, c := range t.cols[t.keys:] {
		if i > 0 {
			s.text(", ")
		}
		s.text(c + " = excluded." + c)
	}
	return s.String()
}

// bulkPut stores n rows in t, replacing those with the same key; row(i, args)
// appends row i's values, in t's column order, to args.
func bulkPut(ctx context.Context, d Dialect, tx *sql.Tx, t bulkTable, n int, row func(i int, args []any) []any) error {
	full := 1
	exec := context.WithoutCancel(ctx) // checked between rows instead
	if d == Postgres {
		full, exec = bulkRows(d, len(t.cols), 0), ctx
	}
	var stmt *sql.Stmt // for full chunks, when there are several
	if n >= 2*full {
		var err error
		if stmt, err = tx.PrepareContext(ctx, t.upsert(d, full)); err != nil {
			return err
		}
		defer stmt.Close()
	}
	args := make([]any, 0, min(n, full)*len(t.cols))
	return bulkChunks(n, full, func(lo, hi int) error {
		if lo%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		args = args[:0]
		for i := lo; i < hi; i++ {
			args = row(i, args)
		}
		var err error
		if stmt != nil && hi-lo == full {
			_, err = stmt.ExecContext(exec, args...)
		} else {
			_, err = tx.ExecContext(exec, t.upsert(d, hi-lo), args...)
		}
		return err
	})
}

// bulkPGKeys is the most keys in one PostgreSQL array parameter.
const bulkPGKeys = 1 << 16

// bulkKeys calls fn for each chunk of keys with the statement and its
// arguments. The statement has the fixed arguments' placeholders (?) and then
// one %s, after a column, where the test of that column against the chunk
// goes: on SQLite IN (?, ?, …); on PostgreSQL = ANY(?), the chunk as one array,
// which is either an index condition or, in a custom plan, a hashed filter,
// so the statement takes time linear in the keys and rows whatever the
// planner's estimates (an IN (SELECT unnest(…)) may be planned as a nested
// loop over both).
func bulkKeys(d Dialect, statement string, fixed []any, keys []string, fn func(stmt string, args []any) error) error {
	head, tail, _ := strings.Cut(statement, "%s")
	if d == Postgres {
		stmt := newBulkSQL(d).text(head + "= ANY(?::text[])" + tail).String()
		for lo := 0; lo < len(keys); lo += bulkPGKeys {
			chunk := keys[lo:min(lo+bulkPGKeys, len(keys))]
			if err := fn(stmt, append(slices.Clip(fixed), chunk)); err != nil {
				return err
			}
		}
		return nil
	}
	full := bulkRows(d, 1, len(fixed))
	args := make([]any, 0, len(fixed)+min(len(keys), full))
	return bulkChunks(len(keys), full, func(lo, hi int) error {
		args = append(args[:0], fixed...)
		for _, k := range keys[lo:hi] {
			args = append(args, k)
		}
		return fn(newBulkSQL(d).text(head+"IN (").list(hi-lo).text(")"+tail).String(), args)
	})
}

// customPlans makes PostgreSQL plan the rest of the transaction's statements
// for their arguments, not generically, when n keys are to be looked up: a
// generic plan cannot hash an array given as a parameter, and may test a
// column against it element by element, row by row. A few keys are not worth
// the round trip.
func customPlans(ctx context.Context, d Dialect, q queryer, n int) error {
	if d != Postgres || n <= 32 {
		return nil
	}
	_, err := q.ExecContext(ctx, `SET LOCAL plan_cache_mode = force_custom_plan`)
	return err
}

// bulkIn runs query for each chunk of keys (see bulkKeys) and calls scan for
// every row returned.
func bulkIn(ctx context.Context, d Dialect, q queryer, query string, fixed []any, keys []string, scan func(*sql.Rows) error) error {
	if len(keys) == 0 {
		return nil
	}
	if err := customPlans(ctx, d, q, len(keys)); err != nil {
		return err
	}
	return bulkKeys(d, query, fixed, keys, func(stmt string, args []any) error {
		rows, err := q.QueryContext(ctx, stmt, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// bulkExecIn runs statement for each chunk of keys (see bulkKeys).
func bulkExecIn(ctx context.Context, d Dialect, tx *sql.Tx, statement string, fixed []any, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	if err := customPlans(ctx, d, tx, len(keys)); err != nil {
		return err
	}
	return bulkKeys(d, statement, fixed, keys, func(stmt string, args []any) error {
		_, err := tx.ExecContext(ctx, stmt, args...)
		return err
	})
}

// atomicWrite runs fn like runner.write. Inside an Atomically transaction it
// also puts fn behind a savepoint, so that a method failing part way (its
// context canceled during a batch, say) leaves no partial effect in the
// transaction, and on PostgreSQL the transaction stays usable after it.
func atomicWrite(ctx context.Context, r runner, fn func(*sql.Tx) error) error {
	if r.tx == nil {
		return r.write(ctx, fn)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := r.tx.ExecContext(ctx, "SAVEPOINT lanyan_store_method"); err != nil {
		return err
	}
	err := fn(r.tx)
	if err == nil {
		err = ctx.Err()
	}
	bg := context.WithoutCancel(ctx)
	if err != nil {
		_, _ = r.tx.ExecContext(bg, "ROLLBACK TO SAVEPOINT lanyan_store_method")
	}
	if _, rerr := r.tx.ExecContext(bg, "RELEASE SAVEPOINT lanyan_store_method"); err == nil {
		err = rerr
	}
	return err
}

// pageQuery appends to query (which ends with its ORDER BY) the page's limit,
// as a parameter, and returns it with its arguments.
func pageQuery(query string, page schedule.Page, args ...any) (string, []any) {
	if page.Limit > 0 {
		return query + " LIMIT ?", append(args, page.Limit)
	}
	return query, args
}

// scanDocs runs a query and calls scan for each row.
func scanDocs(ctx context.Context, q queryer, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// listDocs runs a query whose one column is a JSON document and returns the
// documents decoded, never nil.
func listDocs[T any](ctx context.Context, q queryer, query string, args []any) ([]T, error) {
	out := []T{}
	var doc sql.RawBytes // valid until the next row: decoded at once
	err := scanDocs(ctx, q, query, args, func(rows *sql.Rows) error {
		if err := rows.Scan(&doc); err != nil {
			return err
		}
		var v T
		if err := json.Unmarshal(doc, &v); err != nil {
			return fmt.Errorf("stored document: %w", err)
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// decodeDoc decodes a stored JSON document.
func decodeDoc(doc string, v any) error {
	if err := json.Unmarshal([]byte(doc), v); err != nil {
		return fmt.Errorf("stored document: %w", err)
	}
	return nil
}

// encodeDocs returns the JSON documents of n values.
func encodeDocs(n int, v func(i int) any) ([]string, error) {
	docs := make([]string, n)
	for i := range docs {
		b, err := json.Marshal(v(i))
		if err != nil {
			return nil, err
		}
		docs[i] = string(b)
	}
	return docs, nil
}

// distinct returns keys without repeats, in their first order.
func distinct(keys []string) []string {
	seen := make(map[string]struct{}, len(keys))
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if _, ok := seen[k]; !ok {
			seen[k] = struct{}{}
			out = append(out, k)
		}
	}
	return out
}
