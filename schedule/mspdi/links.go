package mspdi

import (
	"sort"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// plainLink is a link between activities by index, before expansion.
type plainLink struct {
	pred, succ int
	l          schedule.Link
}

// leafIndex answers "which leaf activities lie under activity i" for a network
// whose activities come in outline order (every summary before its descendants).
type leafIndex struct {
	parent []int
	kids   [][]int
}

func newLeafIndex(parent []int) *leafIndex {
	x := &leafIndex{parent: parent, kids: make([][]int, len(parent))}
	for i, p := range parent {
		if p >= 0 {
			x.kids[p] = append(x.kids[p], i)
		}
	}
	return x
}

// leaves returns the leaf descendants of i in outline order, or i itself when it
// has no children. The walk is iterative.
func (x *leafIndex) leaves(i int) []int {
	if len(x.kids[i]) == 0 {
		return []int{i}
	}
	var out []int
	stack := []int{i}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if len(x.kids[n]) == 0 {
			out = append(out, n)
			continue
		}
		for k := len(x.kids[n]) - 1; k >= 0; k-- {
			stack = append(stack, x.kids[n][k])
		}
	}
	return out
}

// ancestorOrSelf reports whether a is b or one of b's ancestors.
func (x *leafIndex) ancestorOrSelf(a, b int) bool {
	for n := b; n >= 0; n = x.parent[n] {
		if n == a {
			return true
		}
	}
	return false
}

// pairs returns the (predecessor, successor) leaf pairs a link between pred and
// succ stands for, successor leaves outermost.
func (x *leafIndex) pairs(pred, succ int) [][2]int {
	ps, ss := x.leaves(pred), x.leaves(succ)
	out := make([][2]int, 0, len(ps)*len(ss))
	for _, s := range ss {
		for _, p := range ps {
			out = append(out, [2]int{p, s})
		}
	}
	return out
}

// expand turns the file's links into network links. Links between leaf tasks are
// kept as they are; a link to or from a summary task becomes links between the
// leaf tasks under it (see the package documentation) and is remembered as a
// SummaryLink. Where an expanded pair repeats a pair the file links directly, or
// one an earlier summary link already gave, the first stays: the engine allows one
// link between two activities, as MS Project does. Links are returned ordered by
// successor, then as the file lists them.
func expand(acts []schedule.Activity, parent []int, isSummary []bool, in []plainLink) ([]schedule.Link, []SummaryLink, error) {
	x := newLeafIndex(parent)
	type pair struct{ p, s int }
	direct := make(map[pair]bool)
	for _, l := range in {
		if !isSummary[l.pred] && !isSummary[l.succ] {
			direct[pair{l.pred, l.succ}] = true
		}
	}
	type emitted struct {
		succ    int
		l       schedule.Link
		summary int // index in sums, or -1
	}
	var out []emitted
	var sums []SummaryLink
	taken := make(map[pair]bool)
	for _, l := range in {
		link := l.l
		link.Pred, link.Succ = acts[l.pred].ID, acts[l.succ].ID
		if !isSummary[l.pred] && !isSummary[l.succ] {
			out = append(out, emitted{succ: l.succ, l: link, summary: -1})
			continue
		}
		if x.ancestorOrSelf(l.pred, l.succ) || x.ancestorOrSelf(l.succ, l.pred) {
			return nil, nil, lanyan.Errorf(lanyan.CodeInvalid, "task UID "+link.Succ, "PredecessorLink",
				"links summary task %s with its own subtask %s, which MS Project does not allow", summaryEnd(l, isSummary, acts), otherEnd(l, isSummary, acts))
		}
		sums = append(sums, SummaryLink{Link: link})
		for _, pr := range x.pairs(l.pred, l.succ) {
			k := pair{pr[0], pr[1]}
			if direct[k] || taken[k] {
				continue
			}
			taken[k] = true
			e := link
			e.Pred, e.Succ = acts[pr[0]].ID, acts[pr[1]].ID
			out = append(out, emitted{succ: pr[1], l: e, summary: len(sums) - 1})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].succ < out[j].succ })
	links := make([]schedule.Link, len(out))
	for i, e := range out {
		links[i] = e.l
		if e.summary >= 0 {
			sums[e.summary].Expanded = append(sums[e.summary].Expanded, i)
		}
	}
	return links, sums, nil
}

func summaryEnd(l plainLink, isSummary []bool, acts []schedule.Activity) string {
	if isSummary[l.pred] {
		return acts[l.pred].ID
	}
	return acts[l.succ].ID
}

func otherEnd(l plainLink, isSummary []bool, acts []schedule.Activity) string {
	if isSummary[l.pred] {
		return acts[l.succ].ID
	}
	return acts[l.pred].ID
}
