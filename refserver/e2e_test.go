package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/chart"
)

// The dashboard's browser test: it starts the real server on a new SQLite
// database with the demo project, drives the page in a headless Chromium as
// a person would (enter the key, open the project) and checks what they would
// see against what the API says. It skips where no browser is installed;
// .ci/run installs Debian's chromium first.

// Environment variables of the test.
const (
	// artefactsEnv names the directory the test saves its screenshots in.
	artefactsEnv = "LANYAN_ARTEFACTS"
	// requireBrowserEnv, when set, makes a missing browser fail the test
	// rather than skip it (.ci/run sets it, having installed one).
	requireBrowserEnv = "LANYAN_REQUIRE_BROWSER"
)

// browserPath finds Chromium or Chrome: /usr/bin/chromium, or a browser of
// a usual name in PATH.
func browserPath() string {
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artefactsDir is where screenshots go: $LANYAN_ARTEFACTS, or
// lanyan-artefacts in the system's temporary directory.
func artefactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv(artefactsEnv)
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "lanyan-artefacts")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	return dir
}

// getJSON calls the API with key and decodes the answer, numbers as their text.
func getJSON(t *testing.T, s *server, path, key string, v any) {
	t.Helper()
	res, body := s.get(t, path, key)
	require.Equal(t, http.StatusOK, res.StatusCode, "GET %s: %s", path, body)
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	require.NoError(t, d.Decode(v), "GET %s", path)
}

