package schedule

import (
	"context"
	"fmt"
	"sort"

	"github.com/lanyan-dev/lanyan"
)

// StoredProject is a project as a [Store] keeps it: the project record, its
// scheduling options and a version for optimistic concurrency.
type StoredProject struct {
	Project
	Options
	// Version is set by the store: 1 when the project is created, one more on every
	// update. An update names the version it was based on and fails with
	// lanyan.ErrConflict if the project has changed since. It covers the project
	// record (Project and Options) only, not the project's calendars, activities,
	// links or result.
	Version int64
}

// Page selects one page of a list ordered by id: the records whose id sorts after
// After (all of them when After is empty), at most Limit of them (all when Limit
// is 0). To read a whole list, pass the id of the last record of each page as the
// next After until a page comes back shorter than Limit. After need not name a
// stored record, so paging carries on past records deleted in between.
type Page struct {
	After string
	Limit int
}

// Check returns ctx's error if it has one, else an error if the page is invalid
// (a negative Limit). Store implementations call it first in their list methods.
func (p Page) Check(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if p.Limit < 0 {
		return lanyan.Errorf(lanyan.CodeInvalid, "page", "limit", "is negative (%d)", p.Limit)
	}
	return nil
}

// Bounds returns the range [i, j) of the ascending ids that the page selects.
func (p Page) Bounds(ids []string) (i, j int) {
	if p.After != "" {
		i = sort.SearchStrings(ids, p.After)
		if i < len(ids) && ids[i] == p.After {
			i++
		}
	}
	j = len(ids)
	if p.Limit > 0 && j-i > p.Limit {
		j = i + p.Limit
	}
	return i, j
}

// LinkKey identifies a link of a project: there is at most one link from Pred to
// Succ.
type LinkKey struct {
	Pred string
	Succ string
}

