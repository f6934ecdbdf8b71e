// Package chart draws the SDK's results as SVG charts (图表), on the server or
// in any Go program: a Gantt chart (横道图) of a computed schedule ([Gantt]), the
// earned value S-curve ([SCurve]) and index trend ([IndexTrend]) of a cost
// analysis, and stacked bars of day-work labour ([LabourBars]). Each function
// writes one complete <svg> document to an io.Writer; it uses nothing beyond the
// standard library and the SDK's own types, so a vendor can call it without the
// reference server, and the server can stream it as image/svg+xml.
//
// The charts are built for both people and programs. Every element carries a
// class and data- attributes (class="bar critical" data-id="A1",
// class="series pv", class="bar" data-stack="Team A" data-period="2025-W10"),
// so that a browser's script or CSS, or a test, can find and count them;
// colours are presentation attributes, exported as constants ([ColorCritical],
// [ColorNormal] …), which a page's CSS may override by class. Text is escaped
// for XML (names in Chinese are kept as they are; bytes that are not UTF-8
// become U+FFFD).
//
// Output is deterministic: the same input gives the same bytes, on every
// platform: positions are computed in integers (hundredths of a pixel) and
// amounts in decimals, not in floating point, and nothing depends on map order.
// Bad input — a nil argument, a result that is not the network's, options out
// of range — gives a *lanyan.Error and writes nothing; empty input gives a valid
// chart saying so. A Gantt chart of 5,000 activities is drawn in about 20 ms;
// [GanttOptions] pages through rows (Offset, Limit) and collapses the WBS
// (CollapseDepth) for large programmes.
package chart
