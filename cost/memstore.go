package cost

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// MemStore is a [Store] that keeps everything in memory, for tests, examples and
// embedders that persist by other means. It is safe for concurrent use; values
// are copied in and out, so callers never share memory with it.
type MemStore struct {
	mu       sync.RWMutex
	projects map[string]*memProject
}

// memProject is one project's data. Element and actual cost ids are also kept
// sorted, so that a page costs O(log n + limit), not a sort of the project.
type memProject struct {
	p         Project
	elements  map[string]Element
	elemIDs   []string
	baselines map[int]Baseline
	progress  map[ProgressKey]Progress
	actuals   map[string]StoredActual
	actIDs    []string
}

// NewMemStore returns an empty in-memory store.
func NewMemStore() *MemStore {
	return &MemStore{projects: map[string]*memProject{}}
}

var _ Store = (*MemStore)(nil)

func storeProjRecord(id string) string { return fmt.Sprintf("project %q", id) }
func storeElemRecord(id string) string { return fmt.Sprintf("element %q", id) }
func storeActRecord(id string) string  { return fmt.Sprintf("actual cost %q", id) }
func storeBaselineRecord(n int) string { return fmt.Sprintf("baseline %d", n) }
func storeProgRecord(k ProgressKey) string {
	return fmt.Sprintf("progress %q %s", k.Package, k.Date.Format("2006-01-02"))
}

// project returns the project with the given id; the caller holds s.mu.
func (s *MemStore) project(id string) (*memProject, error) {
	p, ok := s.projects[id]
	if !ok {
		return nil, lanyan.Errorf(lanyan.CodeNotFound, storeProjRecord(id), "", "no such project")
	}
	return p, nil
}

// withProject checks ctx, takes l and runs fn on the project.
func withProject[T any](ctx context.Context, s *MemStore, l sync.Locker, projectID string, fn func(p *memProject) (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	l.Lock()
	defer l.Unlock()
	p, err := s.project(projectID)
	if err != nil {
		return zero, err
	}
	return fn(p)
}

// read runs fn on a project under the read lock; fn must return copies.
func read[T any](ctx context.Context, s *MemStore, projectID string, fn func(p *memProject) (T, error)) (T, error) {
	return withProject(ctx, s, s.mu.RLocker(), projectID, fn)
}

// write runs fn on a project under the write lock; to keep writes all or
// nothing, fn checks everything (and ctx) before it changes anything.
func (s *MemStore) write(ctx context.Context, projectID string, fn func(p *memProject) error) error {
	_, err := withProject(ctx, s, &s.mu, projectID, func(p *memProject) (struct{}, error) {
		return struct{}{}, fn(p)
	})
	return err
}

// addIDs merges the new ids (not yet in sorted) into sorted.
func addIDs(sorted []string, added []string) []string {
	if len(added) == 0 {
		return sorted
	}
	slices.Sort(added)
	out := make([]string, 0, len(sorted)+len(added))
	i, j := 0, 0
	for i < len(sorted) && j < len(added) {
		if sorted[i] < added[j] {
			out = append(out, sorted[i])
			i++
		} else {
			out = append(out, added[j])
			j++
		}
	}
	out = append(out, sorted[i:]...)
	return append(out, added[j:]...)
}

// CreateProject stores a new project with Version 1.
func (s *MemStore) CreateProject(ctx context.Context, p Project) (Project, error) {
	if err := ctx.Err(); err != nil {
		return Project{}, err
	}
	if p.ID == "" {
		return Project{}, lanyan.Errorf(lanyan.CodeInvalid, storeProjRecord(""), "id", "is empty")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.projects[p.ID]; ok {
		return Project{}, lanyan.Errorf(lanyan.CodeConflict, storeProjRecord(p.ID), "id", "a project with this id exists")
	}
	p.Version = 1
	s.projects[p.ID] = &memProject{
		p:         p,
		elements:  map[string]Element{},
		baselines: map[int]Baseline{},
		progress:  map[ProgressKey]Progress{},
		actuals:   map[string]StoredActual{},
	}
	return p, nil
}

// GetProject returns a project.
func (s *MemStore) GetProject(ctx context.Context, id string) (Project, error) {
	return read(ctx, s, id, func(p *memProject) (Project, error) { return p.p, nil })
}

// ListProjects returns a page of the projects, ordered by id.
func (s *MemStore) ListProjects(ctx context.Context, page schedule.Page) ([]Project, error) {
	if err := page.Check(ctx); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]string, 0, len(s.projects))
	for id := range s.projects {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	i, j := page.Bounds(ids)
	out := make([]Project, 0, j-i)
	for _, id := range ids[i:j] {
		out = append(out, s.projects[id].p)
	}
	return out, nil
}

// UpdateProject replaces a project's record if p.Version is current.
func (s *MemStore) UpdateProject(ctx context.Context, p Project) (Project, error) {
	err := s.write(ctx, p.ID, func(mp *memProject) error {
		if mp.p.Version != p.Version {
			return lanyan.Errorf(lanyan.CodeConflict, storeProjRecord(p.ID), "version",
				"is %d, not %d: the project has changed since it was read", mp.p.Version, p.Version)
		}
		p.Version++
		mp.p = p
		return nil
	})
	if err != nil {
		return Project{}, err
	}
	return p, nil
}

// DeleteProject deletes a project and everything in it.
func (s *MemStore) DeleteProject(ctx context.Context, id string) error {
	return s.write(ctx, id, func(*memProject) error {
		delete(s.projects, id)
		return nil
	})
}

// PutElements stores a batch of elements, all or nothing.
func (s *MemStore) PutElements(ctx context.Context, projectID string, es []Element) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		batch := make(map[string]struct{}, len(es))
		for i := range es {
			e := &es[i]
			if e.ID == "" {
				return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("element %d", i), "id", "is empty")
			}
			if _, dup := batch[e.ID]; dup {
				return lanyan.Errorf(lanyan.CodeInvalid, storeElemRecord(e.ID), "id", "appears more than once in the batch")
			}
			batch[e.ID] = struct{}{}
		}
		for i := range es {
			e := &es[i]
			if e.Parent == "" {
				continue
			}
			_, inBatch := batch[e.Parent]
			_, stored := p.elements[e.Parent]
			if !inBatch && !stored {
				return lanyan.Errorf(lanyan.CodeNotFound, storeElemRecord(e.ID), "parent", "unknown element %q", e.Parent)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var added []string
		for i := range es {
			if _, ok := p.elements[es[i].ID]; !ok {
				added = append(added, es[i].ID)
			}
			p.elements[es[i].ID] = copyElement(es[i])
		}
		p.elemIDs = addIDs(p.elemIDs, added)
		return nil
	})
}

