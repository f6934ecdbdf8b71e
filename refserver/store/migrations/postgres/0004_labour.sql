-- Day-work slips (labour.Store): per tenant, each slip as a JSON document
-- with the columns ListSlips filters by, each indexed together with the id so
-- that a filtered page is read in id order and stops at its limit. The date
-- is kept as its day number (date.Date), the version for optimistic updates.
CREATE TABLE labour_slips (
	tenant        TEXT COLLATE "C" NOT NULL,
	id            TEXT COLLATE "C" NOT NULL,
	project       TEXT COLLATE "C" NOT NULL,
	team          TEXT COLLATE "C" NOT NULL,
	subcontractor TEXT COLLATE "C" NOT NULL,
	worker        TEXT COLLATE "C" NOT NULL,
	trade         TEXT COLLATE "C" NOT NULL,
	cost_code     TEXT COLLATE "C" NOT NULL,
	status        TEXT COLLATE "C" NOT NULL,
	day           BIGINT NOT NULL,
	version       BIGINT NOT NULL,
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
