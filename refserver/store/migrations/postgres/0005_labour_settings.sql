-- Labour settings: per tenant, one JSON document with its rate table, overtime
-- rule set, day calendar and pay settings (the API's LabourSettings body), and
-- a version for optimistic updates. A tenant without a row has the defaults.
CREATE TABLE labour_settings (
	tenant  TEXT COLLATE "C" PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
	version BIGINT NOT NULL,
	doc     TEXT NOT NULL
);
