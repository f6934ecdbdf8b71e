package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/refserver/store"
)

// pgEnv names the environment variable with the DSN of a PostgreSQL server
// for tests, as in refserver/store.
const pgEnv = "LANYAN_TEST_PG_DSN"

// syncBuffer is a bytes.Buffer the server writes to while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// server is a running refserver.
type server struct {
	url    string
	stdout *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// start runs the server on a free port of 127.0.0.1 with a database and more
// flags, and waits until it is ready.
func start(t testing.TB, db string, flags ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan net.Addr, 1)
	ctx = withListenHook(ctx, func(a net.Addr) { addrs <- a })
	s := &server{stdout: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	args := append([]string{"--addr", "127.0.0.1:0", "--db", db, "--log-level", "error"}, flags...)
	go func() { s.done <- run(ctx, args, s.stdout) }()
	select {
	case a := <-addrs:
		s.url = "http://" + a.String()
	case err := <-s.done:
		cancel()
		t.Fatalf("run returned before serving: %v\nstdout:\n%s", err, s.stdout)
	case <-time.After(2 * time.Minute):
		cancel()
		t.Fatal("the server did not start in 2 minutes")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(time.Minute):
		}
	})
	return s
}

// stop shuts the server down as SIGINT would and returns what run returned.
func (s *server) stop(t *testing.T) error {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err // for the clean-up
		return err
	case <-time.After(time.Minute):
		t.Fatal("the server did not stop in a minute")
		return nil
	}
}

var keyLine = regexp.MustCompile(`admin API key \(shown once\): (lanyan_\S+)`)

// adminKey returns the admin key the server printed.
func (s *server) adminKey(t testing.TB) string {
	t.Helper()
	m := keyLine.FindStringSubmatch(s.stdout.String())
	require.NotNil(t, m, "no admin key on stdout:\n%s", s.stdout)
	return m[1]
}

// get calls the server; key "" sends none.
func (s *server) get(t *testing.T, path, key string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.url+path, nil)
	require.NoError(t, err)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, body
}

