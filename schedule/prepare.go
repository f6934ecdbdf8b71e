package schedule

import (
	"fmt"
	"math"

	"github.com/lanyan-dev/lanyan"
)

// plan is a network indexed by dense ints, ready for the passes. Activities keep
// their position in Network.Activities; links theirs in Network.Links.
type plan struct {
	net   *Network
	opts  Options
	cals  []*CompiledCalendar
	cal24 int32
	def   int32
	start Instant // project start (or the data date, when later)

	cal     []int32 // calendar of each activity
	calUsed []bool  // calendars some activity uses
	kind    []Kind
	dur     []int64 // planned duration (working minutes)
	rem     []int64 // remaining duration of the scheduled part
	// state: 0 not started, 1 in progress, 2 complete
	state []uint8
	// actStart and actFinish are the actual dates in effect (a milestone's one
	// actual date stands for both).
	actStart, actFinish []Instant
	// constrained marks activities with a constraint other than ASAP.
	constrained []bool

	// CSR adjacency over links between scheduled activities (tasks and milestones);
	// links touching a level-of-effort activity are kept in loePred/loeSucc.
	predOff, predLink []int32
	succOff, succLink []int32
	lPred, lSucc      []int32
	lType             []LinkType
	lLag              []int64
	lCal              []int32

	order []int32 // scheduled activities in topological order

	loe      []int32 // level-of-effort activities
	wbs      []int32 // WBS summaries, children before parents
	children [][]int32
	parent   []int32
}

func recActivity(id string) string { return fmt.Sprintf("activity %q", id) }

func recLink(i int, l *Link) string {
	return fmt.Sprintf("link %d (%s→%s)", i, l.Pred, l.Succ)
}

func invalid(record, field, format string, args ...any) error {
	return lanyan.Errorf(lanyan.CodeInvalid, record, field, format, args...)
}

// constraintBounds checks one constraint and folds its dates into the bounds.
type bounds struct{ startLo, startHi, finLo, finHi Instant }

func (b *bounds) add(c Constraint) {
	lo := func(p *Instant, t Instant) {
		if *p == 0 || t > *p {
			*p = t
		}
	}
	hi := func(p *Instant, t Instant) {
		if *p == 0 || t < *p {
			*p = t
		}
	}
	switch c.Type {
	case StartNoEarlierThan:
		lo(&b.startLo, c.Date)
	case StartNoLaterThan:
		hi(&b.startHi, c.Date)
	case FinishNoEarlierThan:
		lo(&b.finLo, c.Date)
	case FinishNoLaterThan:
		hi(&b.finHi, c.Date)
	case StartOn, MandatoryStart:
		lo(&b.startLo, c.Date)
		hi(&b.startHi, c.Date)
	case FinishOn, MandatoryFinish:
		lo(&b.finLo, c.Date)
		hi(&b.finHi, c.Date)
	}
}

func checkConstraint(a *Activity, field string, c Constraint) error {
	if c.Type > MandatoryFinish {
		return invalid(recActivity(a.ID), field+".type", "unknown constraint type %d", c.Type)
	}
	if c.Type == ASAP || c.Type == ALAP {
		return nil
	}
	if c.Date == 0 {
		return invalid(recActivity(a.ID), field+".date", "%s needs a date", c.Type)
	}
	return nil
}

