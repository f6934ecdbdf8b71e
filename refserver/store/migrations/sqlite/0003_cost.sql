-- Cost data (cost.Store): per tenant, projects with their breakdown elements,
-- baselines, progress records and actual costs. Each row keeps the record as a
-- JSON document beside the key, ordering and reference columns. Text compares
-- byte by byte (SQLite's BINARY collation), so lists come in byte order.
CREATE TABLE cost_projects (
	tenant  TEXT NOT NULL,
	id      TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, id)
);

CREATE TABLE cost_elements (
	tenant  TEXT NOT NULL,
	project TEXT NOT NULL,
	id      TEXT NOT NULL,
	parent  TEXT NOT NULL,
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, project, id),
	FOREIGN KEY (tenant, project) REFERENCES cost_projects (tenant, id) ON DELETE CASCADE
);
CREATE INDEX cost_elements_parent ON cost_elements (tenant, project, parent);

CREATE TABLE cost_baselines (
	tenant  TEXT NOT NULL,
	project TEXT NOT NULL,
	number  INTEGER NOT NULL,
	name    TEXT NOT NULL,
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, project, number),
	FOREIGN KEY (tenant, project) REFERENCES cost_projects (tenant, id) ON DELETE CASCADE
);

CREATE TABLE cost_progress (
	tenant  TEXT NOT NULL,
	project TEXT NOT NULL,
	package TEXT NOT NULL,
	day     INTEGER NOT NULL,
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, project, package, day),
	FOREIGN KEY (tenant, project, package) REFERENCES cost_elements (tenant, project, id) ON DELETE CASCADE
);

CREATE TABLE cost_actuals (
	tenant  TEXT NOT NULL,
	project TEXT NOT NULL,
	id      TEXT NOT NULL,
	code    TEXT NOT NULL,
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, project, id),
	FOREIGN KEY (tenant, project) REFERENCES cost_projects (tenant, id) ON DELETE CASCADE
);
CREATE INDEX cost_actuals_code ON cost_actuals (tenant, project, code);
