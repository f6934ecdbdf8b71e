package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
	"github.com/lanyan-dev/lanyan/schedule"
)

// CostStore is a [cost.Store] over the database, holding one tenant's cost
// data: other tenants' projects are invisible to it, even with the same ids.
// It is safe for concurrent use. Get one from [DB.Cost], or from [Tx.Cost] to
// run its methods inside an Atomically transaction.
//
// Each record is a row with the record's JSON document (amounts as decimal
// strings, so they come back exact) beside its key and the columns its lists
// are ordered and checked by: an element's parent, an actual cost's code, a
// progress record's package and day number.
type CostStore struct {
	r      runner
	tenant string
}

var _ cost.Store = (*CostStore)(nil)

// Cost returns the cost store of a tenant.
func (d *DB) Cost(tenant string) *CostStore {
	return &CostStore{r: runner{d: d}, tenant: tenant}
}

// Cost returns the cost store of a tenant, running in the transaction.
func (t *Tx) Cost(tenant string) *CostStore {
	return &CostStore{r: runner{d: t.d, tx: t.tx}, tenant: tenant}
}

// The tables' columns, key first, for bulkPut.
var (
	costElementsTable = bulkTable{name: "cost_elements", cols: []string{"tenant", "project", "id", "parent", "doc"}, keys: 3}
	costProgressTable = bulkTable{name: "cost_progress", cols: []string{"tenant", "project", "package", "day", "doc"}, keys: 4}
	costActualsTable  = bulkTable{name: "cost_actuals", cols: []string{"tenant", "project", "id", "code", "doc"}, keys: 3}
)

// Records named in errors, as cost.MemStore names them.
func costProjectRecord(id string) string { return fmt.Sprintf("project %q", id) }
func costElementRecord(id string) string { return fmt.Sprintf("element %q", id) }
func costActualRecord(id string) string  { return fmt.Sprintf("actual cost %q", id) }
func costBaselineRecord(n int) string    { return fmt.Sprintf("baseline %d", n) }
func costProgressRecord(k cost.ProgressKey) string {
	return fmt.Sprintf("progress %q %s", k.Package, k.Date.Format("2006-01-02"))
}

func noCostProject(id string) error {
	return lanyan.Errorf(lanyan.CodeNotFound, costProjectRecord(id), "", "no such project")
}

func (s *CostStore) q(query string) string { return s.r.d.q(query) }

func (s *CostStore) dialect() Dialect { return s.r.d.dialect }

// read runs fn in one consistent state after checking that the project
// exists.
func (s *CostStore) read(ctx context.Context, projectID string, fn func(tx *sql.Tx) error) error {
	err := s.r.read(ctx, func(tx *sql.Tx) error {
		if err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		return fn(tx)
	})
	return s.r.d.wrap(ctx, err)
}

// write runs fn in a write transaction (or a savepoint of the Atomically one)
// after checking that the project exists.
func (s *CostStore) write(ctx context.Context, projectID string, fn func(tx *sql.Tx) error) error {
	err := atomicWrite(ctx, s.r, func(tx *sql.Tx) error {
		if err := s.checkProject(ctx, tx, projectID); err != nil {
			return err
		}
		return fn(tx)
	})
	return s.r.d.wrap(ctx, err)
}

func (s *CostStore) checkProject(ctx context.Context, q queryer, id string) error {
	var one int
	err := q.QueryRowContext(ctx, s.q(`SELECT 1 FROM cost_projects WHERE tenant = ? AND id = ?`), s.tenant, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return noCostProject(id)
	}
	return err
}

// loadProject reads a project's record.
func (s *CostStore) loadProject(ctx context.Context, q queryer, id string) (cost.Project, error) {
	var p cost.Project
	var version int64
	var doc string
	err := q.QueryRowContext(ctx, s.q(`SELECT version, doc FROM cost_projects WHERE tenant = ? AND id = ?`), s.tenant, id).Scan(&version, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return p, noCostProject(id)
	}
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		return p, fmt.Errorf("%s: stored document: %w", costProjectRecord(id), err)
	}
	p.Version = version
	return p, nil
}

