package chart

// Colours of the charts, as SVG presentation attributes (a page's CSS can
// override them by class). The blues, red, green and orange are those of the
// widely used "category10" palette, so the charts read alike.
const (
	// ColorNormal fills the bar of an activity that is not critical.
	ColorNormal = "#1f77b4"
	// ColorCritical fills the bar of a critical activity (关键工作).
	ColorCritical = "#d62728"
	// ColorFloat fills the total float bar, from early finish to late finish.
	ColorFloat = "#aec7e8"
	// ColorBaseline fills the thin baseline bar under an activity's bar.
	ColorBaseline = "#7f7f7f"
	// ColorSummary fills the bar of a WBS summary.
	ColorSummary = "#333333"
	// ColorProgress fills the progress bar, drawn at 45% opacity over the
	// activity's bar.
	ColorProgress = "#000000"
	// ColorNonWorking shades the non-working days of the project calendar.
	ColorNonWorking = "#ececec"
	// ColorDataDate draws the data date (status date) line.
	ColorDataDate = "#9467bd"
	// ColorLink draws a link that does not drive its successor.
	ColorLink = "#999999"
	// ColorDrivingLink draws a link that drives its successor, and the arrows.
	ColorDrivingLink = "#555555"
	// ColorGrid draws grid lines and the ticks of the time axis.
	ColorGrid = "#e0e0e0"
	// ColorAxis draws axes, tick marks and notes such as "No activities".
	ColorAxis = "#666666"
	// ColorText draws labels.
	ColorText = "#222222"
	// ColorPV draws the planned value curve.
	ColorPV = "#1f77b4"
	// ColorEV draws the earned value curve.
	ColorEV = "#2ca02c"
	// ColorAC draws the actual cost curve.
	ColorAC = "#d62728"
	// ColorEAC draws the projection to the estimate at completion.
	ColorEAC = "#ff7f0e"
	// ColorBAC draws the budget at completion line.
	ColorBAC = "#7f7f7f"
	// ColorSPI draws the schedule performance index trend.
	ColorSPI = "#1f77b4"
	// ColorCPI draws the cost performance index trend.
	ColorCPI = "#d62728"
	// ColorReference draws the 1.0 reference line of the index trend.
	ColorReference = "#7f7f7f"
)

// palette colours the stacks of a bar chart, in turn.
var palette = [...]string{
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
	"#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
}

// PaletteColor returns the i-th colour of the palette the stacks of
// [LabourBars] take in turn (ten colours, then again from the first).
func PaletteColor(i int) string {
	if i < 0 {
		i = -i
	}
	return palette[i%len(palette)]
}
