package labour

import (
	"context"
	"time"

	"github.com/rickb777/date/v2"
)

// StoredSlip is a slip as a [Store] keeps it, with a version for optimistic
// concurrency: 1 when the slip is created, one more on every change.
type StoredSlip struct {
	Slip
	Version int64 `json:"version"`
}

// Filter selects slips for [Store.ListSlips]: those matching every non-empty
// field, dated From to To inclusive (zero: unbounded), one page of them ordered
// by id: the slips whose id sorts after After (all when empty), at most Limit of
// them (all when 0). To read a whole list, pass the id of the last slip of each
// page as the next After until a page comes back shorter than Limit.
type Filter struct {
	Project       string    `json:"project,omitempty"`
	Team          string    `json:"team,omitempty"`
	Subcontractor string    `json:"subcontractor,omitempty"`
	Worker        string    `json:"worker,omitempty"` // worker id
	Trade         string    `json:"trade,omitempty"`
	CostCode      string    `json:"costCode,omitempty"`
	Status        Status    `json:"status,omitempty"`
	From          date.Date `json:"from,omitempty"`
	To            date.Date `json:"to,omitempty"`
	After         string    `json:"after,omitempty"`
	Limit         int       `json:"limit,omitempty"`
}

// Match reports whether slip s passes the filter's field and date conditions
// (not its paging).
func (f Filter) Match(s Slip) bool {
	st := s.Status
	if st == "" {
		st = StatusDraft
	}
	return (f.Project == "" || f.Project == s.Project) &&
		(f.Team == "" || f.Team == s.Team) &&
		(f.Subcontractor == "" || f.Subcontractor == s.Subcontractor) &&
		(f.Worker == "" || f.Worker == s.Worker.ID) &&
		(f.Trade == "" || f.Trade == s.Trade) &&
		(f.CostCode == "" || f.CostCode == s.CostCode) &&
		(f.Status == "" || f.Status == st) &&
		(f.From == 0 || s.Date >= f.From) &&
		(f.To == 0 || s.Date <= f.To)
}

// Store persists day-work slips. An in-memory implementation is
// [NewMemStore]; package storetest checks any implementation against this
// documentation.
//
// Implementations must be safe for concurrent use, and each method is atomic:
// it takes effect entirely or not at all, and reads see one consistent state.
// Values passed in are not retained and values returned are the caller's own.
// Amounts and hours come back equal in value (decimal.Decimal.Equal), not
// necessarily with the same number of decimal places; times come back equal
// by time.Time.Equal. Ids are compared, and lists ordered, byte by byte.
//
// Errors are *lanyan.Error values naming the record (`slip "D-0012"`, or
// `slip 7` by batch index when the id is empty) and field, and match the
// sentinels with errors.Is:
//   - lanyan.ErrNotFound: the slip asked for does not exist.
//   - lanyan.ErrConflict: a status change from a stale version or not allowed
//     from the stored status; a PutSlips row changing a slip already verified
//     or approved (signed off).
//   - lanyan.ErrInvalid: a slip failing [Slip.Validate], an id given twice in
//     one batch, a negative Limit, an empty `by`.
//
// When ctx is done before a method finishes, the method returns an error
// wrapping ctx.Err() and a write has no effect.
type Store interface {
	// PutSlips creates or replaces a batch of slips, all or nothing, and
	// returns them as stored, in batch order. A new slip is stored as given,
	// status and history included (so that signed-off paper slips can be
	// imported), with Version 1. A slip that exists keeps its stored Status
	// and History (the batch's are ignored: status moves only through
	// SetStatus), gets the next version, and may be replaced only while it is
	// draft, submitted or rejected. Batches may hold 100,000 slips and more.
	PutSlips(ctx context.Context, slips []Slip) ([]StoredSlip, error)
	// GetSlip returns a slip.
	GetSlip(ctx context.Context, id string) (StoredSlip, error)
	// ListSlips returns a page of the slips matching f, ordered by id.
	ListSlips(ctx context.Context, f Filter) ([]StoredSlip, error)
	// SetStatus moves slip id to status to if its stored version is still
	// version and the move is allowed ([Status.CanBecome]), appending the
	// change (by, at, note) to its history, and returns it as stored with the
	// next version.
	SetStatus(ctx context.Context, id string, version int64, to Status, by string, at time.Time, note string) (StoredSlip, error)
}
