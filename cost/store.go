package cost

import (
	"context"
	"fmt"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/schedule"
)

// Project is a project's cost record as a [Store] keeps it.
type Project struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Currency is the ISO 4217 code of the project's amounts (CNY, EUR); the
	// engine does not use it.
	Currency string `json:"currency,omitempty"`
	// ScheduleProject is the id of the schedule project whose activities the
	// packages cover, when it differs from ID.
	ScheduleProject string `json:"scheduleProject,omitempty"`
	// Baseline is the number of the baseline earned value is measured against,
	// 0 to MaxBaseline.
	Baseline int `json:"baseline"`
	// UndistributedBudget and ManagementReserve are the working budgets held back
	// from the control accounts; see [Breakdown].
	UndistributedBudget decimal.Decimal `json:"undistributedBudget"`
	ManagementReserve   decimal.Decimal `json:"managementReserve"`
	// Version is set by the store: 1 when the project is created, one more on
	// every update. An update names the version it was based on and fails with
	// lanyan.ErrConflict if the project has changed since. It covers this record
	// only, not the project's elements, baselines, progress or actual costs.
	Version int64 `json:"version"`
}

// StoredActual is an actual cost as a [Store] keeps it, with the id that
// identifies it within its project.
type StoredActual struct {
	ID string `json:"id"` // distinct within the project
	ActualCost
}

// ProgressKey identifies a progress record: a package has at most one per day.
type ProgressKey struct {
	Package string    `json:"package"`
	Date    date.Date `json:"date"`
}

// BaselineHeader names a stored baseline without its contents.
type BaselineHeader struct {
	Number int    `json:"number"`         // 0 to MaxBaseline
	Name   string `json:"name,omitempty"` // the baseline's Name
}

