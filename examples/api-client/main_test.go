package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/refserver/api"
	"github.com/lanyan-dev/lanyan/refserver/store"
)

// server starts the reference API in-process over a new SQLite database and
// returns its URL and an editor's key.
func server(t *testing.T) (string, string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "lanyan.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	_, err = db.CreateOperator(ctx, "acme", "Acme Construction")
	require.NoError(t, err)
	_, key, err := db.MintKey(ctx, "acme", "api-client test", store.RoleEditor)
	require.NoError(t, err)
	srv := httptest.NewServer(api.New(db, api.Options{}).Handler())
	t.Cleanup(srv.Close)
	return srv.URL, key
}

func TestRun(t *testing.T) {
	url, key := server(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), config{url: url, key: key, project: "PS-1"}, &out))
	got := out.String()
	for _, want := range []string{
		"created project PS-1",
		"stored 1 calendar and 7 activities",
		"stored 7 links",
		"finish 2025-03-25T17:00",
		"P30  2025-03-03T08:00 2025-03-14T17:00 float 2d",
		"P60  2025-03-24T08:00 2025-03-25T17:00 float 0d *",
		"critical path: P10 → P20 → P50 → P60 → P99",
	} {
		assert.Contains(t, got, want)
	}

	// The same project again: the API refuses, and the error says why.
	err := run(context.Background(), config{url: url, key: key, project: "PS-1"}, io.Discard)
	var p *Problem
	require.True(t, errors.As(err, &p), "%v", err)
	assert.Equal(t, http.StatusConflict, p.Status)
	assert.Contains(t, err.Error(), `project "PS-1"`)
	t.Log(err)
}

func TestBadKey(t *testing.T) {
	url, _ := server(t)
	err := run(context.Background(), config{url: url, key: "lanyan_kwrong_key", project: "PS-1"}, io.Discard)
	var p *Problem
	require.True(t, errors.As(err, &p), "%v", err)
	assert.Equal(t, http.StatusUnauthorized, p.Status)
	assert.Contains(t, err.Error(), "unknown or revoked")
}

func TestParseFlags(t *testing.T) {
	env := map[string]string{"LANYAN_URL": "http://h:1", "LANYAN_KEY": "lanyan_k"}
	c, err := parseFlags(nil, func(k string) string { return env[k] }, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, "http://h:1", c.url)
	assert.Equal(t, "lanyan_k", c.key)
	assert.NotEmpty(t, c.project)

	_, err = parseFlags(nil, func(string) string { return "" }, io.Discard)
	assert.ErrorContains(t, err, "no API key")
}
