// Package store keeps the reference server's data in SQL: SQLite (embedded,
// pure Go, the default) or PostgreSQL. It implements schedule.Store,
// cost.Store and labour.Store, each scoped to one tenant, over the same
// database, and the server's own tables: tenants, API keys and idempotency
// records.
//
// Every record is kept as one JSON document in a row, with the columns that
// lists are ordered and filtered by beside it, so the tables follow the
// domain types without a column per field, and the same statements run on
// both databases. Schema changes are embedded, numbered migrations applied
// in transactions when the database is opened.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/lanyan-dev/lanyan"
)

// Dialect is the kind of database a DB talks to.
type Dialect int

// The dialects.
const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// DB is an open database with the schema migrated. It is safe for concurrent
// use.
type DB struct {
	db      *sql.DB
	dialect Dialect

	mu      sync.RWMutex
	rebound map[string]string // query text with ? placeholders → dialect's
	retries int

	gens generations // schedule data generations, per tenant
}

// Open opens the database named by dsn and migrates its schema:
//   - a URL starting postgres:// or postgresql:// opens PostgreSQL through pgx
//     (its parameters apply; default_query_exec_mode=exec or simple_protocol
//     avoids prepared statements behind a transaction-mode pooler);
//   - anything else is an SQLite file path, or a file: URI; ":memory:" opens
//     a private in-memory database (one connection, for tests).
//
// SQLite runs in WAL mode with foreign keys on, a busy timeout of 10 s and
// immediate write transactions, so concurrent writers wait for each other
// instead of failing.
func Open(ctx context.Context, dsn string) (*DB, error) {
	d := &DB{rebound: map[string]string{}, retries: 20}
	var err error
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		d.dialect = Postgres
		d.db, err = sql.Open("pgx", dsn)
		if err == nil {
			d.db.SetMaxOpenConns(32)
			d.db.SetMaxIdleConns(32)
			d.db.SetConnMaxIdleTime(5 * time.Minute)
		}
	default:
		d.dialect = SQLite
		var conn string
		conn, err = sqliteDSN(dsn)
		if err == nil {
			d.db, err = sql.Open("sqlite", conn)
		}
		if err == nil && (dsn == ":memory:" || strings.Contains(dsn, "mode=memory")) {
			d.db.SetMaxOpenConns(1) // each connection would have its own database
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", d.dialect, err)
	}
	if err := d.db.PingContext(ctx); err != nil {
		d.db.Close()
		return nil, fmt.Errorf("open %s database: %w", d.dialect, err)
	}
	if err := d.migrate(ctx); err != nil {
		d.db.Close()
		return nil, err
	}
	return d, nil
}