// GetElement returns an element of a project.
func (s *MemStore) GetElement(ctx context.Context, projectID, id string) (Element, error) {
	return read(ctx, s, projectID, func(p *memProject) (Element, error) {
		e, ok := p.elements[id]
		if !ok {
			return Element{}, lanyan.Errorf(lanyan.CodeNotFound, storeElemRecord(id), "", "no such element in %s", storeProjRecord(projectID))
		}
		return copyElement(e), nil
	})
}

// ListElements returns a page of the elements of a project, ordered by id.
func (s *MemStore) ListElements(ctx context.Context, projectID string, page schedule.Page) ([]Element, error) {
	if err := page.Check(ctx); err != nil {
		return nil, err
	}
	return read(ctx, s, projectID, func(p *memProject) ([]Element, error) {
		i, j := page.Bounds(p.elemIDs)
		return p.elementsOf(p.elemIDs[i:j]), nil
	})
}

func (p *memProject) elementsOf(ids []string) []Element {
	out := make([]Element, 0, len(ids))
	for _, id := range ids {
		out = append(out, copyElement(p.elements[id]))
	}
	return out
}

// DeleteElements deletes elements and their progress, all or nothing.
func (s *MemStore) DeleteElements(ctx context.Context, projectID string, ids []string) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		gone := make(map[string]struct{}, len(ids))
		for _, id := range ids {
			if _, ok := p.elements[id]; ok {
				gone[id] = struct{}{}
			}
		}
		if len(gone) == 0 {
			return nil
		}
		// Report the first conflict by id, so that the error is the same every time.
		for _, id := range p.elemIDs {
			e := p.elements[id]
			if _, ok := gone[e.Parent]; ok {
				if _, alsoGone := gone[id]; !alsoGone {
					return lanyan.Errorf(lanyan.CodeConflict, storeElemRecord(e.Parent), "", "is the parent of %s, which is not deleted", storeElemRecord(id))
				}
			}
		}
		for _, id := range p.actIDs {
			if _, ok := gone[p.actuals[id].Code]; ok {
				return lanyan.Errorf(lanyan.CodeConflict, storeElemRecord(p.actuals[id].Code), "", "has %s booked to it", storeActRecord(id))
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		for id := range gone {
			delete(p.elements, id)
		}
		p.elemIDs = slices.DeleteFunc(p.elemIDs, func(id string) bool {
			_, ok := gone[id]
			return ok
		})
		for k := range p.progress {
			if _, ok := gone[k.Package]; ok {
				delete(p.progress, k)
			}
		}
		return nil
	})
}