func prepare(net *Network, opts Options) (*plan, error) {
	if net == nil {
		return nil, invalid("network", "", "is nil")
	}
	p := &plan{net: net, opts: opts}
	if opts.LagCalendar > LagProjectDefault {
		return nil, invalid("options", "lagCalendar", "unknown value %d", opts.LagCalendar)
	}
	if opts.FloatType > SmallestFloat {
		return nil, invalid("options", "floatType", "unknown value %d", opts.FloatType)
	}
	if opts.Progress > ActualDates {
		return nil, invalid("options", "progress", "unknown value %d", opts.Progress)
	}
	if net.Project.Start == 0 && opts.DataDate == 0 {
		return nil, invalid("project", "start", "is not set (nor is a data date)")
	}

	// Calendars.
	cals := net.Calendars
	if len(cals) == 0 {
		cals = []Calendar{StandardFiveDay()}
	}
	res, err := resolveCalendars(cals)
	if err != nil {
		return nil, err
	}
	around := net.Project.Start
	if around == 0 {
		around = opts.DataDate
	}
	calIdx := make(map[string]int32, len(res)+1)
	for _, c := range cals {
		calIdx[c.ID] = int32(len(p.cals))
		p.cals = append(p.cals, newCompiled(c.ID, res[c.ID], around.Date()))
	}
	r24, _ := resolveCalendars([]Calendar{TwentyFourHour()})
	p.cal24 = int32(len(p.cals))
	p.cals = append(p.cals, newCompiled("24h (lag)", r24["24h"], around.Date()))
	defID := net.Project.DefaultCalendar
	if defID == "" {
		if len(cals) != 1 {
			return nil, invalid("project", "defaultCalendar", "is not set and there are %d calendars to choose from", len(cals))
		}
		defID = cals[0].ID
	}
	d, ok := calIdx[defID]
	if !ok {
		return nil, lanyan.Errorf(lanyan.CodeNotFound, "project", "defaultCalendar", "unknown calendar %q", defID)
	}
	p.def = d

	// Activities.
	acts := net.Activities
	n := len(acts)
	if n > math.MaxInt32/2 {
		return nil, invalid("network", "activities", "too many activities")
	}
	idx := newIDIndex(n)
	p.cal = make([]int32, n)
	p.kind = make([]Kind, n)
	p.dur = make([]int64, n)
	p.rem = make([]int64, n)
	p.state = make([]uint8, n)
	p.constrained = make([]bool, n)
	p.actStart = make([]Instant, n)
	p.actFinish = make([]Instant, n)
	dataDate := opts.DataDate
	// Ids go into the index on one core while the other checks every activity's
	// fields; of two errors the one of the earlier activity is reported.
	idErr := make(chan indexedErr, 1)
	go func() {
		for i := range acts {
			a := &acts[i]
			if a.ID == "" {
				idErr <- indexedErr{i, invalid(fmt.Sprintf("activity %d", i), "id", "is empty")}
				return
			}
			if _, fresh := idx.insert(a.ID, int32(i)); !fresh {
				idErr <- indexedErr{i, invalid(recActivity(a.ID), "id", "is used by more than one activity")}
				return
			}
		}
		idErr <- indexedErr{-1, nil}
	}()
	fieldErr := p.checkActivities(acts, calIdx)
	p.calUsed = make([]bool, len(p.cals))
	for _, c := range p.cal {
		p.calUsed[c] = true
	}
	if e := <-idErr; e.err != nil && (fieldErr.err == nil || e.at <= fieldErr.at) {
		return nil, e.err
	}
	if fieldErr.err != nil {
		return nil, fieldErr.err
	}
	p.start = net.Project.Start
	if dataDate == 0 {
		p.opts.DataDate = p.start
	}
	if p.start == 0 {
		p.start = p.opts.DataDate
	}

	// WBS parents.
	p.parent = make([]int32, n)
	for i := range acts {
		p.parent[i] = -1
		if acts[i].Parent == "" {
			continue
		}
		j, ok := idx.get(acts[i].Parent)
		if !ok {
			return nil, lanyan.Errorf(lanyan.CodeNotFound, recActivity(acts[i].ID), "parent", "unknown activity %q", acts[i].Parent)
		}
		if p.kind[j] != WBSSummary {
			return nil, invalid(recActivity(acts[i].ID), "parent", "%q is not a WBS summary", acts[i].Parent)
		}
		p.parent[i] = j
	}
	if err := p.orderWBS(); err != nil {
		return nil, err
	}

	// Links.
	links := net.Links
	m := len(links)
	p.lPred = make([]int32, m)
	p.lSucc = make([]int32, m)
	p.lType = make([]LinkType, m)
	p.lLag = make([]int64, m)
	p.lCal = make([]int32, m)
	// Look the ends up in two halves side by side; report the earliest bad link.
	if e := parallel2(m, func(lo, hi int) indexedErr { return p.resolveLinks(links, lo, hi, idx) }); e.err != nil {
		return nil, e.err
	}
	predCnt := make([]int32, n+1)
	succCnt := make([]int32, n+1)
	for k := 0; k < m; k++ {
		predCnt[p.lSucc[k]+1]++
		succCnt[p.lPred[k]+1]++
	}
	for i := 0; i < n; i++ {
		predCnt[i+1] += predCnt[i]
		succCnt[i+1] += succCnt[i]
	}
	p.predOff, p.succOff = predCnt, succCnt
	p.predLink = make([]int32, m)
	p.succLink = make([]int32, m)
	pf := make([]int32, n)
	sf := make([]int32, n)
	for k := 0; k < m; k++ {
		a, b := p.lPred[k], p.lSucc[k]
		p.predLink[p.predOff[b]+pf[b]] = int32(k)
		pf[b]++
		p.succLink[p.succOff[a]+sf[a]] = int32(k)
		sf[a]++
	}
	// Duplicate links: the same predecessor twice in one successor's list.
	for b := 0; b < n; b++ {
		ps := p.predLink[p.predOff[b]:p.predOff[b+1]]
		for x := 1; x < len(ps); x++ {
			for y := 0; y < x; y++ {
				if p.lPred[ps[x]] == p.lPred[ps[y]] {
					k := int(ps[x])
					return nil, lanyan.Errorf(lanyan.CodeConflict, recLink(k, &links[k]), "pred", "repeats link %d between the same activities", ps[y])
				}
			}
		}
	}
	if err := p.topoSort(); err != nil {
		return nil, err
	}
	return p, nil
}

