package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/labour"
)

// LabourStore is a [labour.Store] over the database, holding one tenant's
// day-work slips: other tenants' slips are invisible to it, even with the same
// ids. It is safe for concurrent use. Get one from [DB.Labour], or from
// [Tx.Labour] to run its methods inside an Atomically transaction.
//
// Each slip is a row with the slip's JSON document (status and history
// included) and the columns ListSlips filters by: project, team,
// subcontractor, worker id, trade, cost code, status and the date's day
// number, each indexed with the id, so that filters and pages run in SQL.
type LabourStore struct {
	r      runner
	tenant string
}

var _ labour.Store = (*LabourStore)(nil)

// Labour returns the labour store of a tenant.
func (d *DB) Labour(tenant string) *LabourStore {
	return &LabourStore{r: runner{d: d}, tenant: tenant}
}

// Labour returns the labour store of a tenant, running in the transaction.
func (t *Tx) Labour(tenant string) *LabourStore {
	return &LabourStore{r: runner{d: t.d, tx: t.tx}, tenant: tenant}
}

var labourSlipsTable = bulkTable{
	name: "labour_slips",
	cols: []string{"tenant", "id", "project", "team", "subcontractor", "worker", "trade", "cost_code", "status", "day", "version", "doc"},
	keys: 2,
}

// labourRecord names a slip in errors, as labour.MemStore does.
func labourRecord(id string) string { return fmt.Sprintf("slip %q", id) }

func noSlip(id string) error {
	return lanyan.Errorf(lanyan.CodeNotFound, labourRecord(id), "", "no such slip")
}

// storedSlipState is what PutSlips needs of a stored slip.
type storedSlipState struct {
	version int64
	status  labour.Status
	doc     string
}

// PutSlips creates or replaces a batch of slips, all or nothing.
func (s *LabourStore) PutSlips(ctx context.Context, slips []labour.Slip) ([]labour.StoredSlip, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ids := make([]string, len(slips))
	seen := make(map[string]struct{}, len(slips))
	for i := range slips {
		sl := &slips[i]
		if sl.ID == "" {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("slip %d", i), "id", "is empty")
		}
		if _, dup := seen[sl.ID]; dup {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, labourRecord(sl.ID), "id", "appears more than once in the batch")
		}
		seen[sl.ID] = struct{}{}
		ids[i] = sl.ID
		// The fields now; the status and history, which only new slips keep,
		// once it is known which are new.
		fields := *sl
		fields.Status, fields.History = "", nil
		if err := fields.Validate(); err != nil {
			return nil, err
		}
	}
	// The slips as stored if they are new, with their documents, made
	// outside the transaction; those replacing stored slips are redone in it.
	out := make([]labour.StoredSlip, len(slips))
	for i, sl := range slips {
		sl = cloneSlip(sl)
		if sl.Status == "" {
			sl.Status = labour.StatusDraft
		}
		out[i] = labour.StoredSlip{Slip: sl, Version: 1}
	}
	docs, err := encodeDocs(len(out), func(i int) any { return &out[i].Slip })
	if err != nil {
		return nil, err
	}
	// Slips replacing stored ones, by batch index, with their documents:
	// made afresh by each attempt of the transaction.
	var replaced map[int]labour.StoredSlip
	var replacedDocs map[int]string
	err = atomicWrite(ctx, s.r, func(tx *sql.Tx) error {
		old := make(map[string]storedSlipState)
		err := bulkIn(ctx, s.r.d.dialect, tx, `SELECT id, version, status, doc FROM labour_slips WHERE tenant = ? AND id %s`,
			[]any{s.tenant}, ids, func(rows *sql.Rows) error {
				var id string
				var st storedSlipState
				if err := rows.Scan(&id, &st.version, &st.status, &st.doc); err != nil {
					return err
				}
				old[id] = st
				return nil
			})
		if err != nil {
			return err
		}
		replaced, replacedDocs = make(map[int]labour.StoredSlip, len(old)), make(map[int]string, len(old))
		for i := range out {
			sl := out[i]
			st, ok := old[sl.ID]
			if !ok {
				if sl.Status != labour.StatusDraft || len(sl.History) > 0 {
					if err := sl.Validate(); err != nil {
						return err
					}
				}
				continue
			}
			if st.status == labour.StatusVerified || st.status == labour.StatusApproved {
				return lanyan.Errorf(lanyan.CodeConflict, labourRecord(sl.ID), "status", "is %s: a signed-off slip cannot be changed", st.status)
			}
			var stored struct {
				History []labour.StatusChange `json:"history"`
			}
			if err := decodeDoc(st.doc, &stored); err != nil {
				return fmt.Errorf("%s: %w", labourRecord(sl.ID), err)
			}
			sl.Status, sl.History, sl.Version = st.status, stored.History, st.version+1
			doc, err := json.Marshal(&sl.Slip)
			if err != nil {
				return err
			}
			replaced[i], replacedDocs[i] = sl, string(doc)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return bulkPut(ctx, s.r.d.dialect, tx, labourSlipsTable, len(out), func(i int, args []any) []any {
			if sl, ok := replaced[i]; ok {
				return appendSlipRow(args, s.tenant, &sl, replacedDocs[i])
			}
			return appendSlipRow(args, s.tenant, &out[i], docs[i])
		})
	})
	if err != nil {
		return nil, s.r.d.wrap(ctx, err)
	}
	for i, sl := range replaced {
		out[i] = sl
	}
	return out, nil
}

