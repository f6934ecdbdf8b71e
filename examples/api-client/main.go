// Command api-client calls a running lanyan reference server over HTTP: it
// creates a project, stores a calendar, a few activities and their links,
// computes the schedule and prints the dates and the critical path. It uses
// nothing but net/http and encoding/json, as a client in any language would.
//
//	go run ./refserver                      # in one terminal: prints an admin key
//	go run ./examples/api-client --key lanyan_…
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err == nil {
		err = run(context.Background(), cfg, os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "api-client:", err)
		os.Exit(1)
	}
}

// config is what the client needs to know.
type config struct {
	url, key, project string
}

func parseFlags(args []string, getenv func(string) string, output io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("api-client", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.StringVar(&c.url, "url", or(getenv("LANYAN_URL"), "http://localhost:8080"), "the server's address (env LANYAN_URL)")
	fs.StringVar(&c.key, "key", getenv("LANYAN_KEY"), "an API key with the editor or admin role (env LANYAN_KEY)")
	fs.StringVar(&c.project, "project", "", "id of the project to create (default: a new one each run)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if c.key == "" {
		return c, errors.New("no API key: pass --key or set LANYAN_KEY (the server prints an admin key when it first starts)")
	}
	if c.project == "" {
		c.project = "client-" + time.Now().UTC().Format("20060102-150405")
	}
	return c, nil
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// run creates the project, stores its network, computes its schedule and
// prints it.
func run(ctx context.Context, cfg config, w io.Writer) error {
	c := &Client{BaseURL: strings.TrimRight(cfg.url, "/"), Key: cfg.key, HTTP: &http.Client{Timeout: time.Minute}}
	p := url.PathEscape(cfg.project)

	// The project, with the calendar its activities default to.
	err := c.Do(ctx, http.MethodPost, "/projects", map[string]any{
		"id": cfg.project, "name": "Pump station 泵站 (API client example)",
		"start": "2025-03-03T08:00", "defaultCalendar": "standard",
	}, nil)
	if err != nil {
		return fmt.Errorf("create project %s: %w", cfg.project, err)
	}
	fmt.Fprintf(w, "created project %s\n", cfg.project)

	// The calendar and activities in one request (all or nothing), durations in
	// working days of the activity's calendar.
	days := func(n float64) map[string]float64 { return map[string]float64{"days": n} }
	week := map[string]any{}
	for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday"} {
		week[d] = []map[string]string{{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}}
	}
	var counts struct{ Calendars, Activities, Links int }
	err = c.Do(ctx, http.MethodPost, "/projects/"+p+"/network", map[string]any{
		"calendars": []any{map[string]any{"id": "standard", "name": "Mon–Fri, 8 hours", "week": week}},
		"activities": []any{
			map[string]any{"id": "P10", "name": "Excavate wet well", "duration": days(4)},
			map[string]any{"id": "P20", "name": "Wet well base and walls", "duration": days(8)},
			map[string]any{"id": "P30", "name": "Order pumps", "duration": days(10)},
			map[string]any{"id": "P40", "name": "Rising main", "duration": days(6)},
			map[string]any{"id": "P50", "name": "Install pumps", "duration": days(3)},
			map[string]any{"id": "P60", "name": "Commission", "duration": days(2)},
			map[string]any{"id": "P99", "name": "Station in service", "kind": "finishMilestone"},
		},
	}, &counts)
	if err != nil {
		return fmt.Errorf("store the network: %w", err)
	}
	fmt.Fprintf(w, "stored %d calendar and %d activities\n", counts.Calendars, counts.Activities)

	// The links, on their own.
	var links struct{ Upserted int }
	err = c.Do(ctx, http.MethodPut, "/projects/"+p+"/links", map[string]any{"links": []any{
		map[string]any{"pred": "P10", "succ": "P20"},
		map[string]any{"pred": "P10", "succ": "P40", "type": "SS", "lag": days(2)},
		map[string]any{"pred": "P20", "succ": "P50"},
		map[string]any{"pred": "P30", "succ": "P50"},
		map[string]any{"pred": "P40", "succ": "P60"},
		map[string]any{"pred": "P50", "succ": "P60"},
		map[string]any{"pred": "P60", "succ": "P99"},
	}}, &links)
	if err != nil {
		return fmt.Errorf("store the links: %w", err)
	}
	fmt.Fprintf(w, "stored %d links\n", links.Upserted)

	// Compute, then read the activities' dates.
	var summary struct {
		EarlyFinish   string   `json:"earlyFinish"`
		CriticalCount int      `json:"criticalCount"`
		LongestPath   []string `json:"longestPath"`
	}
	if err := c.Do(ctx, http.MethodPost, "/projects/"+p+"/schedule", nil, &summary); err != nil {
		return fmt.Errorf("compute the schedule: %w", err)
	}
	var sched struct {
		Activities []struct {
			ID          string `json:"id"`
			EarlyStart  string `json:"earlyStart"`
			EarlyFinish string `json:"earlyFinish"`
			TotalFloat  *struct {
				Days float64 `json:"days"`
			} `json:"totalFloat"`
			Critical bool `json:"critical"`
		} `json:"activities"`
	}
	if err := c.Do(ctx, http.MethodGet, "/projects/"+p+"/schedule", nil, &sched); err != nil {
		return fmt.Errorf("read the schedule: %w", err)
	}

	fmt.Fprintf(w, "\nfinish %s, %d critical activities\n", summary.EarlyFinish, summary.CriticalCount)
	for _, a := range sched.Activities {
		var float float64
		if a.TotalFloat != nil {
			float = a.TotalFloat.Days
		}
		mark := ""
		if a.Critical {
			mark = " *"
		}
		fmt.Fprintf(w, "%-4s %-16s %-16s float %gd%s\n", a.ID, a.EarlyStart, a.EarlyFinish, float, mark)
	}
	fmt.Fprintf(w, "critical path: %s\n", strings.Join(summary.LongestPath, " → "))
	return nil
}

// Client calls the reference API with an API key.
type Client struct {
	BaseURL string // e.g. http://localhost:8080
	Key     string // sent as Authorization: Bearer <key>
	HTTP    *http.Client
}

// Problem is an error response of the API: an RFC 9457 problem document.
type Problem struct {
	Status int    `json:"status"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Errors []struct {
		Message  string `json:"message"`
		Location string `json:"location"`
	} `json:"errors"`
}

// Error gives the status, title and detail, and any details the detail
// does not already say.
func (p *Problem) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s", p.Status, p.Title)
	if p.Detail != "" {
		b.WriteString(": " + p.Detail)
	}
	for _, e := range p.Errors {
		if e.Message == "" || strings.Contains(p.Detail, e.Message) {
			continue // the detail says it already
		}
		if e.Location != "" {
			fmt.Fprintf(&b, "; %s: %s", e.Location, e.Message)
		} else {
			b.WriteString("; " + e.Message)
		}
	}
	return b.String()
}

// Do sends a request with body in as JSON (none when nil) and decodes a
// successful response into out (ignored when nil). An error response comes
// back as a *Problem. A request that fails on the way (no response) is sent
// again, twice at most; POSTs carry an Idempotency-Key, the same on every
// attempt, so that a retry after a lost response does not create twice.
func (c *Client) Do(ctx context.Context, method, path string, in, out any) error {
	var payload []byte
	if in != nil {
		var err error
		if payload, err = json.Marshal(in); err != nil {
			return err
		}
	}
	key := ""
	if method == http.MethodPost {
		key = newKey()
	}
	var res *http.Response
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, bytes.NewReader(payload))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+c.Key)
		req.Header.Set("Accept", "application/json")
		if in != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if key != "" {
			req.Header.Set("Idempotency-Key", key)
		}
		res, err = c.HTTP.Do(req)
		if err == nil {
			break
		}
		if attempt == 2 || ctx.Err() != nil {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * 200 * time.Millisecond)
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		p := &Problem{Status: res.StatusCode, Title: http.StatusText(res.StatusCode)}
		b, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
		if json.Unmarshal(b, p) != nil {
			p.Detail = strings.TrimSpace(string(b))
		}
		return p
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(res.Body).Decode(out)
}

// newKey returns a random idempotency key.
func newKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