// maxWork bounds durations and lags: a thousand years of round-the-clock work.
const maxWork = 1000 * 366 * MinutesPerDay

func isMandatory(t ConstraintType) bool { return t == MandatoryStart || t == MandatoryFinish }

// scheduled reports whether activity i takes part in the passes (tasks and
// milestones; level of effort and WBS summaries are derived afterwards).
func (p *plan) scheduled(i int32) bool { return p.kind[i] <= FinishMilestone }

// topoSort orders the scheduled activities by Kahn's algorithm, iteratively; links
// touching a level-of-effort activity are left out (it never drives). A remaining
// node means a cycle, which is reported with its activities.
func (p *plan) topoSort() error {
	n := len(p.kind)
	indeg := make([]int32, n)
	for k := range p.lPred {
		a, b := p.lPred[k], p.lSucc[k]
		if p.scheduled(a) && p.scheduled(b) {
			indeg[b]++
		}
	}
	order := make([]int32, 0, n)
	for i := 0; i < n; i++ {
		if p.scheduled(int32(i)) && indeg[i] == 0 {
			order = append(order, int32(i))
		}
	}
	for h := 0; h < len(order); h++ {
		a := order[h]
		for _, k := range p.succLink[p.succOff[a]:p.succOff[a+1]] {
			b := p.lSucc[k]
			if !p.scheduled(b) {
				continue
			}
			indeg[b]--
			if indeg[b] == 0 {
				order = append(order, b)
			}
		}
	}
	for i := 0; i < n; i++ {
		if p.kind[i] == LevelOfEffort {
			p.loe = append(p.loe, int32(i))
		}
	}
	total := 0
	for i := 0; i < n; i++ {
		if p.scheduled(int32(i)) {
			total++
		}
	}
	if len(order) == total {
		p.order = order
		return nil
	}
	// Walk back along predecessors that are still blocked until one repeats.
	start := int32(-1)
	for i := 0; i < n; i++ {
		if p.scheduled(int32(i)) && indeg[i] > 0 {
			start = int32(i)
			break
		}
	}
	seen := make(map[int32]int)
	var path []int32
	cur := start
	for {
		if at, ok := seen[cur]; ok {
			cyc := path[at:]
			ids := make([]string, 0, len(cyc)+1)
			for x := len(cyc) - 1; x >= 0; x-- {
				ids = append(ids, p.net.Activities[cyc[x]].ID)
			}
			ids = append(ids, ids[0])
			return lanyan.Errorf(lanyan.CodeInvalid, "network", "links", "the links form a cycle: %s", joinArrow(ids))
		}
		seen[cur] = len(path)
		path = append(path, cur)
		next := int32(-1)
		for _, k := range p.predLink[p.predOff[cur]:p.predOff[cur+1]] {
			a := p.lPred[k]
			if p.scheduled(a) && indeg[a] > 0 {
				next = a
				break
			}
		}
		cur = next
	}
}

func joinArrow(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += " → "
		}
		s += id
	}
	return s
}