// appendSlipRow appends a slip's row, in labourSlipsTable's column order.
func appendSlipRow(args []any, tenant string, sl *labour.StoredSlip, doc string) []any {
	return append(args, tenant, sl.ID, sl.Project, sl.Team, sl.Subcontractor, sl.Worker.ID, sl.Trade, sl.CostCode,
		string(sl.Status), int64(sl.Date), sl.Version, doc)
}

// cloneSlip returns a copy of sl that shares no memory with it.
func cloneSlip(sl labour.Slip) labour.Slip {
	if sl.History != nil {
		sl.History = append([]labour.StatusChange(nil), sl.History...)
	}
	return sl
}

// decodeSlip decodes a stored slip's document.
func decodeSlip(version int64, doc string) (labour.StoredSlip, error) {
	out := labour.StoredSlip{Version: version}
	if err := json.Unmarshal([]byte(doc), &out.Slip); err != nil {
		return out, fmt.Errorf("stored slip document: %w", err)
	}
	return out, nil
}

// GetSlip returns a slip.
func (s *LabourStore) GetSlip(ctx context.Context, id string) (labour.StoredSlip, error) {
	if err := ctx.Err(); err != nil {
		return labour.StoredSlip{}, err
	}
	sl, err := s.getSlip(ctx, s.r.one(), id)
	if err != nil {
		return labour.StoredSlip{}, s.r.d.wrap(ctx, err)
	}
	return sl, nil
}

func (s *LabourStore) getSlip(ctx context.Context, q queryer, id string) (labour.StoredSlip, error) {
	var version int64
	var doc string
	err := q.QueryRowContext(ctx, s.r.d.q(`SELECT version, doc FROM labour_slips WHERE tenant = ? AND id = ?`), s.tenant, id).Scan(&version, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return labour.StoredSlip{}, noSlip(id)
	}
	if err != nil {
		return labour.StoredSlip{}, err
	}
	return decodeSlip(version, doc)
}

// ListSlips returns a page of the slips matching f, ordered by id.
func (s *LabourStore) ListSlips(ctx context.Context, f labour.Filter) ([]labour.StoredSlip, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.Limit < 0 {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "filter", "limit", "is negative (%d)", f.Limit)
	}
	var query strings.Builder
	query.WriteString(`SELECT version, doc FROM labour_slips WHERE tenant = ?`)
	args := []any{s.tenant}
	for _, c := range []struct{ col, v string }{
		{"project", f.Project}, {"team", f.Team}, {"subcontractor", f.Subcontractor}, {"worker", f.Worker},
		{"trade", f.Trade}, {"cost_code", f.CostCode}, {"status", string(f.Status)},
	} {
		if c.v != "" {
			query.WriteString(" AND " + c.col + " = ?")
			args = append(args, c.v)
		}
	}
	if f.From != 0 {
		query.WriteString(" AND day >= ?")
		args = append(args, int64(f.From))
	}
	if f.To != 0 {
		query.WriteString(" AND day <= ?")
		args = append(args, int64(f.To))
	}
	if f.After != "" {
		query.WriteString(" AND id > ?")
		args = append(args, f.After)
	}
	query.WriteString(" ORDER BY id")
	if f.Limit > 0 {
		query.WriteString(" LIMIT ?")
		args = append(args, f.Limit)
	}
	out := []labour.StoredSlip{}
	err := scanDocs(ctx, s.r.one(), s.r.d.q(query.String()), args, func(rows *sql.Rows) error {
		var version int64
		var doc string
		if err := rows.Scan(&version, &doc); err != nil {
			return err
		}
		sl, err := decodeSlip(version, doc)
		if err != nil {
			return err
		}
		out = append(out, sl)
		return nil
	})
	if err != nil {
		return nil, s.r.d.wrap(ctx, err)
	}
	return out, nil
}

// SetStatus moves a slip to a new status if version is still its version.
func (s *LabourStore) SetStatus(ctx context.Context, id string, version int64, to labour.Status, by string, at time.Time, note string) (labour.StoredSlip, error) {
	if err := ctx.Err(); err != nil {
		return labour.StoredSlip{}, err
	}
	var out labour.StoredSlip
	err := atomicWrite(ctx, s.r, func(tx *sql.Tx) error {
		sl, err := s.getSlip(ctx, tx, id)
		if err != nil {
			return err
		}
		if sl.Version != version {
			return lanyan.Errorf(lanyan.CodeConflict, labourRecord(id), "version",
				"is %d, not %d: the slip has changed since it was read", sl.Version, version)
		}
		if err := sl.Transition(to, by, at, note); err != nil {
			return err
		}
		sl.Version++
		doc, err := json.Marshal(&sl.Slip)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.r.d.q(`UPDATE labour_slips SET status = ?, version = ?, doc = ? WHERE tenant = ? AND id = ? AND version = ?`),
			string(sl.Status), sl.Version, string(doc), s.tenant, id, version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			// Changed since it was read: only where the database let another
			// writer in between.
			return lanyan.Errorf(lanyan.CodeConflict, labourRecord(id), "version", "is not %d: the slip has changed since it was read", version)
		}
		out = sl
		return nil
	})
	if err != nil {
		return labour.StoredSlip{}, s.r.d.wrap(ctx, err)
	}
	return out, nil
}
