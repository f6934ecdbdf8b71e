-- Day-work slips (labour.Store): per tenant, each slip as a JSON document
-- with the columns ListSlips filters by, each indexed together with the id so
-- that a filtered page is read in id order and stops at its limit. The date
-- is kept as its day number (date.Date), the version for optimistic updates.
CREATE TABLE labour_slips (
	tenant        TEXT NOT NULL,
	id            TEXT NOT NULL,
	project       TEXT NOT NULL,
	team          TEXT NOT NULL,
	subcontractor TEXT NOT NULL,
	worker        TEXT NOT NULL,
	trade         TEXT NOT NULL,
	cost_code     TEXT NOT NULL,
	status        TEXT NOT NULL,
	day           INTEGER NOT NULL,
	version       INTEGER NOT NULL,
	doc           TEXT NOT NULL,
	PRIMARY KEY (tenant, id)
);
CREATE INDEX labour_slips_project ON labour_slips (tenant, project, id);
CREATE INDEX labour_slips_team ON labour_slips (tenant, team, id);
CREATE INDEX labour_slips_subcontractor ON labour_slips (tenant, subcontractor, id);
CREATE INDEX labour_slips_worker ON labour_slips (tenant, worker, id);
CREATE INDEX labour_slips_trade ON labour_slips (tenant, trade, id);
CREATE INDEX labour_slips_cost_code ON labour_slips (tenant, cost_code, id);
CREATE INDEX labour_slips_status ON labour_slips (tenant, status, id);
CREATE INDEX labour_slips_day ON labour_slips (tenant, day, id);