// shown is how the page shows a decimal: rounded half away from zero to
// places, thousands grouped with commas; "—" for an undefined metric.
func shown(t *testing.T, v any, places int32) string {
	t.Helper()
	if v == nil {
		return "—"
	}
	d, err := decimal.NewFromString(fmt.Sprint(v))
	require.NoError(t, err)
	s := d.StringFixed(places)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// ev is the part of the earned value answer the page shows.
type ev struct {
	StatusDate string `json:"statusDate"`
	Status     struct {
		Metrics struct {
			SPI       any `json:"spi"`
			CPI       any `json:"cpi"`
			Estimates struct {
				CPI struct {
					EAC any `json:"eac"`
					VAC any `json:"vac"`
				} `json:"cpi"`
			} `json:"estimates"`
		} `json:"metrics"`
	} `json:"status"`
	Series struct {
		EarnedSchedule struct {
			SPI any `json:"spi"`
		} `json:"earnedSchedule"`
	} `json:"series"`
}

// pageCounts are what the test reads off the page after opening a project.
type pageCounts struct {
	Rows              int            `json:"rows"`
	Bars              int            `json:"bars"`
	CriticalBars      int            `json:"criticalBars"`
	CriticalMilestone int            `json:"criticalMilestones"`
	CriticalFills     []string       `json:"criticalFills"`
	CriticalComputed  []string       `json:"criticalComputed"`
	NormalFills       []string       `json:"normalFills"`
	TotalRows         string         `json:"totalRows"`
	Series            []string       `json:"series"`
	SeriesPoints      []int          `json:"seriesPoints"`
	TrendSeries       []string       `json:"trendSeries"`
	KPIs              map[string]kpi `json:"kpis"`
	LabourRows        int            `json:"labourRows"`
	LabourBars        int            `json:"labourBars"`
	Findings          int            `json:"findings"`
	FindingsCount     string         `json:"findingsCount"`
	Errors            []string       `json:"errors"`
	StatusDate        string         `json:"statusDate"`
	Period            string         `json:"period"`
	GanttVisible      bool           `json:"ganttVisible"`
}

type kpi struct {
	Text  string `json:"text"`
	Value string `json:"value"`
}

// readPage gathers pageCounts in the page.
const readPage = `(() => {
  const all = (s) => Array.from(document.querySelectorAll(s));
  const g = document.querySelector('#gantt svg');
  const kpis = {};
  for (const k of ['spi', 'cpi', 'eac', 'vac', 'spit']) {
    const el = document.getElementById('kpi-' + k);
    kpis[k] = { text: el.textContent, value: el.getAttribute('data-value') || '' };
  }
  const box = document.getElementById('gantt').getBoundingClientRect();
  return {
    rows: all('#gantt svg g.row').length,
    bars: all('#gantt svg rect.bar').length,
    criticalBars: all('#gantt svg rect.bar.critical').length,
    criticalMilestones: all('#gantt svg .milestone.critical').length,
    criticalFills: Array.from(new Set(all('#gantt svg rect.bar.critical').map((e) => e.getAttribute('fill')))),
    criticalComputed: Array.from(new Set(all('#gantt svg rect.bar.critical').map((e) => getComputedStyle(e).fill))),
    normalFills: Array.from(new Set(all('#gantt svg rect.bar:not(.critical)').map((e) => e.getAttribute('fill')))),
    totalRows: g ? g.getAttribute('data-total-rows') : '',
    series: all('#s-curve svg polyline.series').map((e) => e.getAttribute('data-series')),
    seriesPoints: all('#s-curve svg polyline.series').map((e) => (e.getAttribute('points') || '').trim().split(/\s+/).filter(Boolean).length),
    trendSeries: all('#index-trend svg path.series').map((e) => e.getAttribute('data-series')),
    kpis,
    labourRows: all('#labour-table tbody tr').length,
    labourBars: all('#labour-bars svg rect.bar').length,
    findings: all('#findings li.finding').length,
    findingsCount: document.getElementById('findings-count').textContent,
    errors: all('#project .notice-error').filter((e) => !e.hidden).map((e) => e.textContent),
    statusDate: document.getElementById('status-date').value,
    period: document.getElementById('period').value,
    ganttVisible: box.width > 0 && box.height > 0,
  };
})()`

// settled waits until no card of the project is loading.
const settled = `(() => {
  const cards = Array.from(document.querySelectorAll('#project .card'));
  return cards.length > 0 && cards.every((c) => c.dataset.state !== 'loading');
})()`

func TestDashboardInBrowser(t *testing.T) {
	browser := browserPath()
	if browser == "" && os.Getenv(requireBrowserEnv) != "" {
		t.Fatalf("no browser (Chromium or Chrome), and %s is set: install Debian's chromium (apt-get install chromium)", requireBrowserEnv)
	}
	if browser == "" {
		t.Skip("no browser: the dashboard's browser test needs Chromium or Chrome (/usr/bin/chromium, or chromium, chromium-browser or " +
			"google-chrome in PATH); install Debian's chromium (apt-get install chromium), as .ci/run does")
	}
	s := start(t, filepath.Join(t.TempDir(), "dashboard.db"))
	key := s.adminKey(t)
	demo, err := buildDemo()
	require.NoError(t, err)
	project := demo.Network.Project.ID

	// What the API says, to compare with what the page shows.
	var sched struct {
		Activities []struct {
			ID       string `json:"id"`
			Critical bool   `json:"critical"`
		} `json:"activities"`
	}
	getJSON(t, s, "/projects/"+project+"/schedule", key, &sched)
	var acts struct {
		Items []struct {
			ID   string `json:"id"`
			Kind string `json:"kind"`
		} `json:"items"`
	}
	getJSON(t, s, "/projects/"+project+"/activities?limit=1000", key, &acts)
	require.Len(t, acts.Items, len(demo.Network.Activities))
	require.Len(t, sched.Activities, len(demo.Network.Activities))
	kind := map[string]string{}
	for _, a := range acts.Items {
		kind[a.ID] = a.Kind
	}
	var wantBars, wantCritical, wantCriticalMilestones int
	for _, a := range sched.Activities {
		switch kind[a.ID] {
		case "wbsSummary": // drawn as a summary band, critical or not
		case "startMilestone", "finishMilestone":
			if a.Critical {
				wantCriticalMilestones++
			}
		default: // tasks and level of effort: bars
			wantBars++
			if a.Critical {
				wantCritical++
			}
		}
	}
	require.Positive(t, wantCritical, "the demo has critical activities")

	// The browser: headless, no network beyond the server, a profile of its own.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var chromeOut syncBuffer
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 1000),
		chromedp.CombinedOutput(&chromeOut),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	defer func() {
		if t.Failed() {
			t.Logf("browser output:\n%s", chromeOut.String())
		}
	}()

	// Page errors: uncaught exceptions, and error entries of the console other
	// than the network's (the wrong key's 401 is expected).
	var mu sync.Mutex
	var pageErrors []string
	exceptions := chromedp.Events(bctx, runtime.ExceptionThrown)
	entries := chromedp.Events(bctx, cdplog.EntryAdded)
	_, err = chromedp.Call(bctx, cdplog.Enable, cdp.Empty{})
	require.NoError(t, err, "start the browser")
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			mu.Lock()
			pageErrors = append(pageErrors, fmt.Sprintf("exception: %s %+v", ev.ExceptionDetails.Text, ev.ExceptionDetails.Exception))
			mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range entries {
			if err != nil {
				return
			}
			if e := ev.Entry; e != nil && e.Level == cdplog.EntryLevelError && e.Source != cdplog.EntrySourceNetwork {
				mu.Lock()
				pageErrors = append(pageErrors, fmt.Sprintf("console %s: %s (%s)", e.Source, e.Text, e.URL))
				mu.Unlock()
			}
		}
	}()

	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		require.NoError(t, chromedp.Do(bctx, actions...), what)
	}
	screenshot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		require.NoError(t, err, "screenshot")
		path := filepath.Join(artefactsDir(t), name)
		require.NoError(t, os.WriteFile(path, png, 0o644))
		t.Logf("screenshot: %s", path)
	}

	// A wrong key is refused, clearly.
	do("open the dashboard", chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.ID("key-input")))
	do("enter a wrong key",
		chromedp.SendKeys(chromedp.ID("key-input"), "lanyan_not_a_key"),
		chromedp.Click(chromedp.ID("key-submit")),
		chromedp.WaitVisible(chromedp.ID("key-error")),
	)
	msg, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("key-error")))
	require.NoError(t, err)
	assert.Contains(t, msg, "401")
	assert.Contains(t, msg, "refused")
	screenshot("dashboard-key-refused.png")

	// The right key, once: the project list.
	do("enter the admin key",
		chromedp.Evaluate[chromedp.Void](`document.getElementById('key-input').value = ''`),
		chromedp.SendKeys(chromedp.ID("key-input"), key),
		chromedp.Click(chromedp.ID("key-submit")),
		chromedp.WaitVisible(chromedp.CSS(`#project-list a[data-project="`+project+`"]`)),
	)
	stored, err := chromedp.Run(bctx, chromedp.Evaluate[string](`localStorage.getItem('lanyan.apiKey')`))
	require.NoError(t, err)
	assert.Equal(t, key, stored, "the key is kept in localStorage")

	// Open the demo project and wait for every card.
	do("open the demo project",
		chromedp.Click(chromedp.CSS(`#project-list a[data-project="`+project+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#gantt svg`)),
	)
	_, err = chromedp.Run(bctx, chromedp.Poll[bool](settled, chromedp.WithPollingTimeout(time.Minute)))
	require.NoError(t, err, "the cards load")

	var got pageCounts
	raw, err := chromedp.Run(bctx, chromedp.Evaluate[[]byte](readPage))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &got))
	screenshot("dashboard-en.png")

	assert.Empty(t, got.Errors, "no card shows an error")
	assert.Equal(t, demo.StatusDate.Format("2006-01-02"), got.StatusDate, "the status date is the day before the data date")

	// The Gantt chart: one row per activity (they fit one page), a bar per
	// task, the critical ones marked and red.
	assert.True(t, got.GanttVisible)
	assert.Equal(t, len(sched.Activities), got.Rows, "rows")
	assert.Equal(t, fmt.Sprint(len(sched.Activities)), got.TotalRows)
	assert.Equal(t, wantBars, got.Bars, "bars")
	assert.Equal(t, wantCritical, got.CriticalBars, "critical bars: the schedule's critical tasks")
	assert.Equal(t, wantCriticalMilestones, got.CriticalMilestone, "critical milestones")
	assert.Equal(t, []string{chart.ColorCritical}, got.CriticalFills, "critical bars are red")
	assert.Equal(t, []string{"rgb(214, 39, 40)"}, got.CriticalComputed, "and drawn red")
	assert.Equal(t, []string{chart.ColorNormal}, got.NormalFills)

	// The S-curve: PV, EV and AC.
	assert.ElementsMatch(t, []string{"pv", "ev", "ac"}, got.Series, "three series")
	for i, n := range got.SeriesPoints {
		assert.Greater(t, n, 1, "series %d has points", i)
	}
	assert.ElementsMatch(t, []string{"spi", "cpi"}, got.TrendSeries)

	// The indices, as the earned value endpoint gives them.
	var want ev
	getJSON(t, s, "/projects/"+project+"/earned-value?"+url.Values{"statusDate": {got.StatusDate}, "period": {got.Period}}.Encode(), key, &want)
	m := want.Status.Metrics
	for k, v := range map[string]any{
		"spi": m.SPI, "cpi": m.CPI, "eac": m.Estimates.CPI.EAC, "vac": m.Estimates.CPI.VAC, "spit": want.Series.EarnedSchedule.SPI,
	} {
		require.NotNil(t, v, "%s is defined for the demo", k)
		assert.Equal(t, fmt.Sprint(v), got.KPIs[k].Value, "%s: data-value is the API's number", k)
		assert.Equal(t, shown(t, v, 2), got.KPIs[k].Text, "%s: shown rounded to the cent", k)
	}

	// Labour and the checks' findings.
	var summary struct {
		Groups []json.RawMessage `json:"groups"`
	}
	getJSON(t, s, "/labour/summary?groupBy=team&project="+project, key, &summary)
	assert.Equal(t, len(summary.Groups), got.LabourRows, "a row per team")
	assert.Positive(t, got.LabourBars)
	var checks struct {
		Findings []json.RawMessage `json:"findings"`
	}
	getJSON(t, s, "/labour/checks?project="+project+"&asOf="+got.StatusDate, key, &checks)
	assert.Equal(t, len(checks.Findings), got.Findings)
	assert.Equal(t, fmt.Sprint(len(checks.Findings)), got.FindingsCount)

	// 中文: the labels change, the figures stay.
	do("switch to Chinese", chromedp.Click(chromedp.ID("lang-toggle")))
	title, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("gantt-title")))
	require.NoError(t, err)
	assert.Equal(t, "横道图", title)
	lang, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	require.NoError(t, err)
	assert.Equal(t, "zh-CN", lang)
	spi, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("kpi-spi")))
	require.NoError(t, err)
	assert.Equal(t, got.KPIs["spi"].Text, spi)
	screenshot("dashboard-zh.png")
	do("back to English", chromedp.Click(chromedp.ID("lang-toggle")))
	title, err = chromedp.Run(bctx, chromedp.Text(chromedp.ID("gantt-title")))
	require.NoError(t, err)
	assert.Equal(t, "Gantt chart", title)

	// The key is asked for once: a reload opens the project again.
	do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#gantt svg`)))
	hidden, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.getElementById('key-panel').hidden`))
	require.NoError(t, err)
	assert.True(t, hidden, "no key asked for after a reload")

	mu.Lock()
	defer mu.Unlock()
	assert.Empty(t, slices.Clip(pageErrors), "the page logs no errors")
}
