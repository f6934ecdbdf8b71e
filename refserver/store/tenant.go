package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/lanyan-dev/lanyan"
)

// Tenant is an organisation using the server: every project, slip and key
// belongs to one.
type Tenant struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Operator tenants' admins may create other tenants; the first tenant of
	// a server is one.
	Operator  bool      `json:"operator"`
	CreatedAt time.Time `json:"createdAt"`
}

// Role is what an API key may do within its tenant.
type Role string

// The roles, each allowed what the one before it may do and more.
const (
	RoleViewer Role = "viewer" // reads
	RoleEditor Role = "editor" // reads and writes data
	RoleAdmin  Role = "admin"  // also mints and revokes keys
)

// Allows reports whether a key of role r may act as role need.
func (r Role) Allows(need Role) bool { return r.rank() >= need.rank() && need.rank() > 0 }

func (r Role) rank() int {
	switch r {
	case RoleViewer:
		return 1
	case RoleEditor:
		return 2
	case RoleAdmin:
		return 3
	}
	return 0
}

// Key is an API key as stored: its secret is not kept, only a hash of it.
type Key struct {
	ID        string     `json:"id"`
	Tenant    string     `json:"tenant"`
	Name      string     `json:"name"`
	Role      Role       `json:"role"`
	CreatedAt time.Time  `json:"createdAt"`
	RevokedAt *time.Time `json:"revokedAt,omitempty"`
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// CreateTenant stores a new tenant. Its id is 1 to 64 letters, digits, '_',
// '.' or '-', starting with a letter or digit.
func (d *DB) CreateTenant(ctx context.Context, id, name string) (Tenant, error) {
	return d.createTenant(ctx, id, name, false)
}

// CreateOperator stores a new operator tenant, as CreateTenant does.
func (d *DB) CreateOperator(ctx context.Context, id, name string) (Tenant, error) {
	return d.createTenant(ctx, id, name, true)
}

func (d *DB) createTenant(ctx context.Context, id, name string, operator bool) (Tenant, error) {
	rec := fmt.Sprintf("tenant %q", id)
	if !idPattern.MatchString(id) {
		return Tenant{}, lanyan.Errorf(lanyan.CodeInvalid, rec, "id", "must be 1 to 64 letters, digits, '_', '.' or '-'")
	}
	t := Tenant{ID: id, Name: name, Operator: operator, CreatedAt: time.Now().UTC().Truncate(time.Second)}
	err := d.inTx(ctx, false, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, d.q(`SELECT COUNT(*) FROM tenants WHERE id = ?`), id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return lanyan.Errorf(lanyan.CodeConflict, rec, "id", "already exists")
		}
		_, err := tx.ExecContext(ctx, d.q(`INSERT INTO tenants (id, name, operator, created_at) VALUES (?, ?, ?, ?)`), id, name, boolInt(operator), t.CreatedAt.Format(time.RFC3339))
		return err
	})
	if err != nil {
		return Tenant{}, d.wrap(ctx, err)
	}
	return t, nil
}