// Store persists the scheduling data of projects: for each project its record and
// options, calendars, activities, links and last computed result. An in-memory
// implementation is [NewMemStore]; package storetest checks any implementation
// against this documentation.
//
// Implementations must be safe for concurrent use by multiple goroutines, and each
// method is atomic: it takes effect entirely or not at all, and reads see one
// consistent state. Values passed in are not retained and values returned are the
// caller's own: changing them does not change what is stored.
//
// Ids are compared, and lists ordered, byte by byte (a SQL implementation needs a
// binary collation: COLLATE "C" in PostgreSQL, BINARY in SQLite). Nil and empty
// slices are equivalent, except in [Calendar.Week], where a nil day inherits from
// the base calendar and an empty one is a non-working day.
//
// Errors are *lanyan.Error values naming the record and field at fault, and match
// the sentinels with errors.Is:
//   - lanyan.ErrNotFound: the project (record `project "P1"`), or the calendar,
//     activity or result asked for, does not exist; or a record names one that does
//     not exist (an activity's parent or calendar, a calendar's base, a link's
//     predecessor or successor).
//   - lanyan.ErrConflict: creating a project whose id is taken, updating a project
//     from a stale version, or deleting a calendar or activity that others still
//     refer to.
//   - lanyan.ErrInvalid: an empty id, an id given twice in one batch, a negative
//     Page.Limit or a nil result.
//
// The store checks identity and references only; everything else about a network
// (durations, constraints, loops of links or of base calendars, the project's
// DefaultCalendar, which may be stored before its calendar) is checked by Compute.
//
// When ctx is done before a method finishes, the method returns an error wrapping
// ctx.Err() and a write has no effect.
type Store interface {
	// CreateProject stores a new project with Version 1 (p.Version is ignored) and
	// returns it as stored.
	CreateProject(ctx context.Context, p StoredProject) (StoredProject, error)
	// GetProject returns a project.
	GetProject(ctx context.Context, id string) (StoredProject, error)
	// ListProjects returns a page of the projects, ordered by id.
	ListProjects(ctx context.Context, page Page) ([]StoredProject, error)
	// UpdateProject replaces the record and options of project p.ID if its stored
	// version is still p.Version, and returns it as stored, with the next version.
	UpdateProject(ctx context.Context, p StoredProject) (StoredProject, error)
	// DeleteProject deletes a project with its calendars, activities, links and
	// result.
	DeleteProject(ctx context.Context, id string) error

	// PutCalendar stores a calendar of a project, replacing the one with the same
	// id. Its base, if any, must be a stored calendar of the project.
	PutCalendar(ctx context.Context, projectID string, c Calendar) error
	// GetCalendar returns a calendar of a project.
	GetCalendar(ctx context.Context, projectID, id string) (Calendar, error)
	// ListCalendars returns the calendars of a project, ordered by id.
	ListCalendars(ctx context.Context, projectID string) ([]Calendar, error)
	// DeleteCalendar deletes a calendar of a project. It fails with ErrConflict
	// while an activity or another calendar's base refers to it.
	DeleteCalendar(ctx context.Context, projectID, id string) error

	// PutActivities stores a batch of activities of a project, replacing those
	// with the same ids, all or nothing: a batch with one bad row is rejected
	// whole, with an error naming the row (`activity "A1030"`, or `activity 7` by
	// its index when its id is empty). Ids must be non-empty and distinct within
	// the batch; a Parent must be an activity of the batch or of the store, and a
	// Calendar a stored calendar of the project. Batches may hold 100,000
	// activities and more.
	PutActivities(ctx context.Context, projectID string, as []Activity) error
	// GetActivity returns an activity of a project.
	GetActivity(ctx context.Context, projectID, id string) (Activity, error)
	// ListActivities returns a page of the activities of a project, ordered by id.
	ListActivities(ctx context.Context, projectID string, page Page) ([]Activity, error)
	// DeleteActivities deletes the activities with the given ids, and the links to
	// and from them, all or nothing. Ids not stored are ignored. It fails with
	// ErrConflict if a deleted activity is the parent of one that stays.
	DeleteActivities(ctx context.Context, projectID string, ids []string) error

	// PutLinks stores a batch of links of a project, replacing those with the same
	// (Pred, Succ), all or nothing, like PutActivities: Pred and Succ must be
	// stored activities of the project, and no pair may appear twice in the batch.
	PutLinks(ctx context.Context, projectID string, ls []Link) error
	// ListLinks returns the links of a project, ordered by Pred then Succ.
	ListLinks(ctx context.Context, projectID string) ([]Link, error)
	// DeleteLinks deletes the links with the given keys. Keys not stored are
	// ignored.
	DeleteLinks(ctx context.Context, projectID string, keys []LinkKey) error

	// LoadNetwork returns a project's network, read from one consistent state, for
	// Compute: its record and options, its calendars and activities ordered by id
	// and its links ordered by Pred then Succ.
	LoadNetwork(ctx context.Context, projectID string) (*Network, error)

	// SaveResult stores the computed schedule of a project, replacing the one
	// saved before. The store neither checks it against the network nor drops it
	// when the network changes: its slices follow the order of the network it was
	// computed from, which for a network from LoadNetwork stays the same as long
	// as no activity or link is added or deleted.
	SaveResult(ctx context.Context, projectID string, r *Result) error
	// LoadResult returns the result saved last for a project; ErrNotFound (field
	// "result") when none has been saved.
	LoadResult(ctx context.Context, projectID string) (*Result, error)
}

// CheckLinkInBatch checks link i of a PutLinks batch as every Store must,
// before looking its ends up: both ends are set, and its (Pred, Succ) is not
// in seen, the keys of the batch's links before it, to which it is added.
// Implementations call it for each link of a batch, in order, so that their
// errors are the same.
func CheckLinkInBatch(seen map[LinkKey]struct{}, i int, l *Link) error {
	if l.Pred == "" || l.Succ == "" {
		field := "pred"
		if l.Pred != "" {
			field = "succ"
		}
		return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("link %d", i), field, "is empty")
	}
	k := LinkKey{Pred: l.Pred, Succ: l.Succ}
	if _, dup := seen[k]; dup {
		return lanyan.Errorf(lanyan.CodeInvalid, linkRecord(k), "", "appears more than once in the batch")
	}
	seen[k] = struct{}{}
	return nil
}