// CreateProject stores a new project with Version 1.
func (s *CostStore) CreateProject(ctx context.Context, p cost.Project) (cost.Project, error) {
	if err := ctx.Err(); err != nil {
		return cost.Project{}, err
	}
	if p.ID == "" {
		return cost.Project{}, lanyan.Errorf(lanyan.CodeInvalid, costProjectRecord(""), "id", "is empty")
	}
	p.Version = 1
	doc, err := json.Marshal(p)
	if err != nil {
		return cost.Project{}, err
	}
	err = atomicWrite(ctx, s.r, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO cost_projects (tenant, id, version, doc) VALUES (?, ?, ?, ?) ON CONFLICT (tenant, id) DO NOTHING`),
			s.tenant, p.ID, p.Version, string(doc))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return lanyan.Errorf(lanyan.CodeConflict, costProjectRecord(p.ID), "id", "a project with this id exists")
		}
		return nil
	})
	if err != nil {
		return cost.Project{}, s.r.d.wrap(ctx, err)
	}
	return p, nil
}

// GetProject returns a project.
func (s *CostStore) GetProject(ctx context.Context, id string) (cost.Project, error) {
	if err := ctx.Err(); err != nil {
		return cost.Project{}, err
	}
	p, err := s.loadProject(ctx, s.r.one(), id)
	return p, s.r.d.wrap(ctx, err)
}

// ListProjects returns a page of the projects, ordered by id.
func (s *CostStore) ListProjects(ctx context.Context, page schedule.Page) ([]cost.Project, error) {
	if err := page.Check(ctx); err != nil {
		return nil, err
	}
	query, args := pageQuery(`SELECT version, doc FROM cost_projects WHERE tenant = ? AND id > ? ORDER BY id`, page, s.tenant, page.After)
	out := []cost.Project{}
	err := scanDocs(ctx, s.r.one(), s.q(query), args, func(rows *sql.Rows) error {
		var p cost.Project
		var version int64
		var doc string
		if err := rows.Scan(&version, &doc); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(doc), &p); err != nil {
			return fmt.Errorf("stored project document: %w", err)
		}
		p.Version = version
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, s.r.d.wrap(ctx, err)
	}
	return out, nil
}

// UpdateProject replaces a project's record if p.Version is still its
// version.
func (s *CostStore) UpdateProject(ctx context.Context, p cost.Project) (cost.Project, error) {
	if err := ctx.Err(); err != nil {
		return cost.Project{}, err
	}
	was := p.Version
	p.Version++
	doc, err := json.Marshal(p)
	if err != nil {
		return cost.Project{}, err
	}
	err = atomicWrite(ctx, s.r, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE cost_projects SET version = ?, doc = ? WHERE tenant = ? AND id = ? AND version = ?`),
			p.Version, string(doc), s.tenant, p.ID, was)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil || n > 0 {
			return err
		}
		var stored int64
		err = tx.QueryRowContext(ctx, s.q(`SELECT version FROM cost_projects WHERE tenant = ? AND id = ?`), s.tenant, p.ID).Scan(&stored)
		if errors.Is(err, sql.ErrNoRows) {
			return noCostProject(p.ID)
		}
		if err != nil {
			return err
		}
		return lanyan.Errorf(lanyan.CodeConflict, costProjectRecord(p.ID), "version",
			"is %d, not %d: the project has changed since it was read", stored, was)
	})
	if err != nil {
		return cost.Project{}, s.r.d.wrap(ctx, err)
	}
	return p, nil
}

