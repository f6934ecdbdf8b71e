package api

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/refserver/store"
)

// openAPIGolden is the committed OpenAPI description: the API's contract,
// reviewed in diffs like code.
var openAPIGolden = filepath.Join("..", "openapi.yaml")

func init() {
	// -update rewrites the golden files; another test file of the package
	// may have defined the flag already.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files (refserver/openapi.yaml) from the code")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// describedAPI returns the server's OpenAPI description as it serves it.
func describedAPI(t *testing.T, path string) []byte {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "openapi.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	srv := httptest.NewServer(New(db, Options{}).Handler())
	t.Cleanup(srv.Close)
	res, err := http.Get(srv.URL + path)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return b
}

// TestOpenAPIGolden keeps refserver/openapi.yaml equal to what the API serves
// at /openapi.yaml. After changing the API on purpose, rewrite it with
//
//	go test ./refserver/api -run TestOpenAPIGolden -update
func TestOpenAPIGolden(t *testing.T) {
	got := describedAPI(t, "/openapi.yaml")
	if updating() {
		require.NoError(t, os.WriteFile(openAPIGolden, got, 0o644))
		t.Logf("wrote %s", openAPIGolden)
		return
	}
	want, err := os.ReadFile(openAPIGolden)
	require.NoError(t, err, "no golden file: create it with go test ./refserver/api -run TestOpenAPIGolden -update")
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the API's /openapi.yaml %s\nIf the change is intended, rewrite it: go test ./refserver/api -run TestOpenAPIGolden -update",
			openAPIGolden, firstDifference(string(want), string(got)))
	}
}

// firstDifference describes the first line where two texts differ.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("at line %d:\n  golden: %q\n  API:    %q", i+1, wl, gl)
		}
	}
	return ""
}

// TestOpenAPIConventions checks what every client generator and reader of the
// description relies on.
func TestOpenAPIConventions(t *testing.T) {
	e := newEnv(t)
	oa := e.srv.API().OpenAPI()
	assert.Equal(t, "3.1.0", oa.OpenAPI)
	declared := map[string]bool{}
	for _, tag := range oa.Tags {
		declared[tag.Name] = true
	}
	ids := map[string]string{}
	for path, item := range oa.Paths {
		for method, op := range map[string]*huma.Operation{"GET": item.Get, "HEAD": item.Head, "POST": item.Post, "PUT": item.Put,
			"PATCH": item.Patch, "DELETE": item.Delete, "OPTIONS": item.Options, "TRACE": item.Trace} {
			if op == nil {
				continue
			}
			where := method + " " + path
			if assert.NotEmpty(t, op.OperationID, "%s has no operationId", where) {
				if prev, dup := ids[op.OperationID]; dup {
					t.Errorf("operationId %q is used by %s and %s", op.OperationID, prev, where)
				}
				ids[op.OperationID] = where
				assert.Regexp(t, `^[a-z][a-z0-9]*(-[a-z0-9]+)*$`, op.OperationID, "%s: operationId in kebab-case", where)
			}
			if assert.NotEmpty(t, op.Tags, "%s has no tag", where) {
				for _, tag := range op.Tags {
					assert.True(t, declared[tag], "%s: tag %q is not declared in the description", where, tag)
				}
			}
			assert.NotEmpty(t, strings.TrimSpace(op.Summary), "%s has no summary", where)
		}
	}
	assert.NotEmpty(t, ids)

	// The JSON and YAML forms describe the same operations.
	js := describedAPI(t, "/openapi.json")
	for id := range ids {
		assert.Contains(t, string(js), `"operationId":"`+id+`"`)
	}
}
