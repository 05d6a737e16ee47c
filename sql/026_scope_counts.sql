-- 026_scope_counts: a province's or a district's report from counters, as
-- the nation's: for each unit below a root and above the grassroots level
-- (sk_scope_holds), the counting initiatives of every unit at or below it,
-- per phase of the current campaign (0: counting, in none of its phases),
-- facet and key (sk_report_keys).  Per phase, not per day applied: a scope
-- holds a few hundred rows however many initiatives it has (per day they
-- would be nearly a row per initiative and facet).  The report fold adds
-- the same deltas it adds to unit_counts, for the campaign
-- unit_counts_basis names (counted again with unit_counts when that
-- changes); a unit moved in the tree moves its share (sk_scope_counts_moved).
CREATE TABLE scope_counts (
	unit_id     bigint NOT NULL,
	phase_id    int NOT NULL, -- 0: applied on a day of no phase
	facet       "char" NOT NULL,
	key         text NOT NULL,
	submitted   bigint NOT NULL,
	recognized  bigint NOT NULL,
	PRIMARY KEY (unit_id, phase_id, facet, key)
) WITH (fillfactor = 50); -- a fold's updates stay HOT, as unit_counts'
-- Counted by the next fold, with the units' counters.
UPDATE unit_counts_basis SET campaign_id = NULL;