// GetTenant returns a tenant.
func (d *DB) GetTenant(ctx context.Context, id string) (Tenant, error) {
	var t Tenant
	var created string
	var operator int
	err := d.db.QueryRowContext(ctx, d.q(`SELECT id, name, operator, created_at FROM tenants WHERE id = ?`), id).Scan(&t.ID, &t.Name, &operator, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return Tenant{}, lanyan.Errorf(lanyan.CodeNotFound, fmt.Sprintf("tenant %q", id), "", "does not exist")
	}
	if err != nil {
		return Tenant{}, d.wrap(ctx, err)
	}
	t.Operator = operator != 0
	t.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return t, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// CountTenants returns the number of tenants: 0 on a new database.
func (d *DB) CountTenants(ctx context.Context) (int, error) {
	var n int
	if err := d.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM tenants`).Scan(&n); err != nil {
		return 0, d.wrap(ctx, err)
	}
	return n, nil
}

// keyPrefix starts every API key, so that a leaked one is easy to recognise.
const keyPrefix = "lanyan_"

// MintKey creates an API key of a tenant with a role and returns it with its
// secret token, which is shown this once: only its SHA-256 hash is stored.
func (d *DB) MintKey(ctx context.Context, tenant, name string, role Role) (Key, string, error) {
	if role.rank() == 0 {
		return Key{}, "", lanyan.Errorf(lanyan.CodeInvalid, "key", "role", "must be viewer, editor or admin, not %q", role)
	}
	var raw [24]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return Key{}, "", err
	}
	var idRaw [6]byte
	if _, err := rand.Read(idRaw[:]); err != nil {
		return Key{}, "", err
	}
	k := Key{ID: "k" + hex.EncodeToString(idRaw[:]), Tenant: tenant, Name: name, Role: role, CreatedAt: time.Now().UTC().Truncate(time.Second)}
	token := keyPrefix + k.ID + "_" + base64.RawURLEncoding.EncodeToString(raw[:])
	err := d.inTx(ctx, false, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, d.q(`SELECT COUNT(*) FROM tenants WHERE id = ?`), tenant).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return lanyan.Errorf(lanyan.CodeNotFound, fmt.Sprintf("tenant %q", tenant), "", "does not exist")
		}
		_, err := tx.ExecContext(ctx, d.q(`INSERT INTO api_keys (id, tenant, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`),
			k.ID, tenant, name, string(role), hashToken(token), k.CreatedAt.Format(time.RFC3339))
		return err
	})
	if err != nil {
		return Key{}, "", d.wrap(ctx, err)
	}
	return k, token, nil
}

func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// Authenticate returns the key whose token this is, if it exists and has not
// been revoked; otherwise an error with code lanyan.CodeNotFound.
func (d *DB) Authenticate(ctx context.Context, token string) (Key, error) {
	var k Key
	var role, created string
	var revoked sql.NullString
	err := d.db.QueryRowContext(ctx, d.q(`SELECT id, tenant, name, role, created_at, revoked_at FROM api_keys WHERE hash = ?`), hashToken(token)).
		Scan(&k.ID, &k.Tenant, &k.Name, &role, &created, &revoked)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && revoked.Valid) {
		return Key{}, lanyan.Errorf(lanyan.CodeNotFound, "key", "", "unknown or revoked")
	}
	if err != nil {
		return Key{}, d.wrap(ctx, err)
	}
	k.Role = Role(role)
	k.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return k, nil
}

// ListKeys returns a tenant's keys, revoked ones included, ordered by id.
func (d *DB) ListKeys(ctx context.Context, tenant string) ([]Key, error) {
	rows, err := d.db.QueryContext(ctx, d.q(`SELECT id, name, role, created_at, revoked_at FROM api_keys WHERE tenant = ? ORDER BY id`), tenant)
	if err != nil {
		return nil, d.wrap(ctx, err)
	}
	defer rows.Close()
	keys := []Key{}
	for rows.Next() {
		k := Key{Tenant: tenant}
		var role, created string
		var revoked sql.NullString
		if err := rows.Scan(&k.ID, &k.Name, &role, &created, &revoked); err != nil {
			return nil, d.wrap(ctx, err)
		}
		k.Role = Role(role)
		k.CreatedAt, _ = time.Parse(time.RFC3339, created)
		if revoked.Valid {
			t, _ := time.Parse(time.RFC3339, revoked.String)
			k.RevokedAt = &t
		}
		keys = append(keys, k)
	}
	return keys, d.wrap(ctx, rows.Err())
}

// RevokeKey revokes a key of a tenant; revoking it again is no error. A key
// of another tenant is not found.
func (d *DB) RevokeKey(ctx context.Context, tenant, id string) error {
	now := time.Now().UTC().Truncate(time.Second).Format(time.RFC3339)
	res, err := d.db.ExecContext(ctx, d.q(`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE tenant = ? AND id = ?`), now, tenant, id)
	if err != nil {
		return d.wrap(ctx, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return lanyan.Errorf(lanyan.CodeNotFound, fmt.Sprintf("key %q", id), "", "does not exist")
	}
	return nil
}

// Idempotent is a stored response to a request made with an Idempotency-Key.
type Idempotent struct {
	Request string // method, path and a hash of the body
	Status  int
	Headers string // the response headers worth replaying, as JSON
	Body    []byte
}

// GetIdempotent returns the response stored for a tenant's idempotency key,
// and false if there is none (or it is older than maxAge).
func (d *DB) GetIdempotent(ctx context.Context, tenant, key string, maxAge time.Duration) (Idempotent, bool, error) {
	var r Idempotent
	var created string
	err := d.db.QueryRowContext(ctx, d.q(`SELECT request, status, headers, body, created_at FROM idempotency WHERE tenant = ? AND key = ?`), tenant, key).
		Scan(&r.Request, &r.Status, &r.Headers, &r.Body, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return Idempotent{}, false, nil
	}
	if err != nil {
		return Idempotent{}, false, d.wrap(ctx, err)
	}
	if t, err := time.Parse(time.RFC3339, created); err == nil && time.Since(t) > maxAge {
		return Idempotent{}, false, nil
	}
	return r, true, nil
}

// PutIdempotent stores the response to a tenant's idempotency key, replacing
// an expired one.
func (d *DB) PutIdempotent(ctx context.Context, tenant, key string, r Idempotent) error {
	now := time.Now().UTC().Format(time.RFC3339)
	_, err := d.db.ExecContext(ctx, d.q(`INSERT INTO idempotency (tenant, key, request, status, headers, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (tenant, key) DO UPDATE SET request = excluded.request, status = excluded.status, headers = excluded.headers, body = excluded.body, created_at = excluded.created_at`),
		tenant, key, r.Request, r.Status, r.Headers, r.Body, now)
	return d.wrap(ctx, err)
}