// PutBaseline stores a baseline, replacing the one with the same number.
func (s *MemStore) PutBaseline(ctx context.Context, projectID string, bl Baseline) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		if bl.Number < 0 || bl.Number > MaxBaseline {
			return lanyan.Errorf(lanyan.CodeInvalid, storeBaselineRecord(bl.Number), "number", "must be 0 to %d", MaxBaseline)
		}
		p.baselines[bl.Number] = copyBaseline(bl)
		return nil
	})
}

// GetBaseline returns a baseline of a project.
func (s *MemStore) GetBaseline(ctx context.Context, projectID string, number int) (Baseline, error) {
	return read(ctx, s, projectID, func(p *memProject) (Baseline, error) {
		return p.baseline(projectID, number)
	})
}

func (p *memProject) baseline(projectID string, number int) (Baseline, error) {
	bl, ok := p.baselines[number]
	if !ok {
		return Baseline{}, lanyan.Errorf(lanyan.CodeNotFound, storeBaselineRecord(number), "", "no such baseline in %s", storeProjRecord(projectID))
	}
	return copyBaseline(bl), nil
}

// ListBaselines returns the numbers and names of a project's baselines.
func (s *MemStore) ListBaselines(ctx context.Context, projectID string) ([]BaselineHeader, error) {
	return read(ctx, s, projectID, func(p *memProject) ([]BaselineHeader, error) {
		out := make([]BaselineHeader, 0, len(p.baselines))
		for n, bl := range p.baselines {
			out = append(out, BaselineHeader{Number: n, Name: bl.Name})
		}
		slices.SortFunc(out, func(a, b BaselineHeader) int { return cmp.Compare(a.Number, b.Number) })
		return out, nil
	})
}

// DeleteBaseline deletes a baseline of a project.
func (s *MemStore) DeleteBaseline(ctx context.Context, projectID string, number int) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		delete(p.baselines, number)
		return nil
	})
}

// PutProgress stores a batch of progress records, all or nothing.
func (s *MemStore) PutProgress(ctx context.Context, projectID string, ps []Progress) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		batch := make(map[ProgressKey]struct{}, len(ps))
		for i := range ps {
			r := &ps[i]
			k := ProgressKey{r.Package, r.Date}
			if err := CheckProgressInBatch(batch, i, r); err != nil {
				return err
			}
			if _, ok := p.elements[r.Package]; !ok {
				return lanyan.Errorf(lanyan.CodeNotFound, storeProgRecord(k), "package", "unknown element %q", r.Package)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		for i := range ps {
			p.progress[ProgressKey{ps[i].Package, ps[i].Date}] = copyProgress(ps[i])
		}
		return nil
	})
}

// ListProgress returns the progress records of a project, ordered by package
// then date.
func (s *MemStore) ListProgress(ctx context.Context, projectID string) ([]Progress, error) {
	return read(ctx, s, projectID, func(p *memProject) ([]Progress, error) {
		return p.listProgress(), nil
	})
}

func (p *memProject) listProgress() []Progress {
	out := make([]Progress, 0, len(p.progress))
	for _, r := range p.progress {
		out = append(out, copyProgress(r))
	}
	slices.SortFunc(out, func(a, b Progress) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Date, b.Date))
	})
	return out
}

// DeleteProgress deletes the progress records with the given keys.
func (s *MemStore) DeleteProgress(ctx context.Context, projectID string, keys []ProgressKey) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		for _, k := range keys {
			delete(p.progress, k)
		}
		return nil
	})
}

// PutActuals stores a batch of actual costs, all or nothing.
func (s *MemStore) PutActuals(ctx context.Context, projectID string, as []StoredActual) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		batch := make(map[string]struct{}, len(as))
		for i := range as {
			a := &as[i]
			if a.ID == "" {
				return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("actual cost %d", i), "id", "is empty")
			}
			if _, dup := batch[a.ID]; dup {
				return lanyan.Errorf(lanyan.CodeInvalid, storeActRecord(a.ID), "id", "appears more than once in the batch")
			}
			batch[a.ID] = struct{}{}
			if _, ok := p.elements[a.Code]; !ok {
				return lanyan.Errorf(lanyan.CodeNotFound, storeActRecord(a.ID), "code", "unknown element %q", a.Code)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var added []string
		for i := range as {
			if _, ok := p.actuals[as[i].ID]; !ok {
				added = append(added, as[i].ID)
			}
			p.actuals[as[i].ID] = as[i]
		}
		p.actIDs = addIDs(p.actIDs, added)
		return nil
	})
}

