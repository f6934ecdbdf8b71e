package schedule

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/lanyan-dev/lanyan"
)

// MemStore is a [Store] that keeps everything in memory, for tests, examples and
// embedders that persist by other means. It is safe for concurrent use; values are
// copied in and out, so callers never share memory with it.
type MemStore struct {
	mu       sync.RWMutex
	projects map[string]*memProject
}

// memProject is one project's data. Activity ids are also kept sorted so that a
// page of activities costs O(log n + limit), not a sort of the whole project.
type memProject struct {
	sp         StoredProject
	calendars  map[string]Calendar
	activities map[string]Activity
	actIDs     []string // sorted ids of activities
	links      map[LinkKey]Link
	result     *Result
}

// NewMemStore returns an empty in-memory store.
func NewMemStore() *MemStore {
	return &MemStore{projects: map[string]*memProject{}}
}

var _ Store = (*MemStore)(nil)

func projRecord(id string) string { return fmt.Sprintf("project %q", id) }
func actRecord(id string) string  { return fmt.Sprintf("activity %q", id) }
func linkRecord(k LinkKey) string { return fmt.Sprintf("link %q->%q", k.Pred, k.Succ) }

// project returns the project with the given id; the caller holds s.mu.
func (s *MemStore) project(id string) (*memProject, error) {
	p, ok := s.projects[id]
	if !ok {
		return nil, lanyan.Errorf(lanyan.CodeNotFound, projRecord(id), "", "no such project")
	}
	return p, nil
}

// withProject checks ctx, takes l (s.mu or its read half) and runs fn on the
// project with the given id, returning what fn returns.
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

// read runs fn on a project under the read lock. fn must not change the project
// and must return copies, never memory the store keeps.
func read[T any](ctx context.Context, s *MemStore, projectID string, fn func(p *memProject) (T, error)) (T, error) {
	return withProject(ctx, s, s.mu.RLocker(), projectID, fn)
}

// write runs fn on a project under the write lock. To keep writes all or
// nothing, fn must check everything before it changes anything.
func (s *MemStore) write(ctx context.Context, projectID string, fn func(p *memProject) error) error {
	_, err := withProject(ctx, s, &s.mu, projectID, func(p *memProject) (struct{}, error) {
		return struct{}{}, fn(p)
	})
	return err
}

// CreateProject stores a new project with Version 1.
func (s *MemStore) CreateProject(ctx context.Context, p StoredProject) (StoredProject, error) {
	if err := ctx.Err(); err != nil {
		return StoredProject{}, err
	}
	if p.ID == "" {
		return StoredProject{}, lanyan.Errorf(lanyan.CodeInvalid, projRecord(""), "id", "is empty")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.projects[p.ID]; ok {
		return StoredProject{}, lanyan.Errorf(lanyan.CodeConflict, projRecord(p.ID), "id", "a project with this id exists")
	}
	p.Version = 1
	s.projects[p.ID] = &memProject{
		sp:         p,
		calendars:  map[string]Calendar{},
		activities: map[string]Activity{},
		links:      map[LinkKey]Link{},
	}
	return p, nil
}

// GetProject returns a project.
func (s *MemStore) GetProject(ctx context.Context, id string) (StoredProject, error) {
	return read(ctx, s, id, func(p *memProject) (StoredProject, error) {
		return p.sp, nil
	})
}

// ListProjects returns a page of the projects, ordered by id.
func (s *MemStore) ListProjects(ctx context.Context, page Page) ([]StoredProject, error) {
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
	out := make([]StoredProject, 0, j-i)
	for _, id := range ids[i:j] {
		out = append(out, s.projects[id].sp)
	}
	return out, nil
}

// UpdateProject replaces a project's record and options if p.Version is current.
func (s *MemStore) UpdateProject(ctx context.Context, p StoredProject) (StoredProject, error) {
	err := s.write(ctx, p.ID, func(mp *memProject) error {
		if mp.sp.Version != p.Version {
			return lanyan.Errorf(lanyan.CodeConflict, projRecord(p.ID), "version",
				"is %d, not %d: the project has changed since it was read", mp.sp.Version, p.Version)
		}
		p.Version++
		mp.sp = p
		return nil
	})
	if err != nil {
		return StoredProject{}, err
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

// PutCalendar stores a calendar of a project, replacing the one with the same id.
func (s *MemStore) PutCalendar(ctx context.Context, projectID string, c Calendar) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		if c.ID == "" {
			return lanyan.Errorf(lanyan.CodeInvalid, calRecord(""), "id", "is empty")
		}
		if c.Base != "" {
			if _, ok := p.calendars[c.Base]; !ok {
				return lanyan.Errorf(lanyan.CodeNotFound, calRecord(c.ID), "base", "unknown calendar %q", c.Base)
			}
		}
		p.calendars[c.ID] = copyCalendar(c)
		return nil
	})
}

