package schedule

import (
	"math"

	"github.com/lanyan-dev/lanyan"
)

// Compute schedules the network by the critical path method with the given options
// and returns early and late dates, floats, critical flags, driving links and the
// longest path. It is deterministic, does no I/O, and leaves net unchanged.
//
// The passes work in each activity's own working time: an activity's start and
// finish are positions W on its calendar (working minutes from a fixed anchor), so
// its finish is always start + remaining duration, and its floats are differences
// of positions. A link converts a position on the predecessor's calendar to an
// instant, shifts it by the lag on the lag calendar, and converts it to a position
// on the successor's calendar; when the calendars agree this is plain integer
// arithmetic.
//
// Rules, as P6 applies them:
//   - Nothing is scheduled before the project start; remaining work never before
//     the data date (Options.DataDate, or the project start when zero).
//   - Start-no-earlier/finish-no-earlier bounds push early dates; no-later-than
//     bounds pull late dates and can produce negative float; start-on/finish-on do
//     both; mandatory start/finish set both early and late dates, overriding logic.
//     Constraints on the start of a started activity are ignored.
//   - No activity's late finish is after the must-finish-by date, or else the
//     project's early finish; this is what bounds activities without successors.
//   - Progress: a started activity's early start is its actual start and its
//     remaining duration is scheduled from the data date; under RetainedLogic the
//     remaining work also waits for its predecessors; under ProgressOverride and
//     ActualDates it does not (and does not hold its predecessors back); under
//     ActualDates a finished activity drives its successors from its actual finish.
//   - With Options.HonorConstraintDates (MS Project's default), no-later-than and
//     on constraints also hold early dates, against logic.
//   - ALAP activities are moved later by their free float.
//   - A level-of-effort activity starts as its predecessors allow and finishes as its
//     successors need; it never drives. A WBS summary spans its children.
func Compute(net *Network, opts Options) (*Result, error) {
	p, err := prepare(net, opts)
	if err != nil {
		return nil, err
	}
	return p.compute()
}

// pass holds the working arrays of one computation.
type pass struct {
	*plan
	rs, rf []int64   // scheduled part: start and finish positions, own calendar
	sW, fW []int64   // positions that drive successors (start, finish)
	sT, fT []Instant // the same as instants
	ls, lf []int64   // late start and finish positions of the scheduled part
	ff     []int64   // free float
	bnd    []int64   // forward bound of each link, on its successor's calendar
}

const inf = math.MaxInt64 / 4

func (p *plan) compute() (*Result, error) {
	n := len(p.kind)
	q := &pass{plan: p,
		rs: make([]int64, n), rf: make([]int64, n),
		sW: make([]int64, n), fW: make([]int64, n),
		sT: make([]Instant, n), fT: make([]Instant, n),
		ls: make([]int64, n), lf: make([]int64, n),
		ff:  make([]int64, n),
		bnd: make([]int64, len(p.lPred)),
	}
	q.forward()
	projEF := q.projectFinish()
	projLF := projEF
	if p.opts.MustFinishBy != 0 {
		projLF = p.opts.MustFinishBy
	}
	// The backward pass reads only late positions and the free-float pass only
	// early ones (ALAP moves touch early positions alone), so they run side by side.
	done := make(chan struct{})
	go func() {
		q.backward(projLF)
		close(done)
	}()
	q.freeFloat(projEF)
	<-done
	res := q.assemble(projEF)
	for _, c := range p.cals {
		if c.Overflowed() {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, calRecord(c.ID()), "", "the schedule runs outside the years 2 to 9998")
		}
	}
	return res, nil
}

// logic reports whether predecessor logic applies to activity j's scheduled part.
func (q *pass) logic(j int32) bool {
	return q.state[j] == 0 || q.opts.Progress == RetainedLogic
}

// fwd is the position on calendar cj that link k imposes, from a predecessor event
// at position srcW (on the predecessor's calendar) and instant srcT.
func (q *pass) fwd(k int32, srcW int64, srcT Instant, cj int32) int64 {
	ci, lc, lag := q.cal[q.lPred[k]], q.lCal[k], q.lLag[k]
	if ci == cj && (lag == 0 || lc == ci) {
		return srcW + lag
	}
	t := srcT
	if lag != 0 {
		c := q.cals[lc]
		if lc == ci {
			t = c.finishAt(srcW + lag)
		} else if lag > 0 {
			t = c.finishAt(c.W(t) + lag)
		} else {
			t = c.startAt(c.W(t) + lag)
		}
	}
	return q.cals[cj].W(t)
}

