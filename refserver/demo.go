package main

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/schedule"
)

// The demo project is a 12-storey residential tower with a basement
// (滨江花园 3# 楼), six months into construction: a programme of
// WBS summaries, tasks and milestones on China's statutory calendars with its
// computed schedule, a cost breakdown with a contract baseline, progress and
// actual costs to the status date, and eight weeks of day-work slips. It is
// built from a fixed seed, so that every new server shows the same project,
// and written in one transaction.
const (
	demoTenant     = "demo"
	demoTenantName = "Demo operator"
	demoProject    = "riverside-b3"
	demoSeed       = 20250303
)

// Calendars of the demo: the built-in ones, and a six-day week with the
// statutory holidays for the site works.
const (
	demoOfficeCalendar = schedule.ChinaStatutoryID
	demoSiteCalendar   = "cn-six-day"
)

const workDay = 8 * 60 // working minutes in a day of every demo calendar

// demoData is the whole demo project, built in memory before it is stored.
type demoData struct {
	Network    *schedule.Network // with progress at the data date
	Result     *schedule.Result  // computed at the data date
	Cost       cost.Project
	Breakdown  *cost.Breakdown
	Baseline   *cost.Baseline
	Progress   []cost.Progress
	Actuals    []cost.StoredActual
	Slips      []labour.Slip
	StatusDate date.Date // the last day progress is recorded for
}

// seedDemo builds the demo project and writes it through the stores, which
// the caller runs in one transaction.
func seedDemo(ctx context.Context, ss schedule.Store, cs cost.Store, ls labour.Store) (*demoData, error) {
	d, err := buildDemo()
	if err != nil {
		return nil, err
	}
	net := d.Network
	if _, err := ss.CreateProject(ctx, schedule.StoredProject{Project: net.Project, Options: net.Options}); err != nil {
		return nil, err
	}
	// A calendar's base must be stored before it.
	cals := slices.Clone(net.Calendars)
	slices.SortStableFunc(cals, func(a, b schedule.Calendar) int {
		return cmp.Compare(min(len(a.Base), 1), min(len(b.Base), 1))
	})
	for _, c := range cals {
		if err := ss.PutCalendar(ctx, net.Project.ID, c); err != nil {
			return nil, err
		}
	}
	if err := ss.PutActivities(ctx, net.Project.ID, net.Activities); err != nil {
		return nil, err
	}
	if err := ss.PutLinks(ctx, net.Project.ID, net.Links); err != nil {
		return nil, err
	}
	if err := ss.SaveResult(ctx, net.Project.ID, d.Result); err != nil {
		return nil, err
	}
	if _, err := cs.CreateProject(ctx, d.Cost); err != nil {
		return nil, err
	}
	if err := cs.PutElements(ctx, d.Cost.ID, d.Breakdown.Elements); err != nil {
		return nil, err
	}
	if err := cs.PutBaseline(ctx, d.Cost.ID, *d.Baseline); err != nil {
		return nil, err
	}
	if err := cs.PutProgress(ctx, d.Cost.ID, d.Progress); err != nil {
		return nil, err
	}
	if err := cs.PutActuals(ctx, d.Cost.ID, d.Actuals); err != nil {
		return nil, err
	}
	if _, err := ls.PutSlips(ctx, d.Slips); err != nil {
		return nil, err
	}
	return d, nil
}

