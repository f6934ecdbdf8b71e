package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/schedule/gen"
)

// crashEnv makes the test binary run the server instead of the tests: its
// value is the server's arguments as a JSON array. The crash test starts the
// server this way, as a process of its own, so that it can kill it.
const crashEnv = "LANYAN_CRASHTEST_SERVER"

func TestMain(m *testing.M) {
	if args := os.Getenv(crashEnv); args != "" {
		var a []string
		if err := json.Unmarshal([]byte(args), &a); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if err := run(context.Background(), a, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// child is a server running as a separate process.
type child struct {
	cmd *exec.Cmd
	url string
	key string // the admin key, when the database was new
}

var listenLine = regexp.MustCompile(`listening on (http://\S+)`)

// startChild starts the server process on db and waits until it listens.
func startChild(t *testing.T, db string) *child {
	t.Helper()
	args, _ := json.Marshal([]string{"--addr", "127.0.0.1:0", "--db", db, "--no-demo", "--log-level", "warn"})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+string(args))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	c := &child{cmd: cmd}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(out)
	deadline := time.AfterFunc(60*time.Second, func() { _ = cmd.Process.Kill() })
	defer deadline.Stop()
	for lines.Scan() {
		if m := keyLine.FindStringSubmatch(lines.Text()); m != nil {
			c.key = m[1]
		}
		if m := listenLine.FindStringSubmatch(lines.Text()); m != nil {
			c.url = m[1]
			break
		}
	}
	require.NotEmpty(t, c.url, "the server did not say where it listens")
	go func() { _, _ = io.Copy(io.Discard, out) }()
	return c
}

// call makes a request to the child and returns the status and body.
func (c *child) call(t *testing.T, method, path, key string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, c.url+path, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// activityCount pages through a project's activities and counts them; -1
// when the project does not exist.
func (c *child) activityCount(t *testing.T, key, project string) int {
	t.Helper()
	n, cursor := 0, ""
	for {
		status, body := c.call(t, http.MethodGet, "/projects/"+project+"/activities?limit=1000&cursor="+cursor, key, nil)
		if status == http.StatusNotFound {
			return -1
		}
		require.Equal(t, http.StatusOK, status, string(body))
		var page struct {
			Items      []json.RawMessage `json:"items"`
			NextCursor string            `json:"nextCursor"`
		}
		require.NoError(t, json.Unmarshal(body, &page))
		n += len(page.Items)
		if page.NextCursor == "" {
			return n
		}
		cursor = page.NextCursor
	}
}

// TestCrashDuringBulkImport kills the server (SIGKILL: no shutdown, no
// flushing) while it writes a 40,000-activity import in one transaction, and
// checks after a restart that what was committed before is all there and the
// import is all there or not there at all. The kill comes when the database's
// write-ahead log has grown by 1 MiB during the import: the transaction's
// pages are then on disk but it has not committed.
func TestCrashDuringBulkImport(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "crash.db")
	c := startChild(t, db)
	require.NotEmpty(t, c.key)

	// Committed before the crash: a project with three activities.
	small := []byte(`{"project": {"id": "P1", "start": "2025-03-03T08:00"}, "calendars": [], "links": [{"pred": "A", "succ": "B"}],
		"activities": [{"id": "A", "duration": {"days": 2}}, {"id": "B", "duration": {"days": 3}}, {"id": "C", "duration": {"days": 1}}]}`)
	status, body := c.call(t, http.MethodPost, "/projects/P1/import?format=json", c.key, small)
	require.Equal(t, http.StatusCreated, status, string(body))
	require.Equal(t, 3, c.activityCount(t, c.key, "P1"))

	const n = 40000
	big, err := json.Marshal(gen.Network(n, 7))
	require.NoError(t, err)
	walSize := func() int64 {
		fi, err := os.Stat(db + "-wal")
		if err != nil {
			return 0
		}
		return fi.Size()
	}
	before := walSize()

	type result struct {
		status int
		err    error
	}
	done := make(chan result, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, c.url+"/projects/BIG/import?format=json", bytes.NewReader(big))
		req.Header.Set("Authorization", "Bearer "+c.key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- result{err: err}
			return
		}
		resp.Body.Close()
		done <- result{status: resp.StatusCode}
	}()

	killedMidway := false
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if walSize() > before+1<<20 {
			require.NoError(t, c.cmd.Process.Kill())
			killedMidway = true
			break
		}
		select {
		case r := <-done:
			t.Fatalf("the import finished (%d, %v) before its writes reached the log: make it bigger", r.status, r.err)
		case <-time.After(2 * time.Millisecond):
		}
	}
	require.True(t, killedMidway, "the import never started writing")
	_ = c.cmd.Wait()
	r := <-done
	require.Error(t, r.err, "the client must not have had an answer: the server was killed")

	// Restart on the same database: it recovers, keeps what was committed,
	// and shows nothing of the import.
	c2 := startChild(t, db)
	assert.Empty(t, c2.key, "a database with tenants is not bootstrapped again")
	assert.Equal(t, 3, c2.activityCount(t, c.key, "P1"), "what was committed before the crash is all there")
	got := c2.activityCount(t, c.key, "BIG")
	assert.True(t, got == -1 || got == n, "the import is all there or not at all: %d activities of %d", got, n)
	assert.Equal(t, -1, got, "the import was cut before it committed, so its project does not exist")

	// The database is sound and takes the import whole after the restart.
	status, body = c2.call(t, http.MethodPost, "/projects/BIG/import?format=json", c.key, big)
	require.Equal(t, http.StatusCreated, status, strings.TrimSpace(string(body)))
	assert.Equal(t, n, c2.activityCount(t, c.key, "BIG"))
}
