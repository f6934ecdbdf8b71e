package labour

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/lanyan-dev/lanyan"
)

// MemStore is a [Store] that keeps slips in memory, for tests, examples and
// embedders that persist by other means. It is safe for concurrent use; values
// are copied in and out.
type MemStore struct {
	mu    sync.RWMutex
	slips map[string]StoredSlip
	ids   []string // sorted
}

// NewMemStore returns an empty in-memory store.
func NewMemStore() *MemStore { return &MemStore{slips: map[string]StoredSlip{}} }

var _ Store = (*MemStore)(nil)

// PutSlips creates or replaces a batch of slips, all or nothing.
func (m *MemStore) PutSlips(ctx context.Context, slips []Slip) ([]StoredSlip, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	seen := make(map[string]struct{}, len(slips))
	for i, s := range slips {
		if s.ID == "" {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("slip %d", i), "id", "is empty")
		}
		if _, dup := seen[s.ID]; dup {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, slipRecord(s.ID), "id", "appears more than once in the batch")
		}
		seen[s.ID] = struct{}{}
		// The fields now; the status and history, which only new slips keep,
		// under the lock.
		fields := s
		fields.Status, fields.History = "", nil
		if err := fields.Validate(); err != nil {
			return nil, err
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]StoredSlip, len(slips))
	var added []string
	for i, s := range slips {
		s = s.clone()
		if s.Status == "" {
			s.Status = StatusDraft
		}
		old, ok := m.slips[s.ID]
		if !ok {
			if err := s.Validate(); err != nil {
				return nil, err
			}
			out[i] = StoredSlip{Slip: s, Version: 1}
			added = append(added, s.ID)
			continue
		}
		if old.Status == StatusVerified || old.Status == StatusApproved {
			return nil, lanyan.Errorf(lanyan.CodeConflict, slipRecord(s.ID), "status", "is %s: a signed-off slip cannot be changed", old.Status)
		}
		s.Status, s.History = old.Status, old.clone().History
		out[i] = StoredSlip{Slip: s, Version: old.Version + 1}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, s := range out {
		m.slips[s.ID] = s
		out[i].Slip = s.clone()
	}
	if len(added) > 0 {
		slices.Sort(added)
		m.ids = mergeIDs(m.ids, added)
	}
	return out, nil
}

// mergeIDs merges two sorted slices of distinct ids into a new sorted slice.
func mergeIDs(a, b []string) []string {
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

func noSlip(id string) error {
	return lanyan.Errorf(lanyan.CodeNotFound, slipRecord(id), "", "no such slip")
}

// GetSlip returns a slip.
func (m *MemStore) GetSlip(ctx context.Context, id string) (StoredSlip, error) {
	if err := ctx.Err(); err != nil {
		return StoredSlip{}, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	s, ok := m.slips[id]
	if !ok {
		return StoredSlip{}, noSlip(id)
	}
	s.Slip = s.clone()
	return s, nil
}

// ListSlips returns a page of the slips matching f, ordered by id.
func (m *MemStore) ListSlips(ctx context.Context, f Filter) ([]StoredSlip, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.Limit < 0 {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "filter", "limit", "is negative (%d)", f.Limit)
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	i := 0
	if f.After != "" {
		i = sort.SearchStrings(m.ids, f.After)
		if i < len(m.ids) && m.ids[i] == f.After {
			i++
		}
	}
	out := []StoredSlip{}
	for ; i < len(m.ids) && (f.Limit == 0 || len(out) < f.Limit); i++ {
		s := m.slips[m.ids[i]]
		if f.Match(s.Slip) {
			s.Slip = s.clone()
			out = append(out, s)
		}
	}
	return out, nil
}

// SetStatus moves a slip to a new status under optimistic concurrency.
func (m *MemStore) SetStatus(ctx context.Context, id string, version int64, to Status, by string, at time.Time, note string) (StoredSlip, error) {
	if err := ctx.Err(); err != nil {
		return StoredSlip{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.slips[id]
	if !ok {
		return StoredSlip{}, noSlip(id)
	}
	if s.Version != version {
		return StoredSlip{}, lanyan.Errorf(lanyan.CodeConflict, slipRecord(id), "version",
			"is %d, not %d: the slip has changed since it was read", s.Version, version)
	}
	s.Slip = s.clone()
	if err := s.Transition(to, by, at, note); err != nil {
		return StoredSlip{}, err
	}
	s.Version++
	m.slips[id] = s
	s.Slip = s.clone()
	return s, nil
}
