-- Tenants, their API keys (only hashes are kept) and idempotency records.
CREATE TABLE tenants (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	operator   INTEGER NOT NULL DEFAULT 0, -- 1: its admins may create tenants
	created_at TEXT NOT NULL
);

CREATE TABLE api_keys (
	id         TEXT PRIMARY KEY,
	tenant     TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL,
	hash       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	revoked_at TEXT
);
CREATE INDEX api_keys_tenant ON api_keys (tenant, id);

CREATE TABLE idempotency (
	tenant     TEXT NOT NULL,
	key        TEXT NOT NULL,
	request    TEXT NOT NULL,
	status     INTEGER NOT NULL,
	headers    TEXT NOT NULL,
	body       BLOB NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (tenant, key)
);
