package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// pgEnv names the environment variable with the DSN of a PostgreSQL server
// for tests; .ci/run sets it.
const pgEnv = "LANYAN_TEST_PG_DSN"

// eachDB runs fn on a new SQLite database file and, when LANYAN_TEST_PG_DSN
// is set, on a new schema of that PostgreSQL database (dropped afterwards).
func eachDB(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, openPostgres(t)) })
}

// openSQLite opens a new SQLite database in a temporary directory.
func openSQLite(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "lanyan.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// openPostgres opens the test PostgreSQL database in a schema of its own, or
// skips the test when no server is configured.
func openPostgres(t testing.TB) *DB {
	t.Helper()
	dsn := os.Getenv(pgEnv)
	if dsn == "" {
		t.Skipf("PostgreSQL tests skipped: set %s to a database URL (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable)", pgEnv)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "lanyan_test_" + hex.EncodeToString(b[:])
	admin, err := Open(context.Background(), dsn)
	require.NoError(t, err, "open %s", pgEnv)
	_, err = admin.SQL().Exec(`CREATE SCHEMA ` + schema)
	require.NoError(t, err)
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	db, err := Open(context.Background(), dsn+sep+"search_path="+schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		db.Close()
		_, _ = admin.SQL().Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	return db
}
