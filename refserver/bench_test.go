package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/lanyan-dev/lanyan/schedule/gen"
	"github.com/lanyan-dev/lanyan/schedule/xer"
)

// benchServer starts the server on a new SQLite database with a project of n
// activities from gen (seed 1), and returns it with the admin key.
func benchServer(b *testing.B, n int) (*server, string) {
	b.Helper()
	s := start(b, filepath.Join(b.TempDir(), "bench.db"), "--no-demo")
	key := s.adminKey(b)
	body, err := json.Marshal(gen.Network(n, 1))
	if err != nil {
		b.Fatal(err)
	}
	if status, msg := post(b, s.url+"/projects/P/import?format=json", key, body); status != http.StatusCreated {
		b.Fatalf("import: %d %s", status, msg)
	}
	return s, key
}

func post(b testing.TB, url, key string, body []byte) (int, string) {
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(msg)
}

// BenchmarkListActivities100Of10k lists pages of 100 activities of a
// 10,000-activity project over HTTP on loopback, from as many concurrent
// clients as GOMAXPROCS×4, and reports requests per second and the 99th
// percentile latency.
func BenchmarkListActivities100Of10k(b *testing.B) {
	s, key := benchServer(b, 10000)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	// Pages all over the project: cursors are hex of the id before the page.
	var cursors []string
	for i := 0; i < 100; i++ {
		cursors = append(cursors, fmt.Sprintf("%x", fmt.Sprintf("A%06d", i*100)))
	}
	var mu sync.Mutex
	var lat []time.Duration
	b.SetParallelism(4)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		i := 0
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodGet, s.url+"/projects/P/activities?limit=100&cursor="+cursors[i%len(cursors)], nil)
			req.Header.Set("Authorization", "Bearer "+key)
			t0 := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			mine = append(mine, time.Since(t0))
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
			i++
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
}

// BenchmarkComputeOverHTTP10k computes the schedule of a 10,000-activity
// project through POST /projects/{project}/schedule, saving the result.
func BenchmarkComputeOverHTTP10k(b *testing.B) {
	s, key := benchServer(b, 10000)
	b.ResetTimer()
	for b.Loop() {
		if status, msg := post(b, s.url+"/projects/P/schedule", key, []byte(`{}`)); status != http.StatusOK {
			b.Fatalf("compute: %d %s", status, msg)
		}
	}
}

// BenchmarkImportXER100k imports a 100,000-activity XER file (written from a
// gen network) into a new project over HTTP: upload, parse, and store
// calendars, activities and links in one transaction.
func BenchmarkImportXER100k(b *testing.B) {
	s := start(b, filepath.Join(b.TempDir(), "bench.db"), "--no-demo")
	key := s.adminKey(b)
	var file bytes.Buffer
	if err := xer.Write(&file, gen.Network(100000, 1), nil); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(file.Len()))
	b.ResetTimer()
	i := 0
	for b.Loop() {
		i++
		if status, msg := post(b, fmt.Sprintf("%s/projects/X%d/import?format=xer", s.url, i), key, file.Bytes()); status != http.StatusCreated {
			b.Fatalf("import: %d %s", status, msg)
		}
	}
}