// back is the position on the predecessor's calendar ci that link k allows, from a
// successor event at position srcW on the successor's calendar: the latest instant
// with that position, shifted back by the lag.
func (q *pass) back(k int32, srcW int64, ci int32) int64 {
	cj, lc, lag := q.cal[q.lSucc[k]], q.lCal[k], q.lLag[k]
	if ci == cj && (lag == 0 || lc == ci) {
		return srcW - lag
	}
	t := q.cals[cj].startAt(srcW)
	if lag != 0 {
		c := q.cals[lc]
		t = c.startAt(c.W(t) - lag)
	}
	return q.cals[ci].W(t)
}

func isStartLink(t LinkType) bool { return t == SS || t == SF } // driven by the predecessor's start
func toStartLink(t LinkType) bool { return t == FS || t == SS } // bounds the successor's start

func (q *pass) forward() {
	// Positions of the project start and the data date on each calendar.
	floorW := make([]int64, len(q.cals))
	ddW := make([]int64, len(q.cals))
	for i, c := range q.cals {
		ddW[i] = c.W(q.opts.DataDate)
		floorW[i] = max(c.W(q.start), ddW[i])
	}
	acts := q.net.Activities
	for _, j := range q.order {
		c := q.cals[q.cal[j]]
		a := &acts[j]
		rem := q.rem[j]
		lo := floorW[q.cal[j]]
		if q.state[j] != 0 {
			lo = max(ddW[q.cal[j]], c.W(q.actStart[j]))
		}
		finLo := int64(-inf)
		if q.logic(j) {
			cj := q.cal[j]
			for _, k := range q.predLink[q.predOff[j]:q.predOff[j+1]] {
				i := q.lPred[k]
				if !q.scheduled(i) {
					continue
				}
				var b int64
				if isStartLink(q.lType[k]) {
					b = q.fwd(k, q.sW[i], q.sT[i], cj)
				} else {
					b = q.fwd(k, q.fW[i], q.fT[i], cj)
				}
				q.bnd[k] = b
				if toStartLink(q.lType[k]) {
					lo = max(lo, b)
				} else {
					finLo = max(finLo, b)
				}
			}
		}
		rs := max(lo, finLo-rem)
		if q.state[j] == 0 && q.constrained[j] {
			for _, con := range [2]Constraint{a.Constraint, a.Constraint2} {
				switch con.Type {
				case StartNoEarlierThan, StartOn:
					rs = max(rs, c.W(con.Date))
				case FinishNoEarlierThan, FinishOn:
					rs = max(rs, c.W(con.Date)-rem)
				}
			}
			if q.opts.HonorConstraintDates {
				for _, con := range [2]Constraint{a.Constraint, a.Constraint2} {
					switch con.Type {
					case StartNoLaterThan, StartOn:
						rs = min(rs, c.W(con.Date))
					case FinishNoLaterThan, FinishOn:
						rs = min(rs, c.W(con.Date)-rem)
					}
				}
			}
			for _, con := range [2]Constraint{a.Constraint, a.Constraint2} {
				switch con.Type {
				case MandatoryStart:
					rs = c.W(con.Date)
				case MandatoryFinish:
					rs = c.W(con.Date) - rem
				}
			}
		}
		q.rs[j], q.rf[j] = rs, rs+rem
		switch q.state[j] {
		case 0:
			q.sW[j], q.fW[j] = rs, rs+rem
			q.sT[j], q.fT[j] = c.startAt(rs), c.finishAt(rs+rem)
		case 1:
			q.sW[j], q.sT[j] = c.W(q.actStart[j]), q.actStart[j]
			q.fW[j], q.fT[j] = rs+rem, c.finishAt(rs+rem)
		case 2:
			q.sW[j], q.sT[j] = c.W(q.actStart[j]), q.actStart[j]
			if q.opts.Progress == ActualDates {
				q.fW[j], q.fT[j] = c.W(q.actFinish[j]), q.actFinish[j]
			} else {
				q.fW[j], q.fT[j] = rs, c.finishAt(rs)
			}
		}
	}
}