// GetActual returns an actual cost of a project.
func (s *MemStore) GetActual(ctx context.Context, projectID, id string) (StoredActual, error) {
	return read(ctx, s, projectID, func(p *memProject) (StoredActual, error) {
		a, ok := p.actuals[id]
		if !ok {
			return StoredActual{}, lanyan.Errorf(lanyan.CodeNotFound, storeActRecord(id), "", "no such actual cost in %s", storeProjRecord(projectID))
		}
		return a, nil
	})
}

// ListActuals returns a page of the actual costs of a project, ordered by id.
func (s *MemStore) ListActuals(ctx context.Context, projectID string, page schedule.Page) ([]StoredActual, error) {
	if err := page.Check(ctx); err != nil {
		return nil, err
	}
	return read(ctx, s, projectID, func(p *memProject) ([]StoredActual, error) {
		i, j := page.Bounds(p.actIDs)
		return p.actualsOf(p.actIDs[i:j]), nil
	})
}

func (p *memProject) actualsOf(ids []string) []StoredActual {
	out := make([]StoredActual, 0, len(ids))
	for _, id := range ids {
		out = append(out, p.actuals[id])
	}
	return out
}

// DeleteActuals deletes the actual costs with the given ids.
func (s *MemStore) DeleteActuals(ctx context.Context, projectID string, ids []string) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		gone := make(map[string]struct{}, len(ids))
		for _, id := range ids {
			if _, ok := p.actuals[id]; ok {
				gone[id] = struct{}{}
				delete(p.actuals, id)
			}
		}
		p.actIDs = slices.DeleteFunc(p.actIDs, func(id string) bool {
			_, ok := gone[id]
			return ok
		})
		return nil
	})
}

// LoadBreakdown returns a project's breakdown.
func (s *MemStore) LoadBreakdown(ctx context.Context, projectID string) (*Breakdown, error) {
	return read(ctx, s, projectID, func(p *memProject) (*Breakdown, error) {
		return p.breakdown(), nil
	})
}

func (p *memProject) breakdown() *Breakdown {
	return &Breakdown{
		Elements:            p.elementsOf(p.elemIDs),
		UndistributedBudget: p.p.UndistributedBudget,
		ManagementReserve:   p.p.ManagementReserve,
	}
}

// LoadAnalysisInput returns what Analyze needs from the store, from one
// consistent state.
func (s *MemStore) LoadAnalysisInput(ctx context.Context, projectID string) (AnalysisInput, error) {
	return read(ctx, s, projectID, func(p *memProject) (AnalysisInput, error) {
		bl, err := p.baseline(projectID, p.p.Baseline)
		if err != nil {
			return AnalysisInput{}, err
		}
		acs := make([]ActualCost, 0, len(p.actIDs))
		for _, id := range p.actIDs {
			acs = append(acs, p.actuals[id].ActualCost)
		}
		return AnalysisInput{
			Breakdown: p.breakdown(),
			Baseline:  &bl,
			Progress:  p.listProgress(),
			Actuals:   acs,
		}, nil
	})
}

// copyElement returns a deep copy of e.
func copyElement(e Element) Element {
	e.Activities = slices.Clone(e.Activities)
	e.Curve.Points = slices.Clone(e.Curve.Points)
	e.Technique.Milestones = slices.Clone(e.Technique.Milestones)
	return e
}

// copyBaseline returns a deep copy of bl.
func copyBaseline(bl Baseline) Baseline {
	if bl.Calendars != nil {
		cs := make([]schedule.Calendar, len(bl.Calendars))
		for i, c := range bl.Calendars {
			cs[i] = copyCalendar(c)
		}
		bl.Calendars = cs
	}
	bl.Activities = slices.Clone(bl.Activities)
	bl.Budgets = slices.Clone(bl.Budgets)
	return bl
}

// copyProgress returns a deep copy of r.
func copyProgress(r Progress) Progress {
	r.Milestones = slices.Clone(r.Milestones)
	return r
}