// sqliteDSN adds the connection settings the store relies on to an SQLite
// path or file: URI, keeping any the caller gave.
func sqliteDSN(dsn string) (string, error) {
	if dsn == "" {
		return "", errors.New("empty database name")
	}
	base, query, _ := strings.Cut(dsn, "?")
	q, err := url.ParseQuery(query)
	if err != nil {
		return "", fmt.Errorf("database parameters: %w", err)
	}
	if !strings.HasPrefix(base, "file:") {
		base = "file:" + base
	}
	if q.Get("_txlock") == "" {
		q.Set("_txlock", "immediate")
	}
	pragmas := map[string]bool{}
	for _, p := range q["_pragma"] {
		name, _, _ := strings.Cut(p, "(")
		pragmas[strings.ToLower(strings.TrimSpace(name))] = true
	}
	for _, p := range []string{"busy_timeout(10000)", "foreign_keys(1)", "journal_mode(WAL)", "synchronous(NORMAL)"} {
		name, _, _ := strings.Cut(p, "(")
		if !pragmas[name] {
			q.Add("_pragma", p)
		}
	}
	return base + "?" + q.Encode(), nil
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// Dialect returns the kind of database.
func (d *DB) Dialect() Dialect { return d.dialect }

// SQL returns the underlying database handle, for tests and tools.
func (d *DB) SQL() *sql.DB { return d.db }

// q rewrites a statement written with ? placeholders for the dialect:
// PostgreSQL's $1, $2, … The rewrite is cached.
func (d *DB) q(query string) string {
	if d.dialect == SQLite {
		return query
	}
	d.mu.RLock()
	s, ok := d.rebound[query]
	d.mu.RUnlock()
	if ok {
		return s
	}
	var b strings.Builder
	n := 0
	inQuote := false
	for _, r := range query {
		switch {
		case r == '\'':
			inQuote = !inQuote
			b.WriteRune(r)
		case r == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteRune(r)
		}
	}
	s = b.String()
	d.mu.Lock()
	d.rebound[query] = s
	d.mu.Unlock()
	return s
}

// Tx is a transaction on the database, handed to the function given to
// [DB.Atomically]. Stores taken from it run their methods inside it.
type Tx struct {
	d  *DB
	tx *sql.Tx
	// committed runs after the transaction commits (generation bumps).
	committed []func()
}

// Atomically runs fn in one transaction, committed when fn returns nil and
// rolled back otherwise. Stores taken from tx (tx.Schedule and so on) run in
// it, so that a read, a check and a write across several stores take effect
// together or not at all. On PostgreSQL the transaction is repeatable read
// and is retried, calling fn again, when the database reports a
// serialization failure or deadlock; fn must therefore have no effects outside the
// database. On SQLite it takes the write lock when it begins.
func (d *DB) Atomically(ctx context.Context, fn func(tx *Tx) error) error {
	var last *Tx
	err := d.inTx(ctx, false, func(t *sql.Tx) error {
		last = &Tx{d: d, tx: t}
		return fn(last)
	})
	if err == nil && last != nil {
		for _, f := range last.committed {
			f()
		}
	}
	return err
}

// inTx runs fn in a transaction, read-only or read-write, retrying on
// PostgreSQL serialization failures.
func (d *DB) inTx(ctx context.Context, readOnly bool, fn func(*sql.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: readOnly}
	if d.dialect == Postgres {
		// Repeatable read: a transaction sees one snapshot, and one that
		// updates a row another changed since fails with a serialization
		// error and is retried, so a read-check-write never loses an update.
		// (Serializable would also track every row read, which for bulk
		// writes of 100,000 rows runs out of predicate-lock memory.)
		opts.Isolation = sql.LevelRepeatableRead
	}
	for attempt := 0; ; attempt++ {
		err := d.tryTx(ctx, opts, fn)
		if err == nil || !d.retryable(err) || attempt >= d.retries {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(backoff(attempt)):
		}
	}
}

// backoff is the pause before retry attempt+1: random (so that the
// transactions that collided do not collide again), growing from up to 2 ms
// to up to 128 ms.
func backoff(attempt int) time.Duration {
	return time.Duration(rand.Int64N(int64(time.Millisecond)<<min(attempt+1, 7))) + 100*time.Microsecond
}

func (d *DB) tryTx(ctx context.Context, opts *sql.TxOptions, fn func(*sql.Tx) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	tx, err := d.db.BeginTx(ctx, opts)
	if err != nil {
		return d.wrap(ctx, err)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return d.wrap(ctx, err)
	}
	return nil
}

// retryable reports whether a transaction failed only because of others
// running at the same time.
func (d *DB) retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Serialization failure and deadlock; and unique or foreign-key
		// violations, which under repeatable read mean that a concurrent
		// transaction inserted or deleted a row after this one checked for
		// it: the retry's checks see it and answer properly.
		switch pe.Code {
		case "40001", "40P01", "23505", "23503":
			return true
		}
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	return false
}

// wrap marks a database failure: it keeps the context's error visible to
// errors.Is and never turns into a lanyan code, so the server reports it as
// an internal error without its text.
func (d *DB) wrap(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var le *lanyan.Error
	if errors.As(err, &le) {
		return err
	}
	if ce := ctx.Err(); ce != nil && !errors.Is(err, ce) {
		return fmt.Errorf("%s: %w (%v)", d.dialect, ce, err)
	}
	return fmt.Errorf("%s: %w", d.dialect, err)
}

// runner runs a store's statements: in its own transaction per method, or in
// the transaction of an Atomically call.
type runner struct {
	d  *DB
	tx *sql.Tx // nil: each method opens its own
}

// write runs fn in the bound transaction or a new read-write one.
func (r runner) write(ctx context.Context, fn func(*sql.Tx) error) error {
	if r.tx != nil {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fn(r.tx)
	}
	return r.d.inTx(ctx, false, fn)
}

// read runs fn in the bound transaction or a new read-only one, for reads
// that must see one consistent state across several statements.
func (r runner) read(ctx context.Context, fn func(*sql.Tx) error) error {
	if r.tx != nil {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fn(r.tx)
	}
	return r.d.inTx(ctx, true, fn)
}

// queryer is what single statements run on: the database or a transaction.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// one returns what a single-statement read runs on: the bound transaction, or
// the database itself (each statement sees one consistent state).
func (r runner) one() queryer {
	if r.tx != nil {
		return r.tx
	}
	return r.d.db
}

//go:embed migrations
var migrations embed.FS

// migrate applies the migrations of the dialect not applied yet, each in its
// own transaction with its schema_migrations row, in the order of their
// numbers.
func (d *DB) migrate(ctx context.Context) error {
	dir := path.Join("migrations", d.dialect.String())
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	if _, err := d.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	for _, name := range names {
		num, _, _ := strings.Cut(name, "_")
		version, err := strconv.Atoi(num)
		if err != nil {
			return fmt.Errorf("migration %s: name must start with its number", name)
		}
		body, err := migrations.ReadFile(path.Join(dir, name))
		if err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		err = d.inTx(ctx, false, func(tx *sql.Tx) error {
			if d.dialect == Postgres {
				// Servers starting together take turns.
				if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7262017)`); err != nil {
					return err
				}
			}
			var n int
			if err := tx.QueryRowContext(ctx, d.q(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, d.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
				version, name, time.Now().UTC().Format(time.RFC3339))
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}