// GetCalendar returns a calendar of a project.
func (s *MemStore) GetCalendar(ctx context.Context, projectID, id string) (Calendar, error) {
	return read(ctx, s, projectID, func(p *memProject) (Calendar, error) {
		c, ok := p.calendars[id]
		if !ok {
			return Calendar{}, noCalendar(projectID, id)
		}
		return copyCalendar(c), nil
	})
}

// noCalendar is the error for a calendar the project does not have.
func noCalendar(projectID, id string) error {
	return lanyan.Errorf(lanyan.CodeNotFound, calRecord(id), "", "no such calendar in %s", projRecord(projectID))
}

// ListCalendars returns the calendars of a project, ordered by id.
func (s *MemStore) ListCalendars(ctx context.Context, projectID string) ([]Calendar, error) {
	return read(ctx, s, projectID, func(p *memProject) ([]Calendar, error) {
		return p.listCalendars(), nil
	})
}

func (p *memProject) listCalendars() []Calendar {
	out := make([]Calendar, 0, len(p.calendars))
	for _, c := range p.calendars {
		out = append(out, copyCalendar(c))
	}
	slices.SortFunc(out, func(a, b Calendar) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// DeleteCalendar deletes a calendar no activity or calendar refers to.
func (s *MemStore) DeleteCalendar(ctx context.Context, projectID, id string) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		if _, ok := p.calendars[id]; !ok {
			return noCalendar(projectID, id)
		}
		// Report the first referrer by id, so that the error is the same every time.
		for _, aid := range p.actIDs {
			if p.activities[aid].Calendar == id {
				return lanyan.Errorf(lanyan.CodeConflict, calRecord(id), "", "is the calendar of %s", actRecord(aid))
			}
		}
		for _, c := range p.listCalendars() {
			if c.Base == id && c.ID != id {
				return lanyan.Errorf(lanyan.CodeConflict, calRecord(id), "", "is the base of %s", calRecord(c.ID))
			}
		}
		delete(p.calendars, id)
		return nil
	})
}

// PutActivities stores a batch of activities, all or nothing.
func (s *MemStore) PutActivities(ctx context.Context, projectID string, as []Activity) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		// Check the whole batch before changing anything.
		batch := make(map[string]struct{}, len(as))
		for i, a := range as {
			if a.ID == "" {
				return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("activity %d", i), "id", "is empty")
			}
			if _, dup := batch[a.ID]; dup {
				return lanyan.Errorf(lanyan.CodeInvalid, actRecord(a.ID), "id", "appears more than once in the batch")
			}
			batch[a.ID] = struct{}{}
		}
		var added []string
		for _, a := range as {
			if a.Parent != "" {
				_, inBatch := batch[a.Parent]
				_, stored := p.activities[a.Parent]
				if !inBatch && !stored {
					return lanyan.Errorf(lanyan.CodeNotFound, actRecord(a.ID), "parent", "unknown activity %q", a.Parent)
				}
			}
			if a.Calendar != "" {
				if _, ok := p.calendars[a.Calendar]; !ok {
					return lanyan.Errorf(lanyan.CodeNotFound, actRecord(a.ID), "calendar", "unknown calendar %q", a.Calendar)
				}
			}
			if _, ok := p.activities[a.ID]; !ok {
				added = append(added, a.ID)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, a := range as {
			p.activities[a.ID] = a
		}
		if len(added) > 0 {
			slices.Sort(added)
			p.actIDs = mergeSorted(p.actIDs, added)
		}
		return nil
	})
}

// mergeSorted merges two sorted slices of distinct ids into a new sorted slice.
func mergeSorted(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] < b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// GetActivity returns an activity of a project.
func (s *MemStore) GetActivity(ctx context.Context, projectID, id string) (Activity, error) {
	return read(ctx, s, projectID, func(p *memProject) (Activity, error) {
		a, ok := p.activities[id]
		if !ok {
			return Activity{}, lanyan.Errorf(lanyan.CodeNotFound, actRecord(id), "", "no such activity in %s", projRecord(projectID))
		}
		return a, nil
	})
}

// ListActivities returns a page of the activities of a project, ordered by id.
func (s *MemStore) ListActivities(ctx context.Context, projectID string, page Page) ([]Activity, error) {
	if err := page.Check(ctx); err != nil {
		return nil, err
	}
	return read(ctx, s, projectID, func(p *memProject) ([]Activity, error) {
		i, j := page.Bounds(p.actIDs)
		return p.activitiesOf(p.actIDs[i:j]), nil
	})
}

// activitiesOf returns the activities with the given ids, in that order.
func (p *memProject) activitiesOf(ids []string) []Activity {
	out := make([]Activity, 0, len(ids))
	for _, id := range ids {
		out = append(out, p.activities[id])
	}
	return out
}