// Store persists the cost data of projects: for each project its record, its
// breakdown's elements, its baselines (numbered 0 to MaxBaseline), its work
// packages' progress and its actual costs. An in-memory implementation is
// [NewMemStore]; package storetest checks any implementation against this
// documentation.
//
// Implementations must be safe for concurrent use by multiple goroutines, and
// each method is atomic: it takes effect entirely or not at all, and reads see
// one consistent state. Values passed in are not retained and values returned
// are the caller's own: changing them does not change what is stored. Amounts
// come back equal in value (decimal.Decimal.Equal), not necessarily with the same
// number of decimal places.
//
// Ids are compared, and lists ordered, byte by byte (a SQL implementation needs a
// binary collation: COLLATE "C" in PostgreSQL, BINARY in SQLite). Nil and empty
// slices are equivalent, except in the Week of a baseline's calendar, where (as
// in schedule.Store) a nil day inherits from the base calendar and an empty one
// is a non-working day.
//
// Errors are *lanyan.Error values naming the record and field at fault, and match
// the sentinels with errors.Is:
//   - lanyan.ErrNotFound: the project (record `project "P1"`), element, baseline
//     or actual cost asked for does not exist; or a record names one that does
//     not exist (an element's parent, a progress record's package, an actual
//     cost's code).
//   - lanyan.ErrConflict: creating a project whose id is taken, updating a
//     project from a stale version, or deleting an element that another still
//     has as its parent or that actual costs are booked to.
//   - lanyan.ErrInvalid: an empty id, an id (or progress key) given twice in one
//     batch, a progress record without a date, a baseline number outside 0 to
//     MaxBaseline, or a negative Page.Limit.
//
// The store checks identity and references only; everything else (kinds,
// budgets, curves, techniques, whether a parent is a control account) is checked
// by [Breakdown.Validate], [SpreadBudgets] and [Analyze].
//
// When ctx is done before a method finishes, the method returns an error wrapping
// ctx.Err() and a write has no effect.
type Store interface {
	// CreateProject stores a new project with Version 1 (p.Version is ignored)
	// and returns it as stored.
	CreateProject(ctx context.Context, p Project) (Project, error)
	// GetProject returns a project.
	GetProject(ctx context.Context, id string) (Project, error)
	// ListProjects returns a page of the projects, ordered by id.
	ListProjects(ctx context.Context, page schedule.Page) ([]Project, error)
	// UpdateProject replaces the record of project p.ID if its stored version is
	// still p.Version, and returns it as stored, with the next version.
	UpdateProject(ctx context.Context, p Project) (Project, error)
	// DeleteProject deletes a project with everything in it.
	DeleteProject(ctx context.Context, id string) error

	// PutElements stores a batch of elements of a project's breakdown,
	// replacing those with the same ids, all or nothing: a batch with one bad row
	// is rejected whole, with an error naming the row (`element "WP1"`, or
	// `element 7` by its index when its id is empty). Ids must be non-empty and
	// distinct within the batch; a Parent must be an element of the batch or of
	// the store. Batches may hold 100,000 elements and more.
	PutElements(ctx context.Context, projectID string, es []Element) error
	// GetElement returns an element of a project.
	GetElement(ctx context.Context, projectID, id string) (Element, error)
	// ListElements returns a page of the elements of a project, ordered by id.
	ListElements(ctx context.Context, projectID string, page schedule.Page) ([]Element, error)
	// DeleteElements deletes the elements with the given ids, and their
	// progress, all or nothing. Ids not stored are ignored. It fails with
	// ErrConflict if a deleted element is the parent of one that stays, or has
	// actual costs booked to it.
	DeleteElements(ctx context.Context, projectID string, ids []string) error

	// PutBaseline stores a baseline of a project, replacing the one with the
	// same number.
	PutBaseline(ctx context.Context, projectID string, bl Baseline) error
	// GetBaseline returns a baseline of a project.
	GetBaseline(ctx context.Context, projectID string, number int) (Baseline, error)
	// ListBaselines returns the numbers and names of a project's baselines,
	// ordered by number.
	ListBaselines(ctx context.Context, projectID string) ([]BaselineHeader, error)
	// DeleteBaseline deletes a baseline of a project; deleting one not stored is
	// no error.
	DeleteBaseline(ctx context.Context, projectID string, number int) error

	// PutProgress stores a batch of progress records, replacing those with the
	// same package and date, all or nothing, like PutElements: each Package must
	// be a stored element and each Date set, and no key may appear twice in the
	// batch.
	PutProgress(ctx context.Context, projectID string, ps []Progress) error
	// ListProgress returns the progress records of a project, ordered by package
	// then date.
	ListProgress(ctx context.Context, projectID string) ([]Progress, error)
	// DeleteProgress deletes the progress records with the given keys. Keys not
	// stored are ignored.
	DeleteProgress(ctx context.Context, projectID string, keys []ProgressKey) error

	// PutActuals stores a batch of actual costs, replacing those with the same
	// ids, all or nothing, like PutElements: ids must be non-empty and distinct
	// within the batch, and each Code a stored element.
	PutActuals(ctx context.Context, projectID string, as []StoredActual) error
	// GetActual returns an actual cost of a project.
	GetActual(ctx context.Context, projectID, id string) (StoredActual, error)
	// ListActuals returns a page of the actual costs of a project, ordered by id.
	ListActuals(ctx context.Context, projectID string, page schedule.Page) ([]StoredActual, error)
	// DeleteActuals deletes the actual costs with the given ids. Ids not stored
	// are ignored.
	DeleteActuals(ctx context.Context, projectID string, ids []string) error

	// LoadBreakdown returns a project's breakdown: its elements ordered by id,
	// with the project's undistributed budget and management reserve.
	LoadBreakdown(ctx context.Context, projectID string) (*Breakdown, error)
	// LoadAnalysisInput returns, read from one consistent state, what [Analyze]
	// needs from the store: the breakdown as LoadBreakdown returns it, the
	// baseline the project measures against (ErrNotFound, record `baseline N`,
	// when it is not stored), the progress ordered by package then date and the
	// actual costs ordered by id. The caller sets the status date, phasing and
	// EAC weight.
	LoadAnalysisInput(ctx context.Context, projectID string) (AnalysisInput, error)
}

// CheckProgressInBatch checks progress record i of a PutProgress batch as
// every Store must, before looking its package up: Package and Date are set,
// and its key is not in seen, the keys of the batch's records before it, to
// which it is added. Implementations call it for each record of a batch, in
// order, so that their errors are the same.
func CheckProgressInBatch(seen map[ProgressKey]struct{}, i int, r *Progress) error {
	switch {
	case r.Package == "":
		return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("progress %d", i), "package", "is empty")
	case r.Date == 0:
		return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("progress %d", i), "date", "is not set")
	}
	k := ProgressKey{Package: r.Package, Date: r.Date}
	if _, dup := seen[k]; dup {
		return lanyan.Errorf(lanyan.CodeInvalid, storeProgRecord(k), "", "appears more than once in the batch")
	}
	seen[k] = struct{}{}
	return nil
}