// DeleteProject deletes a project and everything in it.
func (s *CostStore) DeleteProject(ctx context.Context, id string) error {
	return s.write(ctx, id, func(tx *sql.Tx) error {
		// Children first, so that the deletes do not depend on foreign keys
		// being enforced.
		for _, table := range []string{"cost_progress", "cost_actuals", "cost_baselines", "cost_elements"} {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+table+` WHERE tenant = ? AND project = ?`), s.tenant, id); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM cost_projects WHERE tenant = ? AND id = ?`), s.tenant, id)
		return err
	})
}

// PutElements stores a batch of elements, all or nothing.
func (s *CostStore) PutElements(ctx context.Context, projectID string, es []cost.Element) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// The checks that need no database, and the documents, outside the
	// transaction; their error is reported after the project's.
	batch := make(map[string]struct{}, len(es))
	var batchErr error
	for i := range es {
		e := &es[i]
		if e.ID == "" {
			batchErr = lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("element %d", i), "id", "is empty")
			break
		}
		if _, dup := batch[e.ID]; dup {
			batchErr = lanyan.Errorf(lanyan.CodeInvalid, costElementRecord(e.ID), "id", "appears more than once in the batch")
			break
		}
		batch[e.ID] = struct{}{}
	}
	var docs []string
	if batchErr == nil {
		var err error
		if docs, err = encodeDocs(len(es), func(i int) any { return &es[i] }); err != nil {
			return err
		}
	}
	return s.write(ctx, projectID, func(tx *sql.Tx) error {
		if batchErr != nil {
			return batchErr
		}
		// Parents outside the batch must be stored.
		var outside []string
		seen := map[string]struct{}{}
		for i := range es {
			p := es[i].Parent
			if p == "" {
				continue
			}
			if _, ok := batch[p]; ok {
				continue
			}
			if _, ok := seen[p]; !ok {
				seen[p] = struct{}{}
				outside = append(outside, p)
			}
		}
		stored, err := s.storedElements(ctx, tx, projectID, outside)
		if err != nil {
			return err
		}
		for i := range es {
			e := &es[i]
			if e.Parent == "" {
				continue
			}
			_, inBatch := batch[e.Parent]
			_, isStored := stored[e.Parent]
			if !inBatch && !isStored {
				return lanyan.Errorf(lanyan.CodeNotFound, costElementRecord(e.ID), "parent", "unknown element %q", e.Parent)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return bulkPut(ctx, s.dialect(), tx, costElementsTable, len(es), func(i int, args []any) []any {
			return append(args, s.tenant, projectID, es[i].ID, es[i].Parent, docs[i])
		})
	})
}

// storedElements returns which of ids are elements of the project.
func (s *CostStore) storedElements(ctx context.Context, q queryer, projectID string, ids []string) (map[string]struct{}, error) {
	found := make(map[string]struct{}, len(ids))
	err := bulkIn(ctx, s.dialect(), q, `SELECT id FROM cost_elements WHERE tenant = ? AND project = ? AND id %s`,
		[]any{s.tenant, projectID}, ids, func(rows *sql.Rows) error {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			found[id] = struct{}{}
			return nil
		})
	return found, err
}

// GetElement returns an element of a project.
func (s *CostStore) GetElement(ctx context.Context, projectID, id string) (cost.Element, error) {
	var e cost.Element
	err := s.read(ctx, projectID, func(tx *sql.Tx) error {
		var doc string
		err := tx.QueryRowContext(ctx, s.q(`SELECT doc FROM cost_elements WHERE tenant = ? AND project = ? AND id = ?`), s.tenant, projectID, id).Scan(&doc)
		if errors.Is(err, sql.ErrNoRows) {
			return lanyan.Errorf(lanyan.CodeNotFound, costElementRecord(id), "", "no such element in %s", costProjectRecord(projectID))
		}
		if err != nil {
			return err
		}
		return decodeDoc(doc, &e)
	})
	return e, err
}

// ListElements returns a page of the elements of a project, ordered by id.
func (s *CostStore) ListElements(ctx context.Context, projectID string, page schedule.Page) ([]cost.Element, error) {
	if err := page.Check(ctx); err != nil {
		return nil, err
	}
	var out []cost.Element
	err := s.read(ctx, projectID, func(tx *sql.Tx) error {
		var err error
		out, err = s.elements(ctx, tx, projectID, page)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *CostStore) elements(ctx context.Context, q queryer, projectID string, page schedule.Page) ([]cost.Element, error) {
	query, args := pageQuery(`SELECT doc FROM cost_elements WHERE tenant = ? AND project = ? AND id > ? ORDER BY id`, page, s.tenant, projectID, page.After)
	return listDocs[cost.Element](ctx, q, s.q(query), args)
}

// DeleteElements deletes elements and their progress, all or nothing.
func (s *CostStore) DeleteElements(ctx context.Context, projectID string, ids []string) error {
	return s.write(ctx, projectID, func(tx *sql.Tx) error {
		stored, err := s.storedElements(ctx, tx, projectID, distinct(ids))
		if err != nil || len(stored) == 0 {
			return err
		}
		gone := make([]string, 0, len(stored))
		for id := range stored {
			gone = append(gone, id)
		}
		// The first conflict by id, as the same error every time: a child that
		// stays, then an actual cost booked to a deleted element.
		var child, parent string
		err = bulkIn(ctx, s.dialect(), tx, `SELECT id, parent FROM cost_elements WHERE tenant = ? AND project = ? AND parent %s`,
			[]any{s.tenant, projectID}, gone, func(rows *sql.Rows) error {
				var id, p string
				if err := rows.Scan(&id, &p); err != nil {
					return err
				}
				if _, alsoGone := stored[id]; !alsoGone && (child == "" || id < child) {
					child, parent = id, p
				}
				return nil
			})
		if err != nil {
			return err
		}
		if child != "" {
			return lanyan.Errorf(lanyan.CodeConflict, costElementRecord(parent), "", "is the parent of %s, which is not deleted", costElementRecord(child))
		}
		var actual, code string
		err = bulkIn(ctx, s.dialect(), tx, `SELECT id, code FROM cost_actuals WHERE tenant = ? AND project = ? AND code %s`,
			[]any{s.tenant, projectID}, gone, func(rows *sql.Rows) error {
				var id, c string
				if err := rows.Scan(&id, &c); err != nil {
					return err
				}
				if actual == "" || id < actual {
					actual, code = id, c
				}
				return nil
			})
		if err != nil {
			return err
		}
		if actual != "" {
			return lanyan.Errorf(lanyan.CodeConflict, costElementRecord(code), "", "has %s booked to it", costActualRecord(actual))
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		fixed := []any{s.tenant, projectID}
		if err := bulkExecIn(ctx, s.dialect(), tx, `DELETE FROM cost_progress WHERE tenant = ? AND project = ? AND package %s`, fixed, gone); err != nil {
			return err
		}
		return bulkExecIn(ctx, s.dialect(), tx, `DELETE FROM cost_elements WHERE tenant = ? AND project = ? AND id %s`, fixed, gone)
	})
}

// PutBaseline stores a baseline, replacing the one with the same number.
func (s *CostStore) PutBaseline(ctx context.Context, projectID string, bl cost.Baseline) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	doc, err := json.Marshal(bl)
	if err != nil {
		return err
	}
	return s.write(ctx, projectID, func(tx *sql.Tx) error {
		if bl.Number < 0 || bl.Number > cost.MaxBaseline {
			return lanyan.Errorf(lanyan.CodeInvalid, costBaselineRecord(bl.Number), "number", "must be 0 to %d", cost.MaxBaseline)
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO cost_baselines (tenant, project, number, name, doc) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (tenant, project, number) DO UPDATE SET name = excluded.name, doc = excluded.doc`),
			s.tenant, projectID, bl.Number, bl.Name, string(doc))
		return err
	})
}

