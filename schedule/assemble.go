package schedule

// assemble turns positions into the Result: displayed dates, floats, level-of-effort
// and WBS summary spans, driving links and the longest path.
func (q *pass) assemble(projEF Instant) *Result {
	acts := q.net.Activities
	n := len(acts)
	res := &Result{
		Activities:    make([]ActivityResult, n),
		Driving:       make([]bool, len(q.lPred)),
		EarlyFinish:   projEF,
		MinutesPerDay: make([]int64, n),
	}
	// The first instant anything may be scheduled, on each calendar.
	floorT := make([]Instant, len(q.cals))
	for i, c := range q.cals {
		floorT[i] = c.startAt(max(c.W(q.start), c.W(q.opts.DataDate)))
	}
	// Converting positions to instants is independent per activity: two halves at once.
	parallel2(len(q.order), func(lo, hi int) indexedErr {
		q.dates(res, q.order[lo:hi], floorT)
		return indexedErr{-1, nil}
	})
	// Driving links: those whose bound equals the start or finish it set.
	for _, j := range q.order {
		if !q.logic(j) {
			continue
		}
		for _, k := range q.predLink[q.predOff[j]:q.predOff[j+1]] {
			if !q.scheduled(q.lPred[k]) {
				continue
			}
			if toStartLink(q.lType[k]) {
				res.Driving[k] = q.bnd[k] == q.rs[j]
			} else {
				res.Driving[k] = q.bnd[k] == q.rf[j]
			}
		}
	}
	q.longestPath(res, projEF)
	q.levelOfEffort(res)
	q.summaries(res)
	for i := range acts {
		res.Activities[i].ID = acts[i].ID
		res.MinutesPerDay[i] = q.cals[q.cal[i]].minutesDay
	}
	return res
}

func (q *pass) totalFloat(es, ef, ls, lf int64) int64 {
	switch q.opts.FloatType {
	case StartFloat:
		return ls - es
	case SmallestFloat:
		return min(ls-es, lf-ef)
	}
	return lf - ef
}

// longestPath marks the chain of driving links back from the activities that finish
// last, so it is found even where constraints distort float.
func (q *pass) longestPath(res *Result, projEF Instant) {
	var stack []int32
	on := make([]bool, len(q.kind))
	for _, j := range q.order {
		if res.Activities[j].EarlyFinish == projEF {
			on[j] = true
			stack = append(stack, j)
		}
	}
	for len(stack) > 0 {
		j := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, k := range q.predLink[q.predOff[j]:q.predOff[j+1]] {
			i := q.lPred[k]
			if res.Driving[k] && !on[i] {
				on[i] = true
				stack = append(stack, i)
			}
		}
	}
	for _, j := range q.order {
		if on[j] {
			res.Activities[j].LongestPath = true
			res.LongestPath = append(res.LongestPath, q.net.Activities[j].ID)
		}
	}
}

// levelOfEffort spans each level-of-effort activity from what its predecessors
// allow to what its successors need, on early and on late dates.
func (q *pass) levelOfEffort(res *Result) {
	for _, a := range q.loe {
		ca := q.cal[a]
		c := q.cals[ca]
		es, ls := int64(-inf), int64(-inf)
		efFromPred, lfFromPred := int64(-inf), int64(-inf)
		for _, k := range q.predLink[q.predOff[a]:q.predOff[a+1]] {
			i := q.lPred[k]
			if !q.scheduled(i) {
				continue
			}
			ri := &res.Activities[i]
			var eW, lW int64
			var eT, lT Instant
			if isStartLink(q.lType[k]) {
				eW, eT, lW, lT = q.sW[i], q.sT[i], q.ls[i], ri.LateStart
			} else {
				eW, eT, lW, lT = q.fW[i], q.fT[i], q.lf[i], ri.LateFinish
			}
			e, l := q.fwd(k, eW, eT, ca), q.fwd(k, lW, lT, ca)
			if toStartLink(q.lType[k]) {
				es, ls = max(es, e), max(ls, l)
			} else {
				efFromPred, lfFromPred = max(efFromPred, e), max(lfFromPred, l)
			}
		}
		ef, lf := int64(inf), int64(inf)
		for _, k := range q.succLink[q.succOff[a]:q.succOff[a+1]] {
			j := q.lSucc[k]
			if !q.scheduled(j) || isStartLink(q.lType[k]) {
				continue
			}
			var e, l int64
			if toStartLink(q.lType[k]) {
				e, l = q.back(k, q.rs[j], ca), q.back(k, q.ls[j], ca)
			} else {
				e, l = q.back(k, q.rf[j], ca), q.back(k, q.lf[j], ca)
			}
			ef, lf = min(ef, e), min(lf, l)
		}
		start := c.W(q.start)
		if es == -inf {
			es = max(start, efFromPred-q.dur[a])
		}
		if ls == -inf {
			ls = max(es, lfFromPred-q.dur[a])
		}
		if ef == inf {
			ef = max(es+q.dur[a], efFromPred)
		}
		if lf == inf {
			lf = max(ls+q.dur[a], lfFromPred)
		}
		ef, lf = max(ef, es), max(lf, ls)
		r := &res.Activities[a]
		r.EarlyStart, r.EarlyFinish = c.startAt(es), c.finishAt(ef)
		r.LateStart, r.LateFinish = c.startAt(ls), c.finishAt(lf)
		r.RemainingDuration = ef - es
		r.TotalFloat = q.totalFloat(es, ef, ls, lf)
		r.Critical = r.TotalFloat <= q.opts.CriticalFloat
	}
}

