-- Scheduling data (schedule.Store), per tenant. Each record is one JSON
-- document (encoding/json of the schedule type) beside the columns it is
-- keyed, ordered and checked by. Text compares byte by byte (BINARY), as
-- schedule.Store orders ids. There are no foreign keys, which
-- would cost a check for every row written: the store checks a record's
-- project in the transaction that writes it, and deletes a project's rows
-- with it.
CREATE TABLE schedule_projects (
	tenant  TEXT NOT NULL,
	id      TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, id)
) WITHOUT ROWID;

CREATE TABLE schedule_calendars (
	tenant  TEXT NOT NULL,
	project TEXT NOT NULL,
	id      TEXT NOT NULL,
	base    TEXT NOT NULL, -- '' when none
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, project, id)
);

CREATE TABLE schedule_activities (
	tenant   TEXT NOT NULL,
	project  TEXT NOT NULL,
	id       TEXT NOT NULL,
	parent   TEXT NOT NULL, -- '' when none
	calendar TEXT NOT NULL, -- '' for the project's default
	doc      TEXT NOT NULL,
	PRIMARY KEY (tenant, project, id)
) WITHOUT ROWID;
-- Children of a parent, for deletes; most activities have none.
CREATE INDEX schedule_activities_parent ON schedule_activities (tenant, project, parent) WHERE parent <> '';

CREATE TABLE schedule_links (
	tenant  TEXT NOT NULL,
	project TEXT NOT NULL,
	pred    TEXT NOT NULL,
	succ    TEXT NOT NULL,
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, project, pred, succ)
) WITHOUT ROWID;
-- Links into an activity, for deleting activities.
CREATE INDEX schedule_links_succ ON schedule_links (tenant, project, succ);

CREATE TABLE schedule_results (
	tenant  TEXT NOT NULL,
	project TEXT NOT NULL,
	doc     TEXT NOT NULL,
	PRIMARY KEY (tenant, project)
);