// GetBaseline returns a baseline of a project.
func (s *CostStore) GetBaseline(ctx context.Context, projectID string, number int) (cost.Baseline, error) {
	var bl cost.Baseline
	err := s.read(ctx, projectID, func(tx *sql.Tx) error {
		var err error
		bl, err = s.baseline(ctx, tx, projectID, number)
		return err
	})
	return bl, err
}

func (s *CostStore) baseline(ctx context.Context, q queryer, projectID string, number int) (cost.Baseline, error) {
	var bl cost.Baseline
	var doc string
	err := q.QueryRowContext(ctx, s.q(`SELECT doc FROM cost_baselines WHERE tenant = ? AND project = ? AND number = ?`), s.tenant, projectID, number).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return bl, lanyan.Errorf(lanyan.CodeNotFound, costBaselineRecord(number), "", "no such baseline in %s", costProjectRecord(projectID))
	}
	if err != nil {
		return bl, err
	}
	return bl, decodeDoc(doc, &bl)
}

// ListBaselines returns the numbers and names of a project's baselines.
func (s *CostStore) ListBaselines(ctx context.Context, projectID string) ([]cost.BaselineHeader, error) {
	out := []cost.BaselineHeader{}
	err := s.read(ctx, projectID, func(tx *sql.Tx) error {
		return scanDocs(ctx, tx, s.q(`SELECT number, name FROM cost_baselines WHERE tenant = ? AND project = ? ORDER BY number`),
			[]any{s.tenant, projectID}, func(rows *sql.Rows) error {
				var h cost.BaselineHeader
				if err := rows.Scan(&h.Number, &h.Name); err != nil {
					return err
				}
				out = append(out, h)
				return nil
			})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteBaseline deletes a baseline of a project.
func (s *CostStore) DeleteBaseline(ctx context.Context, projectID string, number int) error {
	return s.write(ctx, projectID, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM cost_baselines WHERE tenant = ? AND project = ? AND number = ?`), s.tenant, projectID, number)
		return err
	})
}

// PutProgress stores a batch of progress records, all or nothing.
func (s *CostStore) PutProgress(ctx context.Context, projectID string, ps []cost.Progress) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var packages []string
	seen := map[string]struct{}{}
	for i := range ps {
		if _, ok := seen[ps[i].Package]; !ok && ps[i].Package != "" {
			seen[ps[i].Package] = struct{}{}
			packages = append(packages, ps[i].Package)
		}
	}
	docs, err := encodeDocs(len(ps), func(i int) any { return &ps[i] })
	if err != nil {
		return err
	}
	return s.write(ctx, projectID, func(tx *sql.Tx) error {
		stored, err := s.storedElements(ctx, tx, projectID, packages)
		if err != nil {
			return err
		}
		batch := make(map[cost.ProgressKey]struct{}, len(ps))
		for i := range ps {
			r := &ps[i]
			k := cost.ProgressKey{Package: r.Package, Date: r.Date}
			if err := cost.CheckProgressInBatch(batch, i, r); err != nil {
				return err
			}
			if _, ok := stored[r.Package]; !ok {
				return lanyan.Errorf(lanyan.CodeNotFound, costProgressRecord(k), "package", "unknown element %q", r.Package)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return bulkPut(ctx, s.dialect(), tx, costProgressTable, len(ps), func(i int, args []any) []any {
			return append(args, s.tenant, projectID, ps[i].Package, int64(ps[i].Date), docs[i])
		})
	})
}

// ListProgress returns the progress records of a project, ordered by package
// then date.
func (s *CostStore) ListProgress(ctx context.Context, projectID string) ([]cost.Progress, error) {
	var out []cost.Progress
	err := s.read(ctx, projectID, func(tx *sql.Tx) error {
		var err error
		out, err = s.progress(ctx, tx, projectID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *CostStore) progress(ctx context.Context, q queryer, projectID string) ([]cost.Progress, error) {
	return listDocs[cost.Progress](ctx, q, s.q(`SELECT doc FROM cost_progress WHERE tenant = ? AND project = ? ORDER BY package, day`),
		[]any{s.tenant, projectID})
}

// DeleteProgress deletes the progress records with the given keys.
func (s *CostStore) DeleteProgress(ctx context.Context, projectID string, keys []cost.ProgressKey) error {
	return s.write(ctx, projectID, func(tx *sql.Tx) error {
		if len(keys) == 0 {
			return nil
		}
		if s.dialect() == Postgres {
			// A key as one text, day number first (it has no ':'), tested
			// with = ANY, as bulkKeys does.
			ks := make([]string, len(keys))
			for i, k := range keys {
				ks[i] = strconv.FormatInt(int64(k.Date), 10) + ":" + k.Package
			}
			if err := customPlans(ctx, s.dialect(), tx, len(keys)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, s.q(`DELETE FROM cost_progress WHERE tenant = ? AND project = ?
				AND day::text || ':' || package = ANY(?::text[])`), s.tenant, projectID, ks)
			return err
		}
		// A key is two columns: a statement per chunk of keys, each a pair of
		// equalities, which SQLite answers from the primary key.
		const per = 128
		for lo := 0; lo < len(keys); lo += per {
			hi := min(lo+per, len(keys))
			st := newBulkSQL(s.dialect()).text(`DELETE FROM cost_progress WHERE tenant = ? AND project = ? AND (`)
			args := []any{s.tenant, projectID}
			for i, k := range keys[lo:hi] {
				if i > 0 {
					st.text(" OR ")
				}
				st.text("(package = ? AND day = ?)")
				args = append(args, k.Package, int64(k.Date))
			}
			if _, err := tx.ExecContext(ctx, st.text(")").String(), args...); err != nil {
				return err
			}
		}
		return nil
	})
}

// PutActuals stores a batch of actual costs, all or nothing.
func (s *CostStore) PutActuals(ctx context.Context, projectID string, as []cost.StoredActual) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var codes []string
	seen := map[string]struct{}{}
	for i := range as {
		if _, ok := seen[as[i].Code]; !ok {
			seen[as[i].Code] = struct{}{}
			codes = append(codes, as[i].Code)
		}
	}
	docs, err := encodeDocs(len(as), func(i int) any { return &as[i] })
	if err != nil {
		return err
	}
	return s.write(ctx, projectID, func(tx *sql.Tx) error {
		stored, err := s.storedElements(ctx, tx, projectID, codes)
		if err != nil {
			return err
		}
		batch := make(map[string]struct{}, len(as))
		for i := range as {
			a := &as[i]
			if a.ID == "" {
				return lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("actual cost %d", i), "id", "is empty")
			}
			if _, dup := batch[a.ID]; dup {
				return lanyan.Errorf(lanyan.CodeInvalid, costActualRecord(a.ID), "id", "appears more than once in the batch")
			}
			batch[a.ID] = struct{}{}
			if _, ok := stored[a.Code]; !ok {
				return lanyan.Errorf(lanyan.CodeNotFound, costActualRecord(a.ID), "code", "unknown element %q", a.Code)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return bulkPut(ctx, s.dialect(), tx, costActualsTable, len(as), func(i int, args []any) []any {
			return append(args, s.tenant, projectID, as[i].ID, as[i].Code, docs[i])
		})
	})
}

// GetActual returns an actual cost of a project.
func (s *CostStore) GetActual(ctx context.Context, projectID, id string) (cost.StoredActual, error) {
	var a cost.StoredActual
	err := s.read(ctx, projectID, func(tx *sql.Tx) error {
		var doc string
		err := tx.QueryRowContext(ctx, s.q(`SELECT doc FROM cost_actuals WHERE tenant = ? AND project = ? AND id = ?`), s.tenant, projectID, id).Scan(&doc)
		if errors.Is(err, sql.ErrNoRows) {
			return lanyan.Errorf(lanyan.CodeNotFound, costActualRecord(id), "", "no such actual cost in %s", costProjectRecord(projectID))
		}
		if err != nil {
			return err
		}
		return decodeDoc(doc, &a)
	})
	return a, err
}

// ListActuals returns a page of the actual costs of a project, ordered by id.
func (s *CostStore) ListActuals(ctx context.Context, projectID string, page schedule.Page) ([]cost.StoredActual, error) {
	if err := page.Check(ctx); err != nil {
		return nil, err
	}
	var out []cost.StoredActual
	err := s.read(ctx, projectID, func(tx *sql.Tx) error {
		var err error
		out, err = s.actuals(ctx, tx, projectID, page)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *CostStore) actuals(ctx context.Context, q queryer, projectID string, page schedule.Page) ([]cost.StoredActual, error) {
	query, args := pageQuery(`SELECT doc FROM cost_actuals WHERE tenant = ? AND project = ? AND id > ? ORDER BY id`, page, s.tenant, projectID, page.After)
	return listDocs[cost.StoredActual](ctx, q, s.q(query), args)
}

// DeleteActuals deletes the actual costs with the given ids.
func (s *CostStore) DeleteActuals(ctx context.Context, projectID string, ids []string) error {
	return s.write(ctx, projectID, func(tx *sql.Tx) error {
		return bulkExecIn(ctx, s.dialect(), tx, `DELETE FROM cost_actuals WHERE tenant = ? AND project = ? AND id %s`,
			[]any{s.tenant, projectID}, distinct(ids))
	})
}

// LoadBreakdown returns a project's breakdown.
func (s *CostStore) LoadBreakdown(ctx context.Context, projectID string) (*cost.Breakdown, error) {
	var b *cost.Breakdown
	err := s.r.read(ctx, func(tx *sql.Tx) error {
		p, err := s.loadProject(ctx, tx, projectID)
		if err != nil {
			return err
		}
		b, err = s.breakdown(ctx, tx, p)
		return err
	})
	if err != nil {
		return nil, s.r.d.wrap(ctx, err)
	}
	return b, nil
}

func (s *CostStore) breakdown(ctx context.Context, q queryer, p cost.Project) (*cost.Breakdown, error) {
	es, err := s.elements(ctx, q, p.ID, schedule.Page{})
	if err != nil {
		return nil, err
	}
	return &cost.Breakdown{Elements: es, UndistributedBudget: p.UndistributedBudget, ManagementReserve: p.ManagementReserve}, nil
}

// LoadAnalysisInput returns what cost.Analyze needs from the store, read from
// one consistent state.
func (s *CostStore) LoadAnalysisInput(ctx context.Context, projectID string) (cost.AnalysisInput, error) {
	var in cost.AnalysisInput
	err := s.r.read(ctx, func(tx *sql.Tx) error {
		p, err := s.loadProject(ctx, tx, projectID)
		if err != nil {
			return err
		}
		bl, err := s.baseline(ctx, tx, projectID, p.Baseline)
		if err != nil {
			return err
		}
		in.Baseline = &bl
		if in.Breakdown, err = s.breakdown(ctx, tx, p); err != nil {
			return err
		}
		if in.Progress, err = s.progress(ctx, tx, projectID); err != nil {
			return err
		}
		as, err := s.actuals(ctx, tx, projectID, schedule.Page{})
		if err != nil {
			return err
		}
		in.Actuals = make([]cost.ActualCost, len(as))
		for i := range as {
			in.Actuals[i] = as[i].ActualCost
		}
		return nil
	})
	if err != nil {
		return cost.AnalysisInput{}, s.r.d.wrap(ctx, err)
	}
	return in, nil
}
