package chart_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/lanyan-dev/lanyan/schedule"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ with the charts drawn now")

// node is an element of a parsed SVG.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

// attr returns the value of attribute name, or "".
func (n *node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// num returns attribute name as a number; it fails the test if it is not one.
func (n *node) num(t *testing.T, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attr(name), 64)
	require.NoError(t, err, "attribute %s of <%s class=%q>", name, n.XMLName.Local, n.attr("class"))
	return v
}

// hasClass reports whether the element's class list holds every one of classes.
func (n *node) hasClass(classes ...string) bool {
	have := strings.Fields(n.attr("class"))
	for _, c := range classes {
		found := false
		for _, h := range have {
			if h == c {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// all returns the elements under n (n included), depth first, that have every
// one of classes.
func (n *node) all(classes ...string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		if m.hasClass(classes...) {
			out = append(out, m)
		}
		for i := range m.Nodes {
			walk(&m.Nodes[i])
		}
	}
	walk(n)
	return out
}

// byID returns the element with every one of classes and data-id id.
func (n *node) byID(t *testing.T, id string, classes ...string) *node {
	t.Helper()
	for _, m := range n.all(classes...) {
		if m.attr("data-id") == id {
			return m
		}
	}
	t.Fatalf("no element with class %q and data-id %q", strings.Join(classes, " "), id)
	return nil
}

// text returns the character data of n and its children.
func (n *node) text() string {
	var b strings.Builder
	b.WriteString(n.Text)
	for i := range n.Nodes {
		b.WriteString(n.Nodes[i].text())
	}
	return b.String()
}

// parseSVG parses a chart strictly: it must be well-formed XML whose root is an
// <svg> in the SVG namespace.
func parseSVG(t testing.TB, b []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	var root node
	require.NoError(t, dec.Decode(&root), "the chart is not well-formed XML")
	// Nothing may follow the root element but white space.
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); ok && len(bytes.TrimSpace(cd)) == 0 {
			continue
		}
		t.Fatalf("content after the root element: %T %v", tok, tok)
	}
	require.Equal(t, "svg", root.XMLName.Local)
	require.Equal(t, "http://www.w3.org/2000/svg", root.XMLName.Space)
	return &root
}

// golden compares got with testdata/name byte for byte, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./chart -update to write the golden file")
	if bytes.Equal(want, got) {
		return
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			t.Fatalf("%s differs from the chart drawn now at line %d:\nwant %s\n got %s\n(run go test ./chart -update to accept, then look at it)", path, i+1, w, g)
		}
	}
}

func day(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

func at(y int, m time.Month, d, hh, mm int) schedule.Instant {
	return schedule.AtTime(day(y, m, d), hh, mm)
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }
