-- 014_report_counts: the figures of national reports kept as counters, so
-- they no longer read every initiative.  A change of initiatives adds rows
-- to report_deltas in its own transaction (statement triggers, one row per
-- unit and counting key of the statement); sangkiend folds them into
-- report_counts about every second (sk_report_fold): one row per root of
-- the tree (the national unit), facet and counting key, for the
-- initiatives of the units below it.  A national report reads the counters,
-- the deltas not folded yet and the root's own initiatives, all in one
-- snapshot: the figures stay exact.  Counters of every level would cost
-- each initiative more WAL than the rest of its storing; a province's or a
-- district's figures are counted from its initiatives, by index.
-- report_deltas is a queue emptied every second: vacuumed by row count.
CREATE TABLE report_deltas (
	unit_id     bigint NOT NULL,
	applied_on  date NOT NULL,
	kind        text NOT NULL,
	theme       text NOT NULL, -- '' for none
	week        date NOT NULL, -- Monday of the week received, Vietnam's time
	submitted   bigint NOT NULL,
	recognized  bigint NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
	autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 10000);
-- facet 'k': key = kind, 't': theme, 'w': the week received (YYYY-MM-DD).
CREATE TABLE report_counts (
	unit_id     bigint NOT NULL,
	facet       "char" NOT NULL CHECK (facet IN ('k', 't', 'w')),
	applied_on  date NOT NULL,
	key         text NOT NULL,
	submitted   bigint NOT NULL,
	recognized  bigint NOT NULL,
	PRIMARY KEY (unit_id, facet, applied_on, key)
) WITH (fillfactor = 50); -- room on each page: a fold's updates stay HOT, no index entry
-- Walking a scope's tree down to the grassroots level without visiting
-- each grassroots unit, and counting those below a unit from the index.
CREATE INDEX units_parent_inner_idx ON units (parent_id) WHERE level <> 'grassroots';
CREATE INDEX units_parent_grassroots_idx ON units (parent_id) WHERE level = 'grassroots';
-- A province's or a district's figures counted from the index alone
-- (kind, theme and when received beside the unit, date and status).
CREATE INDEX initiatives_unit_counting_idx ON initiatives (unit_id, applied_on, status)
	INCLUDE (kind, theme, received_at);
DROP INDEX initiatives_unit_applied_idx;
-- What is stored already, as deltas the first fold takes.
INSERT INTO report_deltas (unit_id, applied_on, kind, theme, week, submitted, recognized)
SELECT i.unit_id, i.applied_on, i.kind, coalesce(i.theme, ''),
       date_trunc('week', i.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, count(*),
       count(*) FILTER (WHERE i.status IN ('recognized', 'rewarded'))
FROM initiatives i WHERE i.status <> 'withdrawn'
GROUP BY 1, 2, 3, 4, 5;