type projectList struct {
	Items []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"items"`
}

func (s *server) projects(t *testing.T, key string) projectList {
	t.Helper()
	res, body := s.get(t, "/projects", key)
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	var l projectList
	require.NoError(t, json.Unmarshal(body, &l))
	return l
}

func TestServerSQLite(t *testing.T) {
	testServer(t, filepath.Join(t.TempDir(), "lanyan.db"), "sqlite")
}

func TestServerPostgres(t *testing.T) {
	testServer(t, postgresDSN(t), "postgres")
}

// testServer starts a server on a new database, uses it, stops it and
// starts it again.
func testServer(t *testing.T, db, dialect string) {
	s := start(t, db)
	key := s.adminKey(t)
	out := s.stdout.String()
	assert.Equal(t, 1, strings.Count(out, key+"\n"), "the key is printed once, on its own line:\n%s", out)
	assert.Contains(t, out, "listening on "+s.url)
	assert.Contains(t, out, demoProject)

	res, body := s.get(t, "/healthz", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.JSONEq(t, `{"status":"ok","database":"`+dialect+`"}`, string(body))

	l := s.projects(t, key)
	require.Len(t, l.Items, 1)
	assert.Equal(t, demoProject, l.Items[0].ID)
	assert.Contains(t, l.Items[0].Name, "Riverside Garden")

	res, body = s.get(t, "/projects", "")
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
	assert.Equal(t, "application/problem+json", res.Header.Get("Content-Type"))
	assert.NotEmpty(t, res.Header.Get("WWW-Authenticate"))
	var problem struct {
		Status int    `json:"status"`
		Title  string `json:"title"`
		Detail string `json:"detail"`
	}
	require.NoError(t, json.Unmarshal(body, &problem), "%s", body)
	assert.Equal(t, http.StatusUnauthorized, problem.Status)
	assert.NotEmpty(t, problem.Detail)

	res, _ = s.get(t, "/projects", "lanyan_knotakey_x")
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)

	res, body = s.get(t, "/docs", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.True(t, strings.HasPrefix(res.Header.Get("Content-Type"), "text/html"))
	assert.Contains(t, string(body), "list-projects")
	res, body = s.get(t, "/openapi.yaml", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, string(body), "openapi: 3.1.0")

	require.NoError(t, s.stop(t), "a graceful shutdown returns nil")
	_, err := http.Get(s.url + "/healthz")
	assert.Error(t, err, "the server still answers after stopping")

	// A restart on the same database neither seeds again nor prints a key.
	s = start(t, db)
	out = s.stdout.String()
	assert.NotContains(t, out, "admin API key")
	assert.NotContains(t, out, "lanyan_")
	assert.Contains(t, out, "listening on")
	l = s.projects(t, key)
	require.Len(t, l.Items, 1, "the old key still works, and there is one project")
	require.NoError(t, s.stop(t))
}

// postgresDSN returns the URL of a new schema of the test PostgreSQL
// database, dropped when the test ends, or skips the test when no server is
// configured.
func postgresDSN(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv(pgEnv)
	if dsn == "" {
		t.Skipf("PostgreSQL tests skipped: set %s to a database URL (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable)", pgEnv)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "lanyan_test_" + hex.EncodeToString(b[:])
	admin, err := store.Open(context.Background(), dsn)
	require.NoError(t, err, "open %s", pgEnv)
	_, err = admin.SQL().Exec(`CREATE SCHEMA ` + schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = admin.SQL().Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema
}

func TestServerNoDemo(t *testing.T) {
	s := start(t, filepath.Join(t.TempDir(), "lanyan.db"), "--no-demo")
	key := s.adminKey(t)
	assert.NotContains(t, s.stdout.String(), demoProject)
	assert.Empty(t, s.projects(t, key).Items)
	res, body := s.get(t, "/tenant", key)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, string(body), `"operator":true`)
	require.NoError(t, s.stop(t))
}

// A first start cut short after creating the tenant is finished by the next:
// the demo project is seeded and a key printed.
func TestServerFinishesInterruptedFirstStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lanyan.db")
	db, err := store.Open(context.Background(), path)
	require.NoError(t, err)
	_, err = db.CreateOperator(context.Background(), demoTenant, demoTenantName)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	s := start(t, path)
	key := s.adminKey(t)
	require.Len(t, s.projects(t, key).Items, 1)
	require.NoError(t, s.stop(t))
}

// A database whose first tenant is not the demo operator is left alone.
func TestServerLeavesOtherDatabasesAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lanyan.db")
	db, err := store.Open(context.Background(), path)
	require.NoError(t, err)
	_, err = db.CreateOperator(context.Background(), "acme", "Acme")
	require.NoError(t, err)
	require.NoError(t, db.Close())

	s := start(t, path)
	assert.NotContains(t, s.stdout.String(), "admin API key")
	require.NoError(t, s.stop(t))
}

func TestRunErrors(t *testing.T) {
	ctx := context.Background()
	assert.ErrorContains(t, run(ctx, []string{"--log-format", "xml"}, io.Discard), "--log-format")
	assert.ErrorContains(t, run(ctx, []string{"stray"}, io.Discard), "unexpected arguments")

	// A port in use fails before the database is touched.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	path := filepath.Join(t.TempDir(), "lanyan.db")
	assert.Error(t, run(ctx, []string{"--addr", ln.Addr().String(), "--db", path}, io.Discard))
	_, err = os.Stat(path)
	assert.True(t, os.IsNotExist(err), "the database was created although the server could not listen")
}

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := parseConfig(nil, env(nil), io.Discard)
	require.NoError(t, err)
	assert.Equal(t, ":8080", c.addr)
	assert.Equal(t, "lanyan.db", c.db)
	assert.False(t, c.noDemo)
	assert.Equal(t, 30*time.Second, c.shutdownTimeout)

	c, err = parseConfig(nil, env(map[string]string{envAddr: "127.0.0.1:9000", envDB: "postgres://h/db"}), io.Discard)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:9000", c.addr)
	assert.Equal(t, "postgres://h/db", c.db)

	c, err = parseConfig([]string{"--addr", ":1", "--db", "x.db", "--no-demo", "--log-level", "debug", "--log-format", "json"},
		env(map[string]string{envAddr: "127.0.0.1:9000", envDB: "y.db"}), io.Discard)
	require.NoError(t, err, "flags win over the environment")
	assert.Equal(t, ":1", c.addr)
	assert.Equal(t, "x.db", c.db)
	assert.True(t, c.noDemo)
	assert.True(t, c.logJSON)

	_, err = parseConfig([]string{"--shutdown-timeout", "0s"}, env(nil), io.Discard)
	assert.Error(t, err)
	var help bytes.Buffer
	_, err = parseConfig([]string{"--help"}, env(nil), &help)
	assert.Error(t, err)
	assert.Contains(t, help.String(), "LANYAN_DB")
}

func TestRedactDSN(t *testing.T) {
	assert.Equal(t, "lanyan.db", redactDSN("lanyan.db"))
	assert.Equal(t, "postgres://u:xxxxx@h:5432/db?sslmode=disable", redactDSN("postgres://u:secret@h:5432/db?sslmode=disable"))
	assert.Equal(t, "postgres://u@h/db", redactDSN("postgres://u@h/db"))
	assert.NotContains(t, redactDSN("postgres://h/db?user=u&password=secret"), "secret")
}

func TestBaseURL(t *testing.T) {
	assert.Equal(t, "http://localhost:8080", baseURL(&net.TCPAddr{IP: net.IPv6unspecified, Port: 8080}))
	assert.Equal(t, "http://127.0.0.1:9000", baseURL(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9000}))
	assert.Equal(t, "http://[::1]:80", baseURL(&net.TCPAddr{IP: net.IPv6loopback, Port: 80}))
}