// projectFinish is the latest early finish of any task or milestone.
func (q *pass) projectFinish() Instant {
	var ef Instant
	for _, j := range q.order {
		t := q.fT[j]
		if q.state[j] == 2 {
			t = q.actFinish[j]
		}
		ef = max(ef, t)
	}
	if ef == 0 {
		ef = q.start
	}
	return ef
}

// positions gives the position of instant t on every calendar that an activity
// uses (asking the others would stretch their tables for nothing).
func (q *pass) positions(t Instant) []int64 {
	w := make([]int64, len(q.cals))
	for i, c := range q.cals {
		if q.calUsed[i] {
			w[i] = c.W(t)
		}
	}
	return w
}

// succLimits returns the latest finish and start positions of activity i that its
// successors allow, given their start and finish positions (late ones for late
// dates, early ones for free float). Successors whose logic does not apply to them
// (started, under progress override) hold nothing back.
func (q *pass) succLimits(i int32, startW, finishW []int64) (lf, ls int64) {
	ci := q.cal[i]
	lf, ls = inf, inf
	for _, k := range q.succLink[q.succOff[i]:q.succOff[i+1]] {
		j := q.lSucc[k]
		if !q.scheduled(j) || !q.logic(j) {
			continue
		}
		var b int64
		if toStartLink(q.lType[k]) {
			b = q.back(k, startW[j], ci)
		} else {
			b = q.back(k, finishW[j], ci)
		}
		if isStartLink(q.lType[k]) {
			ls = min(ls, b)
		} else {
			lf = min(lf, b)
		}
	}
	return lf, ls
}

func (q *pass) backward(projLF Instant) {
	endW := q.positions(projLF)
	acts := q.net.Activities
	for x := len(q.order) - 1; x >= 0; x-- {
		i := q.order[x]
		ci := q.cal[i]
		c := q.cals[ci]
		a := &acts[i]
		rem := q.rem[i]
		lf, ls := q.succLimits(i, q.ls, q.lf)
		// Nothing finishes after the project's late finish: this bounds activities
		// without successors and those whose only successors hang off their start.
		lf = min(lf, endW[ci])
		if q.state[i] != 2 && q.constrained[i] {
			for _, con := range [2]Constraint{a.Constraint, a.Constraint2} {
				switch con.Type {
				case StartNoLaterThan, StartOn:
					if q.state[i] == 0 {
						ls = min(ls, c.W(con.Date))
					}
				case FinishNoLaterThan, FinishOn:
					lf = min(lf, c.W(con.Date))
				}
			}
		}
		lf = min(lf, ls+rem)
		if q.state[i] == 0 && q.constrained[i] {
			for _, con := range [2]Constraint{a.Constraint, a.Constraint2} {
				switch con.Type {
				case MandatoryStart:
					lf = c.W(con.Date) + rem
				case MandatoryFinish:
					lf = c.W(con.Date)
				}
			}
		}
		q.lf[i], q.ls[i] = lf, lf-rem
	}
}

// freeFloat finds each activity's free float from its successors' early dates, in
// reverse order, moving ALAP activities later by theirs.
func (q *pass) freeFloat(projEF Instant) {
	endW := q.positions(projEF)
	acts := q.net.Activities
	for x := len(q.order) - 1; x >= 0; x-- {
		i := q.order[x]
		ci := q.cal[i]
		c := q.cals[ci]
		rem := q.rem[i]
		lf, ls := q.succLimits(i, q.rs, q.rf)
		lf = min(lf, endW[ci])
		limit := min(lf, ls+rem)
		ff := limit - q.rf[i]
		if q.state[i] == 2 {
			ff = 0
		}
		a := &acts[i]
		if ff > 0 && q.state[i] == 0 && q.constrained[i] && (a.Constraint.Type == ALAP || a.Constraint2.Type == ALAP) {
			q.rs[i] += ff
			q.rf[i] += ff
			q.sW[i], q.fW[i] = q.rs[i], q.rf[i]
			q.sT[i], q.fT[i] = c.startAt(q.rs[i]), c.finishAt(q.rf[i])
			ff = 0
		}
		q.ff[i] = ff
	}
}