// orderWBS lists the WBS summaries so that children come before parents, and each
// summary's children; a parent loop is an error.
func (p *plan) orderWBS() error {
	n := len(p.kind)
	p.children = nil
	depth := make([]int32, n)
	var summaries []int32
	for i := 0; i < n; i++ {
		if p.kind[i] == WBSSummary {
			summaries = append(summaries, int32(i))
		}
	}
	if len(summaries) == 0 {
		return nil
	}
	p.children = make([][]int32, n)
	for i := 0; i < n; i++ {
		if p.parent[i] >= 0 {
			p.children[p.parent[i]] = append(p.children[p.parent[i]], int32(i))
		}
	}
	maxDepth := int32(0)
	for _, s := range summaries {
		d := int32(0)
		for cur := p.parent[s]; cur >= 0; cur = p.parent[cur] {
			d++
			if int(d) > len(summaries) {
				return invalid(recActivity(p.net.Activities[s].ID), "parent", "WBS summaries contain each other in a loop")
			}
		}
		depth[s] = d
		maxDepth = max(maxDepth, d)
	}
	for d := maxDepth; d >= 0; d-- {
		for _, s := range summaries {
			if depth[s] == d {
				p.wbs = append(p.wbs, s)
			}
		}
	}
	return nil
}

// indexedErr is an error found at some record position (-1 when none).
type indexedErr struct {
	at  int
	err error
}

// checkActivities checks each activity's fields and fills the per-activity arrays.
func (p *plan) checkActivities(acts []Activity, calIdx map[string]int32) indexedErr {
	fail := func(i int, err error) indexedErr { return indexedErr{i, err} }
	var ok bool
	for i := range acts {
		a := &acts[i]
		if a.Kind > WBSSummary {
			return fail(i, invalid(recActivity(a.ID), "kind", "unknown kind %d", a.Kind))
		}
		p.kind[i] = a.Kind
		c := p.def
		if a.Calendar != "" {
			if c, ok = calIdx[a.Calendar]; !ok {
				return fail(i, lanyan.Errorf(lanyan.CodeNotFound, recActivity(a.ID), "calendar", "unknown calendar %q", a.Calendar))
			}
		}
		p.cal[i] = c
		if a.Duration < 0 {
			return fail(i, invalid(recActivity(a.ID), "duration", "is negative"))
		}
		if a.Duration > maxWork {
			return fail(i, invalid(recActivity(a.ID), "duration", "is longer than a thousand years"))
		}
		dur := a.Duration
		if a.Kind == StartMilestone || a.Kind == FinishMilestone {
			if dur != 0 {
				return fail(i, invalid(recActivity(a.ID), "duration", "a milestone has no duration"))
			}
		}
		p.dur[i] = dur
		if err := checkConstraint(a, "constraint", a.Constraint); err != nil {
			return fail(i, err)
		}
		if err := checkConstraint(a, "constraint2", a.Constraint2); err != nil {
			return fail(i, err)
		}
		p.constrained[i] = a.Constraint.Type != ASAP || a.Constraint2.Type != ASAP
		var b bounds
		b.add(a.Constraint)
		b.add(a.Constraint2)
		switch {
		case b.startLo != 0 && b.startHi != 0 && b.startLo > b.startHi:
			return fail(i, invalid(recActivity(a.ID), "constraint2", "start no earlier than %s is after start no later than %s", b.startLo, b.startHi))
		case b.finLo != 0 && b.finHi != 0 && b.finLo > b.finHi:
			return fail(i, invalid(recActivity(a.ID), "constraint2", "finish no earlier than %s is after finish no later than %s", b.finLo, b.finHi))
		case b.startLo != 0 && b.finHi != 0 && b.startLo > b.finHi:
			return fail(i, invalid(recActivity(a.ID), "constraint2", "finish constraint %s is before start constraint %s", b.finHi, b.startLo))
		}
		if isMandatory(a.Constraint.Type) && isMandatory(a.Constraint2.Type) {
			return fail(i, invalid(recActivity(a.ID), "constraint2", "an activity may have only one mandatory constraint"))
		}
		if a.PercentComplete < 0 || a.PercentComplete > 100 || a.PercentComplete != a.PercentComplete {
			return fail(i, invalid(recActivity(a.ID), "percentComplete", "must be between 0 and 100"))
		}
		// Progress. A milestone has one actual date, whichever P6 or MS Project
		// recorded: it stands for both.
		as, af := a.ActualStart, a.ActualFinish
		if a.Kind == StartMilestone || a.Kind == FinishMilestone {
			if as == 0 {
				as = af
			}
			af = as
		}
		p.actStart[i], p.actFinish[i] = as, af
		switch {
		case af != 0:
			if as == 0 {
				return fail(i, invalid(recActivity(a.ID), "actualStart", "is missing while actualFinish is set"))
			}
			if af < as {
				return fail(i, invalid(recActivity(a.ID), "actualFinish", "%s is before actualStart %s", a.ActualFinish, a.ActualStart))
			}
			p.state[i] = 2
		case as != 0:
			p.state[i] = 1
			rd := a.RemainingDuration
			if rd < 0 {
				rd = int64(math.Round(float64(dur) * (100 - a.PercentComplete) / 100))
			}
			if rd > maxWork {
				return fail(i, invalid(recActivity(a.ID), "remainingDuration", "is longer than a thousand years"))
			}
			p.rem[i] = rd
		default:
			p.rem[i] = dur
		}
		if p.state[i] != 0 && (a.Kind == LevelOfEffort || a.Kind == WBSSummary) {
			// Progress on these is derived from what they span.
			p.state[i] = 0
			p.rem[i] = dur
		}
	}
	return indexedErr{-1, nil}
}

