package chart

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// frame is the layout of a value chart: the whole size and the plot area.
type frame struct {
	width, height            px
	left, right, top, bottom px
	titleH                   px
}

// Margins of the value charts, in pixels.
const (
	valueLeft   = 90
	valueRight  = 24
	valueBottom = 44
	legendH     = 24
)

// newFrame lays out a chart of width×height pixels with a title row when title
// is set and a legend row.
func newFrame(width, height int, title string) frame {
	f := frame{width: pixels(width), height: pixels(height)}
	if title != "" {
		f.titleH = pixels(titleHeight)
	}
	f.left = pixels(valueLeft)
	f.right = f.width - pixels(valueRight)
	f.top = f.titleH + pixels(legendH) + pixels(8)
	f.bottom = f.height - pixels(valueBottom)
	// Tiny charts still get a plot of some pixels rather than an inverted one.
	f.right = max(f.right, f.left+pixels(10))
	f.bottom = max(f.bottom, f.top+pixels(10))
	return f
}

// begin writes the root element, its <title>, the background and the title.
func (f frame) begin(s *svg, class, name, title string, attrs func(*svg)) {
	r := rootOpen(s, f.width, f.height, class)
	if attrs != nil {
		attrs(r)
	}
	r.end().raw("\n")
	s.title(name)
	s.open("rect").str("class", "background").px("width", f.width).px("height", f.height).str("fill", "#ffffff").done()
	if title != "" {
		s.open("text").str("class", "title").px("x", pixels(8)).px("y", pixels(18)).str("font-size", "14").
			str("font-weight", "bold").str("fill", ColorText).textBody(title)
	}
}

// legendItem is one entry of a legend: a line sample or a swatch, and a label.
type legendItem struct {
	key, label, color string
	dashed, swatch    bool
}

// legend draws the items in a row above the plot.
func (f frame) legend(s *svg, items []legendItem) {
	y := f.titleH + pixels(16)
	x := f.left
	fs := pixels(fontSize)
	s.open("g").str("class", "legend").end().raw("\n")
	for i, it := range items {
		w := textWidth(it.label, fs) + pixels(38)
		if i > 0 && x+w > f.right {
			// No room for the rest: say how many are left out.
			s.open("text").str("class", "legend-more").px("x", x).px("y", y).str("fill", ColorAxis).
				textBody("+" + strconv.Itoa(len(items)-i) + " more")
			break
		}
		s.open("g").str("class", "legend-item").str("data-series", it.key).end()
		if it.swatch {
			s.open("rect").px("x", x).px("y", y-pixels(9)).px("width", pixels(12)).px("height", pixels(10)).
				str("fill", it.color).done()
		} else {
			s.open("line").px("x1", x).px("y1", y-pixels(4)).px("x2", x+pixels(18)).px("y2", y-pixels(4)).
				str("stroke", it.color).str("stroke-width", "2")
			if it.dashed {
				s.str("stroke-dasharray", "5 3")
			}
			s.done()
		}
		lx := x + pixels(22)
		if it.swatch {
			lx = x + pixels(16)
		}
		s.open("text").px("x", lx).px("y", y).str("fill", ColorText).textBody(it.label)
		s.closeTag("g")
		x = lx + textWidth(it.label, fs) + pixels(16)
	}
	s.closeTag("g")
}

// yAxis draws the horizontal grid lines and labels of a value axis, and the
// axis lines.
func (f frame) yAxis(s *svg, ax valueAxis, format func(decimal.Decimal, int32) string) {
	s.open("g").str("class", "axis y").end().raw("\n")
	places := ax.places()
	for _, v := range ax.ticks() {
		y := ax.y(v)
		s.open("line").str("class", "grid").px("x1", f.left).px("y1", y).px("x2", f.right).px("y2", y).
			str("stroke", ColorGrid).done()
		s.open("text").str("class", "tick-label").str("data-value", v.String()).px("x", f.left-pixels(6)).
			px("y", y+pixels(4)).str("text-anchor", "end").str("fill", ColorText).textBody(format(v, places))
	}
	s.open("line").str("class", "axis").px("x1", f.left).px("y1", f.top).px("x2", f.left).px("y2", f.bottom).
		str("stroke", ColorAxis).done()
	s.open("line").str("class", "axis").px("x1", f.left).px("y1", f.bottom).px("x2", f.right).px("y2", f.bottom).
		str("stroke", ColorAxis).done()
	s.closeTag("g")
}

// emptyMessage writes a centred note for a chart with nothing to draw.
func (f frame) emptyMessage(s *svg, msg string) {
	s.open("text").str("class", "empty").px("x", (f.left+f.right)/2).px("y", (f.top+f.bottom)/2).
		str("text-anchor", "middle").str("fill", ColorAxis).textBody(msg)
}

// points appends "x,y x,y …" to the buffer.
func appendPoints(b []byte, xs, ys []px) []byte {
	for i := range xs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendPx(b, xs[i])
		b = append(b, ',')
		b = appendPx(b, ys[i])
	}
	return b
}