// DeleteActivities deletes activities and their links, all or nothing.
func (s *MemStore) DeleteActivities(ctx context.Context, projectID string, ids []string) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		gone := make(map[string]struct{}, len(ids))
		for _, id := range ids {
			if _, ok := p.activities[id]; ok {
				gone[id] = struct{}{}
			}
		}
		if len(gone) == 0 {
			return nil
		}
		for _, id := range p.actIDs {
			a := p.activities[id]
			if _, ok := gone[a.Parent]; ok {
				if _, alsoGone := gone[id]; !alsoGone {
					return lanyan.Errorf(lanyan.CodeConflict, actRecord(a.Parent), "", "is the parent of %s, which is not deleted", actRecord(id))
				}
			}
		}
		for id := range gone {
			delete(p.activities, id)
		}
		p.actIDs = slices.DeleteFunc(p.actIDs, func(id string) bool {
			_, ok := gone[id]
			return ok
		})
		for k := range p.links {
			_, pg := gone[k.Pred]
			_, sg := gone[k.Succ]
			if pg || sg {
				delete(p.links, k)
			}
		}
		return nil
	})
}

// PutLinks stores a batch of links, all or nothing.
func (s *MemStore) PutLinks(ctx context.Context, projectID string, ls []Link) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		batch := make(map[LinkKey]struct{}, len(ls))
		for i, l := range ls {
			k := LinkKey{l.Pred, l.Succ}
			if err := CheckLinkInBatch(batch, i, &l); err != nil {
				return err
			}
			if _, ok := p.activities[l.Pred]; !ok {
				return lanyan.Errorf(lanyan.CodeNotFound, linkRecord(k), "pred", "unknown activity %q", l.Pred)
			}
			if _, ok := p.activities[l.Succ]; !ok {
				return lanyan.Errorf(lanyan.CodeNotFound, linkRecord(k), "succ", "unknown activity %q", l.Succ)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, l := range ls {
			p.links[LinkKey{l.Pred, l.Succ}] = l
		}
		return nil
	})
}

// ListLinks returns the links of a project, ordered by Pred then Succ.
func (s *MemStore) ListLinks(ctx context.Context, projectID string) ([]Link, error) {
	return read(ctx, s, projectID, func(p *memProject) ([]Link, error) {
		return p.listLinks(), nil
	})
}

func (p *memProject) listLinks() []Link {
	out := make([]Link, 0, len(p.links))
	for _, l := range p.links {
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b Link) int {
		return cmp.Or(cmp.Compare(a.Pred, b.Pred), cmp.Compare(a.Succ, b.Succ))
	})
	return out
}

// DeleteLinks deletes the links with the given keys.
func (s *MemStore) DeleteLinks(ctx context.Context, projectID string, keys []LinkKey) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		for _, k := range keys {
			delete(p.links, k)
		}
		return nil
	})
}

// LoadNetwork returns a project's network.
func (s *MemStore) LoadNetwork(ctx context.Context, projectID string) (*Network, error) {
	return read(ctx, s, projectID, func(p *memProject) (*Network, error) {
		return &Network{
			Project:    p.sp.Project,
			Options:    p.sp.Options,
			Calendars:  p.listCalendars(),
			Activities: p.activitiesOf(p.actIDs),
			Links:      p.listLinks(),
		}, nil
	})
}

// SaveResult stores a project's computed schedule, replacing the previous one.
func (s *MemStore) SaveResult(ctx context.Context, projectID string, r *Result) error {
	return s.write(ctx, projectID, func(p *memProject) error {
		if r == nil {
			return lanyan.Errorf(lanyan.CodeInvalid, projRecord(projectID), "result", "is nil")
		}
		p.result = copyResult(r)
		return nil
	})
}

// LoadResult returns the result saved last for a project.
func (s *MemStore) LoadResult(ctx context.Context, projectID string) (*Result, error) {
	return read(ctx, s, projectID, func(p *memProject) (*Result, error) {
		if p.result == nil {
			return nil, lanyan.Errorf(lanyan.CodeNotFound, projRecord(projectID), "result", "no result has been saved")
		}
		return copyResult(p.result), nil
	})
}

// copyCalendar returns a deep copy of c, keeping nil and empty days apart.
func copyCalendar(c Calendar) Calendar {
	for d := range c.Week {
		if c.Week[d] != nil {
			c.Week[d] = append([]Period{}, c.Week[d]...)
		}
	}
	if c.Exceptions != nil {
		es := make([]Exception, len(c.Exceptions))
		for i, e := range c.Exceptions {
			e.Periods = slices.Clone(e.Periods)
			es[i] = e
		}
		c.Exceptions = es
	}
	return c
}

func copyResult(r *Result) *Result {
	c := *r
	c.Activities = slices.Clone(r.Activities)
	c.Driving = slices.Clone(r.Driving)
	c.LongestPath = slices.Clone(r.LongestPath)
	c.MinutesPerDay = slices.Clone(r.MinutesPerDay)
	return &c
}