// resolveLinks looks up the ends of links[lo:hi] and fills the per-link arrays.
func (p *plan) resolveLinks(links []Link, lo, hi int, idx *idIndex) indexedErr {
	fail := func(k int, err error) indexedErr { return indexedErr{k, err} }
	opts := p.opts
	for k := lo; k < hi; k++ {
		l := &links[k]
		a, ok := idx.get(l.Pred)
		if !ok {
			return fail(k, lanyan.Errorf(lanyan.CodeNotFound, recLink(k, l), "pred", "unknown activity %q", l.Pred))
		}
		b, ok := idx.get(l.Succ)
		if !ok {
			return fail(k, lanyan.Errorf(lanyan.CodeNotFound, recLink(k, l), "succ", "unknown activity %q", l.Succ))
		}
		if a == b {
			return fail(k, invalid(recLink(k, l), "succ", "an activity cannot be its own successor (cycle: %s)", l.Pred))
		}
		if p.kind[a] == WBSSummary || p.kind[b] == WBSSummary {
			return fail(k, invalid(recLink(k, l), "pred", "links to or from WBS summary activities are not supported; link their children"))
		}
		if l.Type > SF {
			return fail(k, invalid(recLink(k, l), "type", "unknown link type %d", l.Type))
		}
		if l.LagCalendar > LagProjectDefault {
			return fail(k, invalid(recLink(k, l), "lagCalendar", "unknown value %d", l.LagCalendar))
		}
		if l.LagPercent != l.LagPercent || math.Abs(l.LagPercent) > 1e6 {
			return fail(k, invalid(recLink(k, l), "lagPercent", "is out of range"))
		}
		if l.Lag > maxWork || l.Lag < -maxWork {
			return fail(k, invalid(recLink(k, l), "lag", "is longer than a thousand years"))
		}
		p.lPred[k], p.lSucc[k], p.lType[k] = a, b, l.Type
		lag, lc := l.Lag, l.LagCalendar
		if lc == LagFromOption {
			lc = opts.LagCalendar
		}
		if l.LagPercent != 0 {
			lag = int64(math.Round(float64(p.dur[a]) * l.LagPercent / 100))
			lc = LagPredecessor
		}
		p.lLag[k] = lag
		switch lc {
		case LagFromOption, LagPredecessor:
			p.lCal[k] = p.cal[a]
		case LagSuccessor:
			p.lCal[k] = p.cal[b]
		case Lag24Hour:
			p.lCal[k] = p.cal24
		default:
			p.lCal[k] = p.def
		}
	}
	return indexedErr{-1, nil}
}

// parallel2 runs f over [0, n) in two halves at once (one when n is small) and
// returns the error at the lowest position.
func parallel2(n int, f func(lo, hi int) indexedErr) indexedErr {
	if n < 4096 {
		return f(0, n)
	}
	mid := n / 2
	ch := make(chan indexedErr, 1)
	go func() { ch <- f(mid, n) }()
	first := f(0, mid)
	second := <-ch
	if first.err != nil {
		return first
	}
	return second
}