// buildDemo builds the demo project. It is deterministic: every call returns
// the same project.
func buildDemo() (*demoData, error) {
	b := newProgramme()
	b.build()
	net := b.net
	// A store returns activities ordered by id and links by predecessor and
	// successor, and a saved result follows the order of the network it was
	// computed from: compute on the network in that order.
	slices.SortFunc(net.Calendars, func(a, b schedule.Calendar) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(net.Activities, func(a, b schedule.Activity) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(net.Links, func(a, b schedule.Link) int {
		return cmp.Or(strings.Compare(a.Pred, b.Pred), strings.Compare(a.Succ, b.Succ))
	})

	// The contract baseline: the plan before any progress, with the contract
	// completion date a little after its early finish.
	planned, err := schedule.Compute(net, net.Options)
	if err != nil {
		return nil, fmt.Errorf("demo plan: %w", err)
	}
	contract := schedule.AtTime(planned.EarlyFinish.Date()+14, 17, 0)
	for i := range net.Activities {
		if net.Activities[i].ID == b.handover {
			net.Activities[i].Constraint = schedule.Constraint{Type: schedule.FinishNoLaterThan, Date: contract}
		}
	}
	if planned, err = schedule.Compute(net, net.Options); err != nil {
		return nil, fmt.Errorf("demo plan: %w", err)
	}
	bd := b.breakdown(planned)
	if err := bd.Validate(); err != nil {
		return nil, fmt.Errorf("demo breakdown: %w", err)
	}
	baseline, err := cost.NewBaseline(0, "Contract baseline 合同基准", bd, net, planned)
	if err != nil {
		return nil, fmt.Errorf("demo baseline: %w", err)
	}

	// Status: the end of the month some half of the way through the plan, as
	// of a monthly cost report; the remaining work is scheduled from the next
	// day.
	start, finish := net.Project.Start.Date(), planned.EarlyFinish.Date()
	y, m, _ := (start + date.Date(int(finish-start)/2)).Date()
	status := date.New(y, m+1, 1) - 1
	dataDate := schedule.At(status+1, 0)
	sim := b.progress(planned, dataDate)
	net.Options.DataDate = dataDate
	current, err := schedule.Compute(net, net.Options)
	if err != nil {
		return nil, fmt.Errorf("demo schedule at %s: %w", dataDate, err)
	}
	d := &demoData{
		Network:   net,
		Result:    current,
		Breakdown: bd,
		Baseline:  baseline,
		Cost: cost.Project{
			ID: net.Project.ID, Name: net.Project.Name, Currency: "CNY", Baseline: 0,
			UndistributedBudget: bd.UndistributedBudget, ManagementReserve: bd.ManagementReserve,
		},
		StatusDate: status,
	}
	d.Progress = b.costProgress(sim, status)
	d.Actuals = b.actuals(sim, status)
	d.Slips = b.slips(sim, status)
	return d, nil
}

// programme builds the demo network and what hangs off it.
type programme struct {
	net *schedule.Network
	rng *rand.Rand
	seq int

	// Activities by role, for the cost breakdown and the day-work slips.
	handover   string
	floors     []string            // floor codes, bottom up: L01 … L12, RF
	structure  map[string][]string // floor → its structure tasks, in order
	pours      map[string][2]string
	finishes   map[string][]string // floor → its finishing tasks
	envelope   map[string][]string // trade → its tasks, bottom up
	mepFirst   []string
	packages   []demoPackage
	costFactor map[string]int64 // package → actual cost per mille of earned
	budget     map[string]int64 // package → budget in cents
}

// demoPackage is a work package in the making.
type demoPackage struct {
	id, name, account string
	activities        []string
	technique         cost.Technique
	curve             cost.Shape
	perDay            int64             // budget per working day of its activities, in yuan
	mix               []cost.CostType   // its actual costs, by type …
	shares            []int64           // … in these percentages
	milestones        map[string]string // WeightedMilestones: milestone id → the activity whose finish achieves it
}

func newProgramme() *programme {
	start := schedule.AtTime(date.New(2025, time.March, 3), 8, 0)
	site := schedule.SixDay()
	site.ID, site.Name = demoSiteCalendar, "Six-day site week with statutory holidays (六天工作制, 法定节假日)"
	site.Base, site.Week = schedule.SixDayID, schedule.WorkWeek{}
	site.Exceptions = schedule.ChinaHolidays()
	site.HoursPerDay = 0
	return &programme{
		net: &schedule.Network{
			Project: schedule.Project{
				ID:              demoProject,
				Name:            "Riverside Garden Block 3 滨江花园 3# 楼 (demo)",
				Start:           start,
				DefaultCalendar: demoOfficeCalendar,
			},
			Options: schedule.Options{
				LagCalendar:   schedule.LagPredecessor,
				FloatType:     schedule.FinishFloat,
				CriticalFloat: 0,
				Progress:      schedule.RetainedLogic,
			},
			Calendars: append(schedule.BuiltinCalendars(), site),
		},
		rng:        rand.New(rand.NewPCG(demoSeed, 0x64656d6f)),
		seq:        1000,
		budget:     map[string]int64{},
		structure:  map[string][]string{},
		pours:      map[string][2]string{},
		finishes:   map[string][]string{},
		envelope:   map[string][]string{},
		costFactor: map[string]int64{},
	}
}

// summary adds a WBS summary activity.
func (p *programme) summary(id, parent, name string) string {
	p.add(schedule.Activity{ID: id, Name: name, Kind: schedule.WBSSummary, Parent: parent})
	return id
}

// task adds a task of some working days on the site calendar.
func (p *programme) task(parent, name string, days int64) string {
	return p.add(schedule.Activity{ID: p.nextID(), Name: name, Parent: parent, Calendar: demoSiteCalendar, Duration: days * workDay})
}

// officeTask adds a task on the office calendar (five days a week).
func (p *programme) officeTask(parent, name string, days int64) string {
	return p.add(schedule.Activity{ID: p.nextID(), Name: name, Parent: parent, Duration: days * workDay})
}

func (p *programme) milestone(parent, name string, kind schedule.Kind) string {
	return p.add(schedule.Activity{ID: p.nextID(), Name: name, Parent: parent, Kind: kind})
}

func (p *programme) nextID() string {
	id := fmt.Sprintf("A%04d", p.seq)
	p.seq += 10
	return id
}

func (p *programme) add(a schedule.Activity) string {
	p.net.Activities = append(p.net.Activities, a)
	return a.ID
}

// fs links pred to succ finish-to-start with a lag in working days.
func (p *programme) fs(pred, succ string, lagDays int64) {
	p.net.Links = append(p.net.Links, schedule.Link{Pred: pred, Succ: succ, Type: schedule.FS, Lag: lagDays * workDay})
}

func (p *programme) link(pred, succ string, t schedule.LinkType, lagDays int64) {
	p.net.Links = append(p.net.Links, schedule.Link{Pred: pred, Succ: succ, Type: t, Lag: lagDays * workDay})
}

// jitter returns days varied by up to one day either way, never below one.
func (p *programme) jitter(days int64) int64 {
	return max(1, days+int64(p.rng.IntN(3))-1)
}

// build lays out the programme: eight WBS sections, the structure, envelope
// and finishes floor by floor.
func (p *programme) build() {
	const levels = 12
	for f := 1; f <= levels; f++ {
		p.floors = append(p.floors, fmt.Sprintf("L%02d", f))
	}
	p.floors = append(p.floors, "RF")

	// 1 Preliminaries.
	w1 := p.summary("W1", "", "1 Preliminaries 前期及临建")
	ntp := p.milestone(w1, "Notice to proceed 开工令", schedule.StartMilestone)
	setup := p.task(w1, "Site establishment 临建搭设", 10)
	crane := p.task(w1, "Tower crane foundation and erection 塔吊基础及安装", 8)
	mgmt := p.add(schedule.Activity{ID: p.nextID(), Name: "Site management 项目管理", Parent: w1, Kind: schedule.LevelOfEffort})
	hoist := p.task(w1, "Construction hoist installation 施工电梯安装", 4)
	craneOut := p.task(w1, "Tower crane dismantling 塔吊拆除", 4)
	p.fs(ntp, setup, 0)
	p.link(setup, crane, schedule.SS, 3)
	p.link(ntp, mgmt, schedule.SS, 0)

	// 2 Substructure.
	w2 := p.summary("W2", "", "2 Substructure 地下室及基础")
	piling := p.task(w2, "Bored piling 钻孔灌注桩", 20)
	pileTest := p.task(w2, "Pile testing 桩基检测", 5)
	excavate := p.task(w2, "Bulk excavation 土方开挖", 12)
	caps := p.task(w2, "Pile caps and ground beams 承台地梁", 10)
	raftWP := p.task(w2, "Raft waterproofing 底板防水", 4)
	raft := p.task(w2, "Basement raft 底板钢筋混凝土", 8)
	bWalls := p.task(w2, "Basement walls and columns 地下室墙柱", 10)
	bSlab := p.task(w2, "Basement roof slab 地下室顶板", 8)
	bTank := p.task(w2, "External wall waterproofing 地下室外墙防水", 5)
	backfill := p.task(w2, "Backfill 回填土", 5)
	zero := p.milestone(w2, "Substructure complete ±0.000 出正负零", schedule.FinishMilestone)
	p.fs(setup, piling, 0)
	p.fs(piling, pileTest, 0)
	p.link(piling, excavate, schedule.SS, 10)
	p.fs(pileTest, caps, 0)
	p.fs(excavate, caps, 0)
	p.fs(caps, raftWP, 0)
	p.fs(raftWP, raft, 0)
	p.fs(raft, bWalls, 2)
	p.fs(bWalls, bSlab, 0)
	p.fs(bSlab, zero, 0)
	p.fs(bSlab, bTank, 3)
	p.fs(bTank, backfill, 0)
	p.fs(crane, raft, 0)

	// 3 Superstructure, a floor every ten working days or so.
	w3 := p.summary("W3", "", "3 Superstructure 主体结构")
	prevPour := bSlab
	for _, fl := range p.floors {
		ws := p.summary("W3."+fl, w3, "3."+fl+" Structure "+fl+" 主体结构")
		walls := p.task(ws, fl+" Columns and walls rebar and formwork 墙柱钢筋模板", p.jitter(3))
		wallPour := p.task(ws, fl+" Pour columns and walls 墙柱混凝土浇筑", 1)
		slab := p.task(ws, fl+" Slab formwork and rebar 梁板模板钢筋", p.jitter(4))
		slabPour := p.task(ws, fl+" Pour slab 梁板混凝土浇筑", 1)
		p.fs(prevPour, walls, 1) // a day's curing before loading the slab
		p.fs(walls, wallPour, 0)
		p.fs(wallPour, slab, 0)
		p.fs(slab, slabPour, 0)
		p.structure[fl] = []string{walls, wallPour, slab, slabPour}
		p.pours[fl] = [2]string{wallPour, slabPour}
		prevPour = slabPour
	}
	topOut := p.milestone(w3, "Structure topped out 主体封顶", schedule.FinishMilestone)
	strAcc := p.officeTask(w3, "Structural acceptance 主体结构验收", 3)
	p.fs(prevPour, topOut, 0)
	p.fs(topOut, strAcc, 5)
	p.fs(p.pours["L04"][1], hoist, 0)
	p.fs(topOut, craneOut, 10)

	// 4 Envelope, bottom up two floors behind the structure.
	w4 := p.summary("W4", "", "4 Envelope 外围护")
	trades := []struct {
		key, name string
		days      int64
	}{
		{"blockwork", "External blockwork 外墙砌筑", 4},
		{"windows", "Windows 门窗安装", 3},
		{"render", "External render and paint 外墙抹灰涂料", 3},
	}
	for f, fl := range p.floors[:levels] {
		for k, t := range trades {
			id := p.task(w4, fl+" "+t.name, p.jitter(t.days))
			if list := p.envelope[t.key]; len(list) > 0 {
				p.fs(list[len(list)-1], id, 0) // the trade moves up floor by floor
			}
			if k == 0 {
				p.fs(p.pours[p.floors[min(f+2, levels)]][1], id, 0)
			} else {
				p.fs(p.envelope[trades[k-1].key][f], id, 0)
			}
			p.envelope[t.key] = append(p.envelope[t.key], id)
		}
	}
	roofWP := p.task(w4, "Roof waterproofing 屋面防水", 5)
	roofFin := p.task(w4, "Roof finishes 屋面面层", 4)
	scaffold := p.task(w4, "Strike external scaffold 外架拆除", 6)
	p.fs(p.pours["RF"][1], roofWP, 3)
	p.fs(roofWP, roofFin, 0)
	p.fs(p.envelope["render"][levels-1], scaffold, 0)

	// 5 MEP.
	w5 := p.summary("W5", "", "5 MEP 机电安装")
	risers := p.task(w5, "Risers and shafts 管井立管", 15)
	substation := p.task(w5, "Substation and switchgear 变配电", 15)
	power := p.milestone(w5, "Permanent power on 正式送电", schedule.FinishMilestone)
	lifts := p.task(w5, "Lift installation 电梯安装", 25)
	fire := p.task(w5, "Fire protection system 消防系统", 20)
	p.fs(topOut, risers, 0)
	p.fs(backfill, substation, 10)
	p.fs(substation, power, 0)
	p.fs(roofFin, lifts, 0)
	p.fs(topOut, lifts, 10)

	// 6 Finishes, floor by floor behind the structure.
	w6 := p.summary("W6", "", "6 Finishes 装饰装修")
	var prevFloor []string
	for f, fl := range p.floors[:levels] {
		wf := p.summary("W6."+fl, w6, "6."+fl+" Finishes "+fl+" 装饰装修")
		inner := p.task(wf, fl+" Internal blockwork 内墙砌筑", p.jitter(5))
		first := p.task(w5, fl+" MEP first fix 机电一次配管", p.jitter(5))
		plaster := p.task(wf, fl+" Plastering 墙面抹灰", p.jitter(5))
		screed := p.task(wf, fl+" Floor screed 地面找平", 3)
		ceilings := p.task(wf, fl+" Ceilings 吊顶", 3)
		second := p.task(wf, fl+" MEP second fix 机电二次安装", p.jitter(4))
		tiling := p.task(wf, fl+" Tiling 墙地砖", p.jitter(5))
		doors := p.task(wf, fl+" Doors and joinery 门及木作", 3)
		paint := p.task(wf, fl+" Painting 涂料", p.jitter(4))
		clean := p.task(wf, fl+" Clean and snag 保洁及消缺", 2)
		p.fs(p.pours[p.floors[min(f+3, levels)]][1], inner, 0)
		p.link(inner, first, schedule.SS, 2)
		p.fs(first, plaster, 0)
		p.fs(inner, plaster, 0)
		p.fs(plaster, screed, 0)
		p.fs(screed, ceilings, 0)
		p.fs(ceilings, second, 0)
		p.fs(screed, tiling, 2)
		p.fs(tiling, doors, 0)
		p.fs(second, doors, 0)
		p.fs(doors, paint, 0)
		p.fs(paint, clean, 0)
		if prevFloor != nil {
			for k, id := range []string{inner, first, plaster, tiling, paint, clean} {
				p.fs(prevFloor[k], id, 0)
			}
		}
		if f == 5 {
			p.link(first, fire, schedule.SS, 0)
		}
		prevFloor = []string{inner, first, plaster, tiling, paint, clean}
		p.finishes[fl] = []string{inner, plaster, screed, ceilings, second, tiling, doors, paint, clean}
		p.mepFirst = append(p.mepFirst, first)
	}

	// 7 External works.
	w7 := p.summary("W7", "", "7 External works 室外工程")
	drainage := p.task(w7, "External drainage 室外管网", 12)
	roads := p.task(w7, "Roads and paving 道路铺装", 10)
	landscape := p.task(w7, "Landscaping 绿化", 12)
	fence := p.task(w7, "Boundary wall and gates 围墙大门", 6)
	lighting := p.task(w7, "External lighting 室外照明", 5)
	p.fs(scaffold, drainage, 0)
	p.fs(drainage, roads, 0)
	p.link(roads, landscape, schedule.SS, 5)
	p.fs(drainage, fence, 0)
	p.fs(roads, lighting, 0)

	// 8 Testing and handover, on the office calendar.
	w8 := p.summary("W8", "", "8 Testing and handover 调试及竣工验收")
	tc := p.officeTask(w8, "MEP testing and commissioning 机电调试", 15)
	fireInsp := p.officeTask(w8, "Fire inspection 消防验收", 5)
	liftInsp := p.officeTask(w8, "Lift inspection 电梯验收", 3)
	completion := p.officeTask(w8, "Completion inspection 竣工验收", 5)
	p.handover = p.milestone(w8, "Handover 交付", schedule.FinishMilestone)
	last := p.floors[levels-1]
	p.fs(p.finishes[last][4], tc, 0)
	p.fs(power, tc, 0)
	p.fs(risers, tc, 0)
	p.fs(tc, fireInsp, 0)
	p.fs(fire, fireInsp, 0)
	p.fs(lifts, liftInsp, 0)
	for _, id := range []string{p.finishes[last][8], fireInsp, liftInsp, landscape, lighting, fence, strAcc, craneOut, hoist} {
		p.fs(id, completion, 0)
	}
	p.fs(completion, p.handover, 0)
	p.link(mgmt, p.handover, schedule.FF, 0)

	p.plan(mgmt, []string{setup, crane, hoist, craneOut},
		[]string{piling, pileTest, excavate, caps, raftWP, raft, bWalls, bSlab, bTank, backfill},
		[]string{roofWP, roofFin, scaffold}, []string{risers, substation, lifts, fire},
		[]string{drainage, roads, landscape, fence, lighting}, []string{tc, fireInsp, liftInsp, completion}, strAcc)
}

// plan lays out the work packages over the activities.
func (p *programme) plan(mgmt string, prelims, sub, roof, plant, external, handover []string, strAcc string) {
	pct := cost.Technique{Method: cost.PercentComplete}
	phys := cost.Technique{Method: cost.PhysicalPercentComplete}
	fifty := cost.Technique{Method: cost.FiftyFifty}
	zeroHundred := cost.Technique{Method: cost.ZeroHundred}
	structure := []cost.CostType{cost.CostMaterial, cost.CostSubcontract, cost.CostLabour, cost.CostEquipment}
	finishing := []cost.CostType{cost.CostSubcontract, cost.CostMaterial, cost.CostLabour}
	add := func(pk demoPackage) { p.packages = append(p.packages, pk) }

	add(demoPackage{id: "WP1.SITE", name: "Site establishment and plant 临建及大型机械", account: "CA1", activities: prelims,
		technique: pct, perDay: 42_000, mix: []cost.CostType{cost.CostEquipment, cost.CostSubcontract, cost.CostOther}, shares: []int64{55, 30, 15}})
	add(demoPackage{id: "WP1.MGMT", name: "Site management 项目管理", account: "CA1", activities: []string{mgmt},
		technique: cost.Technique{Method: cost.LevelOfEffort}, perDay: 18_500, mix: []cost.CostType{cost.CostLabour, cost.CostOther}, shares: []int64{80, 20}})
	add(demoPackage{id: "WP2.PILE", name: "Piling 桩基", account: "CA2", activities: sub[:1],
		technique: cost.Technique{Method: cost.UnitsComplete, Units: decimal.NewFromInt(186)}, perDay: 165_000,
		mix: []cost.CostType{cost.CostSubcontract}, shares: []int64{100}})
	add(demoPackage{id: "WP2.TEST", name: "Pile testing (2.5 % of piling) 桩基检测", account: "CA2", activities: sub[1:2],
		technique: cost.Technique{Method: cost.ApportionedEffort, Base: "WP2.PILE", Factor: decimal.RequireFromString("0.025")},
		mix:       []cost.CostType{cost.CostSubcontract}, shares: []int64{100}})
	add(demoPackage{id: "WP2.EXC", name: "Excavation and backfill 土方", account: "CA2", activities: []string{sub[2], sub[9]},
		technique: phys, perDay: 58_000, mix: []cost.CostType{cost.CostSubcontract, cost.CostEquipment}, shares: []int64{70, 30}})
	add(demoPackage{id: "WP2.BASE", name: "Basement structure 地下室结构", account: "CA2", activities: []string{sub[3], sub[4], sub[5], sub[6], sub[7], sub[8]},
		technique: pct, curve: cost.Bell, perDay: 96_000, mix: structure, shares: []int64{50, 25, 20, 5}})
	for _, fl := range p.floors {
		acts := p.structure[fl]
		add(demoPackage{id: "WP3." + fl, name: fl + " structure 主体结构", account: "CA3", activities: acts,
			technique: cost.Technique{Method: cost.WeightedMilestones, Milestones: []cost.Milestone{
				{ID: "walls", Name: "Columns and walls poured 墙柱浇筑", Weight: decimal.NewFromInt(40)},
				{ID: "slab", Name: "Slab poured 梁板浇筑", Weight: decimal.NewFromInt(60)},
			}},
			milestones: map[string]string{"walls": p.pours[fl][0], "slab": p.pours[fl][1]},
			perDay:     88_000, mix: structure, shares: []int64{52, 23, 20, 5}})
	}
	add(demoPackage{id: "WP3.ACC", name: "Structural acceptance 主体验收", account: "CA3", activities: []string{strAcc},
		technique: zeroHundred, perDay: 20_000, mix: []cost.CostType{cost.CostOther}, shares: []int64{100}})
	add(demoPackage{id: "WP4.BLOCK", name: "External blockwork 外墙砌筑", account: "CA4", activities: p.envelope["blockwork"],
		technique: pct, perDay: 36_000, mix: finishing, shares: []int64{40, 45, 15}})
	add(demoPackage{id: "WP4.WIN", name: "Windows 门窗", account: "CA4", activities: p.envelope["windows"],
		technique: cost.Technique{Method: cost.UnitsComplete, Units: decimal.NewFromInt(12 * 26)}, perDay: 72_000,
		mix: []cost.CostType{cost.CostSubcontract}, shares: []int64{100}})
	add(demoPackage{id: "WP4.RENDER", name: "External render and paint 外墙抹灰涂料", account: "CA4", activities: p.envelope["render"],
		technique: pct, perDay: 41_000, mix: finishing, shares: []int64{60, 30, 10}})
	add(demoPackage{id: "WP4.ROOF", name: "Roof and scaffold 屋面及外架", account: "CA4", activities: roof,
		technique: fifty, perDay: 30_000, mix: finishing, shares: []int64{70, 20, 10}})
	add(demoPackage{id: "WP5.FIRST", name: "MEP first fix 机电一次配管", account: "CA5", activities: p.mepFirst,
		technique: phys, curve: cost.FrontLoaded, perDay: 34_000, mix: finishing, shares: []int64{55, 35, 10}})
	add(demoPackage{id: "WP5.PLANT", name: "Risers, substation, lifts and fire 机电设备", account: "CA5", activities: plant,
		technique: pct, perDay: 120_000, mix: []cost.CostType{cost.CostSubcontract, cost.CostMaterial}, shares: []int64{60, 40}})
	for _, fl := range p.floors[:len(p.floors)-1] {
		add(demoPackage{id: "WP6." + fl, name: fl + " finishes 装饰装修", account: "CA6", activities: p.finishes[fl],
			technique: pct, perDay: 26_000, mix: finishing, shares: []int64{50, 38, 12}})
	}
	add(demoPackage{id: "WP7.EXT", name: "External works 室外工程", account: "CA7", activities: external,
		technique: fifty, perDay: 45_000, mix: []cost.CostType{cost.CostSubcontract, cost.CostMaterial}, shares: []int64{65, 35}})
	add(demoPackage{id: "WP8.TC", name: "Testing, inspections and handover 调试及验收", account: "CA8", activities: handover,
		technique: zeroHundred, perDay: 25_000, mix: []cost.CostType{cost.CostSubcontract, cost.CostOther}, shares: []int64{70, 30}})
	for _, pk := range p.packages {
		p.costFactor[pk.id] = 930 + int64(p.rng.IntN(230)) // 0.93 to 1.16 of earned
	}
}

// breakdown returns the cost breakdown: a control account per WBS section and
// the work packages, budgeted by their activities' planned working days.
func (p *programme) breakdown(planned *schedule.Result) *cost.Breakdown {
	accounts := []struct{ id, name string }{
		{"CA1", "Preliminaries 前期及临建"}, {"CA2", "Substructure 地下室及基础"}, {"CA3", "Superstructure 主体结构"},
		{"CA4", "Envelope 外围护"}, {"CA5", "MEP 机电安装"}, {"CA6", "Finishes 装饰装修"},
		{"CA7", "External works 室外工程"}, {"CA8", "Testing and handover 调试及竣工验收"},
	}
	b := &cost.Breakdown{
		UndistributedBudget: decimal.NewFromInt(680_000),
		ManagementReserve:   decimal.NewFromInt(2_400_000),
	}
	for _, a := range accounts {
		b.Elements = append(b.Elements, cost.Element{ID: a.id, Name: a.name, Kind: cost.ControlAccount})
	}
	for _, pk := range p.packages {
		var yuan int64
		if pk.technique.Method == cost.ApportionedEffort {
			// Factor × the base's budget, to the cent as Validate wants it.
			budget := decimal.New(p.budget[pk.technique.Base], -2).Mul(pk.technique.Factor).Round(2)
			p.budget[pk.id] = budget.Shift(2).IntPart()
			b.Elements = append(b.Elements, cost.Element{ID: pk.id, Name: pk.name, Kind: cost.WorkPackage, Parent: pk.account,
				Budget: budget, Activities: pk.activities, Technique: pk.technique})
			continue
		}
		for _, id := range pk.activities {
			days := p.net.Activities[p.index(id)].Duration / workDay
			if p.net.Activities[p.index(id)].Kind == schedule.LevelOfEffort {
				r := planned.Activities[p.index(id)]
				days = int64(r.EarlyFinish.Date()-r.EarlyStart.Date()) * 5 / 7
			}
			yuan += days * pk.perDay
		}
		yuan = yuan * int64(90+p.rng.IntN(21)) / 100 / 100 * 100 // ±10 %, whole hundreds of yuan
		p.budget[pk.id] = yuan * 100
		b.Elements = append(b.Elements, cost.Element{ID: pk.id, Name: pk.name, Kind: cost.WorkPackage, Parent: pk.account,
			Budget: decimal.NewFromInt(yuan), Activities: pk.activities, Curve: cost.Curve{Shape: pk.curve}, Technique: pk.technique})
	}
	slices.SortFunc(b.Elements, func(x, y cost.Element) int { return strings.Compare(x.ID, y.ID) })
	return b
}

// index returns the index of an activity in the (sorted) network.
func (p *programme) index(id string) int {
	i, ok := slices.BinarySearchFunc(p.net.Activities, id, func(a schedule.Activity, id string) int { return strings.Compare(a.ID, id) })
	if !ok {
		panic("demo: no activity " + id) // the programme refers only to its own activities
	}
	return i
}

// simulation is the progress made on each activity: how far along it is at a
// day, in basis points (100 % = 10,000).
type simulation struct {
	planned  *schedule.Result
	dataDate schedule.Instant
	started  []bool
	pct      []int64 // at the data date
}

// progress records progress on the network's activities at the data date:
// those planned to finish by then are finished on their planned dates; those
// under way are behind their plan by up to 40 %; a few due to start in the
// last days have not started, nor has anything that follows them.
func (p *programme) progress(planned *schedule.Result, dataDate schedule.Instant) *simulation {
	n := len(p.net.Activities)
	sim := &simulation{planned: planned, dataDate: dataDate, started: make([]bool, n), pct: make([]int64, n)}
	preds := make([][]int, n)
	for _, l := range p.net.Links {
		preds[p.index(l.Succ)] = append(preds[p.index(l.Succ)], p.index(l.Pred))
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		return cmp.Compare(planned.Activities[i].EarlyStart, planned.Activities[j].EarlyStart)
	})
	held := make([]bool, n) // not started although planned to
	for _, i := range order {
		a, r := &p.net.Activities[i], planned.Activities[i]
		if a.Kind == schedule.WBSSummary || a.Kind == schedule.LevelOfEffort || r.EarlyStart >= dataDate {
			continue
		}
		if slices.ContainsFunc(preds[i], func(k int) bool { return held[k] }) ||
			(int64(dataDate-r.EarlyStart) < 5*24*60 && p.rng.IntN(3) == 0) {
			held[i] = true
			continue
		}
		if r.EarlyFinish <= dataDate {
			a.ActualStart, a.ActualFinish, a.PercentComplete = r.EarlyStart, r.EarlyFinish, 100
			sim.started[i], sim.pct[i] = true, 10_000
			continue
		}
		planPct := int64(dataDate-r.EarlyStart) * 10_000 / int64(r.EarlyFinish-r.EarlyStart)
		done := planPct * int64(60+p.rng.IntN(41)) / 100
		done = max(done/100*100, 100) // whole per cents, at least 1 %
		a.ActualStart, a.PercentComplete, a.RemainingDuration = r.EarlyStart, float64(done)/100, -1
		sim.started[i], sim.pct[i] = true, done
	}
	return sim
}

// at returns how far activity i was at the end of day d, in basis points:
// along its plan up to the data date, scaled to where it had got by then.
func (s *simulation) at(i int, d date.Date) int64 {
	if !s.started[i] {
		return 0
	}
	r := s.planned.Activities[i]
	end := schedule.At(d+1, 0)
	if s.pct[i] == 10_000 {
		if end >= r.EarlyFinish {
			return 10_000
		}
		if end <= r.EarlyStart {
			return 0
		}
		return int64(end-r.EarlyStart) * 10_000 / int64(r.EarlyFinish-r.EarlyStart)
	}
	if end >= s.dataDate {
		return s.pct[i]
	}
	if end <= r.EarlyStart {
		return 0
	}
	return s.pct[i] * int64(end-r.EarlyStart) / int64(s.dataDate-r.EarlyStart)
}

// packageAt returns how far a package was at the end of day d, in basis
// points: its activities' progress weighted by their durations, a level of
// effort by the time elapsed.
func (p *programme) packageAt(s *simulation, pk demoPackage, d date.Date) int64 {
	var done, total int64
	for _, id := range pk.activities {
		i := p.index(id)
		a := &p.net.Activities[i]
		if a.Kind == schedule.LevelOfEffort {
			r := s.planned.Activities[i]
			end := min(schedule.At(d+1, 0), s.dataDate)
			if end <= r.EarlyStart {
				return 0
			}
			return min(10_000, int64(end-r.EarlyStart)*10_000/int64(r.EarlyFinish-r.EarlyStart))
		}
		w := max(a.Duration, workDay/8) // milestones weigh an hour
		done += w * s.at(i, d)
		total += w
	}
	if total == 0 {
		return 0
	}
	return done / total
}

// monthEnds returns the last day of each month from the project's start to
// the status date, the status date last.
func (p *programme) monthEnds(status date.Date) []date.Date {
	var out []date.Date
	y, m, _ := p.net.Project.Start.Date().Date()
	for {
		end := date.New(y, m+1, 1) - 1
		if end >= status {
			return append(out, status)
		}
		out = append(out, end)
		m++
	}
}

// costProgress returns the work packages' progress at each month end and at
// the status date, in the form each package's technique takes.
func (p *programme) costProgress(s *simulation, status date.Date) []cost.Progress {
	var out []cost.Progress
	for _, pk := range p.packages {
		m := pk.technique.Method
		if m == cost.LevelOfEffort || m == cost.ApportionedEffort {
			continue // they take no progress
		}
		var prev *cost.Progress
		for _, d := range p.monthEnds(status) {
			bp := p.packageAt(s, pk, d)
			if bp == 0 {
				continue
			}
			pr := cost.Progress{Package: pk.id, Date: d}
			switch m {
			case cost.PercentComplete, cost.PhysicalPercentComplete:
				pr.Percent = decimal.New(bp, -2)
			case cost.ZeroHundred, cost.FiftyFifty, cost.FixedFormula:
				pr.Started = bp < 10_000
				if bp == 10_000 {
					pr.Percent = decimal.NewFromInt(100)
				}
			case cost.UnitsComplete:
				pr.Units = pk.technique.Units.Mul(decimal.New(bp, 0)).Div(decimal.NewFromInt(10_000)).Floor()
			case cost.WeightedMilestones:
				for _, ms := range pk.technique.Milestones {
					if s.at(p.index(pk.milestones[ms.ID]), d) == 10_000 {
						pr.Milestones = append(pr.Milestones, ms.ID)
					}
				}
			}
			if prev != nil && prev.Percent.Equal(pr.Percent) && prev.Units.Equal(pr.Units) &&
				prev.Started == pr.Started && slices.Equal(prev.Milestones, pr.Milestones) {
				continue // no change since the last record
			}
			out = append(out, pr)
			prev = &out[len(out)-1]
		}
	}
	return out
}

// actuals returns the actual costs: for each package and month, what it
// earned that month times the package's cost factor, split by cost type.
func (p *programme) actuals(s *simulation, status date.Date) []cost.StoredActual {
	var out []cost.StoredActual
	for _, pk := range p.packages {
		var before int64
		for _, d := range p.monthEnds(status) {
			bp := p.packageAt(s, pk, d)
			if pk.technique.Method == cost.ApportionedEffort {
				bp = p.packageAt(s, p.packageByID(pk.technique.Base), d)
			}
			spent := p.budget[pk.id] * (bp - before) / 10_000 * p.costFactor[pk.id] / 1000
			before = bp
			if spent <= 0 {
				continue
			}
			var booked int64
			for k, t := range pk.mix {
				amt := spent * pk.shares[k] / 100
				if k == len(pk.mix)-1 {
					amt = spent - booked
				}
				booked += amt
				n := len(out) + 1
				out = append(out, cost.StoredActual{
					ID: fmt.Sprintf("AC%s-%04d", d.Format("0601"), n),
					ActualCost: cost.ActualCost{Code: pk.id, Date: d, Amount: decimal.New(amt, -2), Type: t,
						SourceRef: fmt.Sprintf("%s-%s-%04d", sourcePrefix(t), d.Format("200601"), n)},
				})
			}
		}
	}
	slices.SortFunc(out, func(a, b cost.StoredActual) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func (p *programme) packageByID(id string) demoPackage {
	for _, pk := range p.packages {
		if pk.id == id {
			return pk
		}
	}
	panic("demo: no package " + id)
}

// sourcePrefix names the kind of document an actual cost comes from.
func sourcePrefix(t cost.CostType) string {
	switch t {
	case cost.CostLabour:
		return "PAY" // payroll
	case cost.CostMaterial:
		return "GRN" // goods received
	case cost.CostSubcontract:
		return "SUB" // subcontract valuation
	case cost.CostEquipment:
		return "EQP"
	}
	return "INV"
}

// demoTeam is a day-work team: a trade, its workers, its agreed rate and the
// kind of work it is called for.
type demoTeam struct {
	id, subcontractor, trade string
	rate                     labour.Rate
	workers                  []labour.Worker
	work                     []string // words in the names of activities it works on
}

func demoTeams() []demoTeam {
	perDay := func(yuan int64) labour.Rate {
		return labour.Rate{Unit: labour.PerDay, Amount: decimal.NewFromInt(yuan)}
	}
	w := func(id, name string) labour.Worker { return labour.Worker{ID: id, Name: name} }
	return []demoTeam{
		{"rebar-1", "Huaxin Labour 华信劳务", "rebar fixer", perDay(420),
			[]labour.Worker{w("W1001", "王建国"), w("W1002", "李卫东"), w("W1003", "张志强"), w("W1004", "刘海军")},
			[]string{"rebar"}},
		{"formwork-1", "Huaxin Labour 华信劳务", "carpenter", perDay(450),
			[]labour.Worker{w("W1011", "陈国华"), w("W1012", "杨永明"), w("W1013", "赵德胜"), w("W1014", "黄立新")},
			[]string{"formwork", "Doors"}},
		{"concrete-1", "Huaxin Labour 华信劳务", "concreter", perDay(380),
			[]labour.Worker{w("W1021", "周明亮"), w("W1022", "吴长江"), w("W1023", "徐春生")},
			[]string{"Pour"}},
		{"masonry-1", "Jianye Masonry 建业砌筑", "bricklayer", perDay(400),
			[]labour.Worker{w("W2001", "孙成龙"), w("W2002", "马小军"), w("W2003", "朱红兵"), w("W2004", "胡文斌")},
			[]string{"blockwork", "Plastering", "render"}},
		{"mep-1", "Hengtong MEP 恒通机电", "electrician", perDay(460),
			[]labour.Worker{w("W3001", "郭振华"), w("W3002", "何建平"), w("W3003", "林志勇")},
			[]string{"MEP"}},
		{"general-1", "Huaxin Labour 华信劳务", "labourer", perDay(300),
			[]labour.Worker{w("W4001", "高大山"), w("W4002", "罗金宝"), w("W4003", "郑水根"), w("W4004", "梁二牛")},
			[]string{"Pour", "blockwork", "Windows", "Clean", "screed"}},
	}
}

var dayWorkReasons = []struct{ description, reason string }{
	{"Rework after design change 设计变更返工", "design change"},
	{"Extra propping under transfer beam 转换梁加设支撑", "instruction"},
	{"Clean-up for the employer's inspection 业主检查前清理", "instruction"},
	{"Standby during power cut 停电窝工", "standby"},
	{"Temporary protection to finished work 成品保护", "instruction"},
	{"Breaking out and making good 剔凿修补", "defect by others"},
}

// slips returns eight weeks of day-work slips up to the status date: on each
// site working day some workers of each team do day work on an activity of
// their trade that is under way. The older slips are approved; the newer are
// still being signed off.
func (p *programme) slips(s *simulation, status date.Date) []labour.Slip {
	rng := rand.New(rand.NewPCG(demoSeed, 0x736c697073))
	cst := time.FixedZone("CST", 8*60*60)
	pkgOf := map[string]string{}
	for _, pk := range p.packages {
		for _, id := range pk.activities {
			pkgOf[id] = pk.id
		}
	}
	foreman, engineer, employer := "foreman 工长 王强", "site engineer 监理 李工", "employer's rep 甲方 张工"
	var out []labour.Slip
	first := status - 55
	for d := first; d <= status; d++ {
		if d.Weekday() == time.Sunday {
			continue
		}
		n := 0
		for _, team := range demoTeams() {
			// What the team's trade is working on that day.
			var under []int
			for i, a := range p.net.Activities {
				r := s.planned.Activities[i]
				if a.Kind != schedule.Task || !s.started[i] || r.EarlyStart.Date() > d || (s.pct[i] == 10_000 && r.EarlyFinish.Date() < d) {
					continue
				}
				for _, word := range team.work {
					if strings.Contains(a.Name, word) {
						under = append(under, i)
						break
					}
				}
			}
			if len(under) == 0 {
				continue
			}
			for _, w := range team.workers {
				if rng.IntN(100) >= 50 {
					continue
				}
				a := p.net.Activities[under[rng.IntN(len(under))]]
				why := dayWorkReasons[rng.IntN(len(dayWorkReasons))]
				sl := labour.Slip{
					ID:              fmt.Sprintf("DW-%s-%02d", d.Format("060102"), n+1),
					Date:            d,
					Project:         demoProject,
					Team:            team.id,
					Subcontractor:   team.subcontractor,
					Worker:          w,
					Trade:           team.trade,
					Rate:            team.rate,
					CostCode:        pkgOf[a.ID],
					Activity:        a.ID,
					Description:     why.description,
					Reason:          why.reason,
					SiteInstruction: fmt.Sprintf("SI-%s-%02d", d.Format("0601"), 1+rng.IntN(12)),
				}
				switch u := rng.IntN(100); {
				case u < 55:
					sl.Hours = decimal.NewFromInt(8)
				case u < 70:
					sl.Hours = decimal.NewFromInt(4)
				default:
					sl.WorkDays = decimal.NewFromInt(1)
				}
				if rng.IntN(5) == 0 {
					sl.OvertimeHours = decimal.NewFromInt(int64(2 + rng.IntN(2)))
				}
				age := int(status - d)
				at := func(days, hour int) time.Time {
					return (d + date.Date(days)).MidnightIn(cst).Add(time.Duration(hour) * time.Hour)
				}
				sl.History = []labour.StatusChange{{Status: labour.StatusDraft, By: foreman, At: at(0, 18)}}
				move := func(to labour.Status, by string, t time.Time, note string) {
					sl.History = append(sl.History, labour.StatusChange{Status: to, By: by, At: t, Note: note})
				}
				u := rng.IntN(100)
				switch {
				case age > 14:
					move(labour.StatusSubmitted, foreman, at(1, 9), "")
					if u < 6 {
						move(labour.StatusRejected, engineer, at(3, 10), "not covered by the site instruction 不在签证范围内")
					} else {
						move(labour.StatusVerified, engineer, at(3, 10), "")
						if u < 90 {
							move(labour.StatusApproved, employer, at(6, 15), "")
						}
					}
				case age > 7:
					move(labour.StatusSubmitted, foreman, at(1, 9), "")
					if u < 60 {
						move(labour.StatusVerified, engineer, at(3, 10), "")
					}
				case age > 1 && u < 60:
					move(labour.StatusSubmitted, foreman, at(1, 9), "")
				}
				sl.Status = sl.History[len(sl.History)-1].Status
				out = append(out, sl)
				n++
			}
		}
	}
	return out
}
