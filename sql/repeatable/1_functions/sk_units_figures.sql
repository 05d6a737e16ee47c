-- Figures of the given units for a campaign, one row per unit: campaign
-- quota, counting initiatives, recognized ones, and per phase (in
-- sk_campaign_phases order) the unit's target and counts.  Counted from the
-- units' counters and their deltas still waiting (sql/023) when those count
-- for this campaign and at least sk_units_counted_from units are asked (for
-- fewer, counting their initiatives by index costs less than reading the
-- queue of deltas); else from their initiatives.  Both give the same.
-- Everything of a unit is looked up by its key, whatever the planner
-- guesses of caches: a page's thousand units cost the same in a nation of
-- 130,000 units as in a district.
CREATE OR REPLACE FUNCTION sk_units_figures(p_units bigint[], p_campaign int)
RETURNS TABLE (unit_id bigint, code text, name text, quota int, submitted bigint,
	       recognized bigint, phase_targets int[], phase_submitted bigint[],
	       phase_recognized bigint[])
LANGUAGE sql STABLE AS $$
	-- The units by their key: a unit named twice comes once, and the
	-- planner knows how many there are.
	WITH g AS (SELECT u.id, u.code, u.name FROM units u WHERE u.id = ANY (p_units)),
	c AS (
		SELECT k.counts_from,
		       cardinality(p_units) >= sk_units_counted_from()
		       AND EXISTS (SELECT 1 FROM unit_counts_basis b WHERE b.campaign_id = k.id)
		       AS counters
		FROM campaigns k WHERE k.id = p_campaign),
	ph AS (SELECT * FROM sk_campaign_phases(p_campaign)),
	-- Per unit and phase (0: none); the one-time filters run one branch
	-- (OFFSET 0: each unit's counters by their key; the planner would
	-- read them all for a province's units, costing pages it has in memory
	-- as if read from disk).
	facts AS (
		SELECT g.id AS unit_id, uc.phase_id, uc.submitted, uc.recognized
		FROM g CROSS JOIN LATERAL (
			SELECT uc.phase_id, uc.submitted, uc.recognized FROM unit_counts uc
			WHERE uc.unit_id = g.id OFFSET 0) uc
		WHERE (SELECT c.counters FROM c)
		UNION ALL
		SELECT d.unit_id, coalesce(ph.id, 0), d.submitted, d.recognized
		FROM report_deltas d CROSS JOIN c
		LEFT JOIN ph ON d.applied_on BETWEEN ph.starts_on AND ph.ends_on
		WHERE (SELECT c.counters FROM c) AND d.unit_id IN (SELECT g.id FROM g)
		  AND d.applied_on >= c.counts_from
		UNION ALL
		SELECT i.unit_id, coalesce(ph.id, 0), 1, sk_is_recognized(i.status)::int
		FROM g JOIN initiatives i ON i.unit_id = g.id
		CROSS JOIN c
		LEFT JOIN ph ON i.applied_on BETWEEN ph.starts_on AND ph.ends_on
		WHERE NOT (SELECT c.counters FROM c)
		  AND i.applied_on >= c.counts_from AND i.status <> 'withdrawn'),
	per AS (
		SELECT f.unit_id, f.phase_id, sum(f.submitted)::bigint AS submitted,
		       sum(f.recognized)::bigint AS recognized
		FROM facts f GROUP BY f.unit_id, f.phase_id),
	tot AS (
		SELECT per.unit_id, sum(per.submitted)::bigint AS submitted,
		       sum(per.recognized)::bigint AS recognized
		FROM per GROUP BY per.unit_id),
	grid AS (
		SELECT g.id AS unit_id,
		       array_agg(coalesce((SELECT pt.target FROM phase_targets pt
					   WHERE pt.unit_id = g.id AND pt.phase_id = ph.id), 0)
				 ORDER BY ph.n) AS targets,
		       array_agg(coalesce(per.submitted, 0) ORDER BY ph.n) AS submitted,
		       array_agg(coalesce(per.recognized, 0) ORDER BY ph.n) AS recognized
		FROM g CROSS JOIN ph
		LEFT JOIN per ON per.unit_id = g.id AND per.phase_id = ph.id
		GROUP BY g.id)
	SELECT g.id, g.code, g.name,
	       coalesce((SELECT q.quota FROM quotas q
			 WHERE q.unit_id = g.id AND q.campaign_id = p_campaign), 0),
	       coalesce(tot.submitted, 0), coalesce(tot.recognized, 0),
	       coalesce(grid.targets, '{}'), coalesce(grid.submitted, '{}'),
	       coalesce(grid.recognized, '{}')
	FROM g
	LEFT JOIN tot ON tot.unit_id = g.id
	LEFT JOIN grid ON grid.unit_id = g.id
	ORDER BY g.code
$$;