// summaries spans each WBS summary over its children, innermost first.
func (q *pass) summaries(res *Result) {
	for _, s := range q.wbs {
		c := q.cals[q.cal[s]]
		r := &res.Activities[s]
		first := true
		for _, ch := range q.children[s] {
			rc := &res.Activities[ch]
			if rc.EarlyStart == 0 {
				continue
			}
			if first {
				r.EarlyStart, r.EarlyFinish, r.LateStart, r.LateFinish = rc.EarlyStart, rc.EarlyFinish, rc.LateStart, rc.LateFinish
				first = false
				continue
			}
			r.EarlyStart = min(r.EarlyStart, rc.EarlyStart)
			r.EarlyFinish = max(r.EarlyFinish, rc.EarlyFinish)
			r.LateStart = min(r.LateStart, rc.LateStart)
			r.LateFinish = max(r.LateFinish, rc.LateFinish)
		}
		if first {
			r.EarlyStart, r.EarlyFinish = q.start, q.start
			r.LateStart, r.LateFinish = q.start, q.start
		}
		es, ef, ls, lf := c.W(r.EarlyStart), c.W(r.EarlyFinish), c.W(r.LateStart), c.W(r.LateFinish)
		r.RemainingDuration = ef - es
		r.TotalFloat = q.totalFloat(es, ef, ls, lf)
		r.Critical = r.TotalFloat <= q.opts.CriticalFloat
	}
}

// dates sets the displayed dates and floats of the given activities.
func (q *pass) dates(res *Result, js []int32, floorT []Instant) {
	for _, j := range js {
		c, fl := q.cals[q.cal[j]], floorT[q.cal[j]]
		r := &res.Activities[j]
		rem := q.rem[j]
		r.RemainingDuration = rem
		// The scheduled part: the whole activity, or what remains of a started one.
		var es, ef, ls, lf Instant
		switch {
		case q.kind[j] == StartMilestone && q.state[j] == 0:
			es, ls = c.startAt(q.rs[j]), c.startAt(q.ls[j])
			ef, lf = es, ls
		case rem == 0:
			// A finish milestone, or nothing left to do, sits at the end of the
			// working time before it, but never before the project start or data date.
			ef, lf = max(c.finishAt(q.rf[j]), fl), max(c.finishAt(q.lf[j]), fl)
			es, ls = ef, lf
		default:
			es, ef = c.startAt(q.rs[j]), c.finishAt(q.rf[j])
			if q.state[j] == 0 {
				es, ef = q.sT[j], q.fT[j] // already converted (and moved, for ALAP)
			}
			ls, lf = c.startAt(q.ls[j]), c.finishAt(q.lf[j])
		}
		r.RemainingEarlyStart, r.RemainingEarlyFinish = es, ef
		r.EarlyStart, r.EarlyFinish = es, ef
		r.LateStart, r.LateFinish = ls, lf
		switch q.state[j] {
		case 1:
			r.EarlyStart = q.actStart[j]
			r.EarlyFinish = max(ef, r.EarlyStart)
		case 2:
			r.EarlyStart, r.EarlyFinish = q.actStart[j], q.actFinish[j]
		}
		if q.state[j] != 2 {
			r.TotalFloat = q.totalFloat(q.rs[j], q.rf[j], q.ls[j], q.lf[j])
			r.FreeFloat = q.ff[j]
			r.Critical = r.TotalFloat <= q.opts.CriticalFloat
		}
	}
}
