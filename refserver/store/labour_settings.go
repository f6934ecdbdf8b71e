package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/lanyan-dev/lanyan"
)

// AnyVersion, given to PutLabourSettings as ifVersion, writes whatever
// version is stored.
const AnyVersion int64 = -1

// LabourSettings returns a tenant's labour settings document (rates, overtime
// rules, pay settings) and its version: 1 when first stored, one more on every
// change. A tenant that has stored none gets a nil document and version 0.
// The store keeps the document as given; the server gives it its meaning.
func (d *DB) LabourSettings(ctx context.Context, tenant string) ([]byte, int64, error) {
	return labourSettings(ctx, runner{d: d}, tenant)
}

// PutLabourSettings stores a tenant's labour settings document if the stored
// version is still ifVersion (0: none is stored), or whatever is stored when
// ifVersion is AnyVersion, and returns the new version. A stale ifVersion fails
// with lanyan.ErrConflict. The tenant must exist.
func (d *DB) PutLabourSettings(ctx context.Context, tenant string, doc []byte, ifVersion int64) (int64, error) {
	return putLabourSettings(ctx, runner{d: d}, tenant, doc, ifVersion)
}

// LabourSettings is [DB.LabourSettings] in the transaction.
func (t *Tx) LabourSettings(ctx context.Context, tenant string) ([]byte, int64, error) {
	return labourSettings(ctx, runner{d: t.d, tx: t.tx}, tenant)
}

// PutLabourSettings is [DB.PutLabourSettings] in the transaction.
func (t *Tx) PutLabourSettings(ctx context.Context, tenant string, doc []byte, ifVersion int64) (int64, error) {
	return putLabourSettings(ctx, runner{d: t.d, tx: t.tx}, tenant, doc, ifVersion)
}

func labourSettings(ctx context.Context, r runner, tenant string) ([]byte, int64, error) {
	var doc string
	var version int64
	err := r.one().QueryRowContext(ctx, r.d.q(`SELECT version, doc FROM labour_settings WHERE tenant = ?`), tenant).Scan(&version, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, r.d.wrap(ctx, err)
	}
	return []byte(doc), version, nil
}

func putLabourSettings(ctx context.Context, r runner, tenant string, doc []byte, ifVersion int64) (int64, error) {
	const rec = "labour settings"
	if len(doc) == 0 {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, "doc", "is empty")
	}
	if ifVersion < AnyVersion {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, rec, "version", "%d is not a version", ifVersion)
	}
	var next int64
	err := r.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, r.d.q(`SELECT COUNT(*) FROM tenants WHERE id = ?`), tenant).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return lanyan.Errorf(lanyan.CodeNotFound, fmt.Sprintf("tenant %q", tenant), "", "does not exist")
		}
		var cur int64
		err := tx.QueryRowContext(ctx, r.d.q(`SELECT version FROM labour_settings WHERE tenant = ?`), tenant).Scan(&cur)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if ifVersion != AnyVersion && ifVersion != cur {
			return lanyan.Errorf(lanyan.CodeConflict, rec, "version", "is %d, not %d: the settings changed since they were read", cur, ifVersion)
		}
		next = cur + 1
		var res sql.Result
		if cur == 0 {
			// A concurrent first write inserts nothing here and is refused below.
			res, err = tx.ExecContext(ctx, r.d.q(`INSERT INTO labour_settings (tenant, version, doc) VALUES (?, ?, ?) ON CONFLICT (tenant) DO NOTHING`), tenant, next, string(doc))
		} else {
			res, err = tx.ExecContext(ctx, r.d.q(`UPDATE labour_settings SET version = ?, doc = ? WHERE tenant = ? AND version = ?`), next, string(doc), tenant, cur)
		}
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return lanyan.Errorf(lanyan.CodeConflict, rec, "version", "the settings changed while they were written")
		}
		return nil
	})
	if err != nil {
		return 0, r.d.wrap(ctx, err)
	}
	return next, nil
}
