-- Scheduling data (schedule.Store), per tenant. Each record is one JSON
-- document (encoding/json of the schedule type) beside the columns it is
-- keyed, ordered and checked by. Keys use COLLATE "C", so that they compare
-- byte by byte, as schedule.Store orders ids. There are no foreign keys,
-- which would cost a check for every row written: the store checks a
-- record's project in the transaction that writes it, and deletes a
-- project's rows with it.
CREATE TABLE schedule_projects (
	tenant  TEXT COLLATE "C" NOT NULL,
	id      TEXT COLLATE "C" NOT NULL,
	version BIGINT NOT NULL,
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, id)
);

CREATE TABLE schedule_calendars (
	tenant  TEXT COLLATE "C" NOT NULL,
	project TEXT COLLATE "C" NOT NULL,
	id      TEXT COLLATE "C" NOT NULL,
	base    TEXT COLLATE "C" NOT NULL, -- '' when none
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, project, id)
);

CREATE TABLE schedule_activities (
	tenant   TEXT COLLATE "C" NOT NULL,
	project  TEXT COLLATE "C" NOT NULL,
	id       TEXT COLLATE "C" NOT NULL,
	parent   TEXT COLLATE "C" NOT NULL, -- '' when none
	calendar TEXT COLLATE "C" NOT NULL, -- '' for the project's default
	doc      TEXT NOT NULL,
	PRIMARY KEY (tenant, project, id)
);
-- Children of a parent, for deletes; most activities have none.
CREATE INDEX schedule_activities_parent ON schedule_activities (tenant, project, parent) WHERE parent <> '';

CREATE TABLE schedule_links (
	tenant  TEXT COLLATE "C" NOT NULL,
	project TEXT COLLATE "C" NOT NULL,
	pred    TEXT COLLATE "C" NOT NULL,
	succ    TEXT COLLATE "C" NOT NULL,
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, project, pred, succ)
);
-- Links into an activity, for deleting activities.
CREATE INDEX schedule_links_succ ON schedule_links (tenant, project, succ);

CREATE TABLE schedule_results (
	tenant  TEXT COLLATE "C" NOT NULL,
	project TEXT COLLATE "C" NOT NULL,
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, project)
);
