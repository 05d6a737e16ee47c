-- Figures of the given units for a campaign, one row per unit: campaign
-- quota, counting initiatives, recognized ones, and per phase (in
-- sk_campaign_phases order) the unit's target and counts.  Counted from the
-- units' counters, which carry the targets too (sql/028), and their deltas
-- still waiting (sql/023) when those count
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
		SELECT g.id AS unit_id, uc.phase_id, uc.submitted, uc.recognized, uc.target
		FROM g CROSS JOIN LATERAL (
			SELECT uc.phase_id, uc.submitted, uc.recognized, uc.target FROM unit_counts uc
			WHERE uc.unit_id = g.id OFFSET 0) uc
		WHERE (SELECT c.counters FROM c)
		UNION ALL
		SELECT d.unit_id, coalesce(ph.id, 0), d.submitted, d.recognized, 0
		FROM report_deltas d CROSS JOIN c
		LEFT JOIN ph ON d.applied_on BETWEEN ph.starts_on AND ph.ends_on
		WHERE (SELECT c.counters FROM c) AND d.unit_id IN (SELECT g.id FROM g)
		  AND d.applied_on >= c.counts_from
		UNION ALL
		SELECT i.unit_id, coalesce(ph.id, 0), 1, sk_is_recognized(i.status)::int, 0
		FROM g JOIN initiatives i ON i.unit_id = g.id
		CROSS JOIN c
		LEFT JOIN ph ON i.applied_on BETWEEN ph.starts_on AND ph.ends_on
		WHERE NOT (SELECT c.counters FROM c)
		  AND i.applied_on >= c.counts_from AND i.status <> 'withdrawn'
		-- Without the counters (which carry them, sql/028) the quota (in
		-- phase 0) and the phase targets by their keys.
		UNION ALL
		SELECT g.id, 0, 0, 0, q.quota
		FROM g CROSS JOIN LATERAL (
			SELECT q.quota FROM quotas q
			WHERE q.unit_id = g.id AND q.campaign_id = p_campaign OFFSET 0) q
		WHERE NOT (SELECT c.counters FROM c)
		UNION ALL
		SELECT g.id, ph.id, 0, 0, t.target
		FROM g CROSS JOIN ph CROSS JOIN LATERAL (
			SELECT t.target FROM phase_targets t
			WHERE t.unit_id = g.id AND t.phase_id = ph.id OFFSET 0) t
		WHERE NOT (SELECT c.counters FROM c)),
	-- Every unit in every phase and in none (so that each unit and phase
	-- comes, with zeros), beside the facts: summed, never joined, so no
	-- guess of how many units there are makes the work grow with its square.
	cells AS (
		SELECT g.id AS unit_id, coalesce(ph.id, 0) AS phase_id, ph.n, g.code, g.name,
		       0::bigint AS submitted, 0::bigint AS recognized, 0 AS target
		FROM g CROSS JOIN (SELECT ph.id, ph.n FROM ph UNION ALL SELECT NULL, NULL) ph
		UNION ALL
		SELECT f.unit_id, f.phase_id, NULL, NULL, NULL, f.submitted, f.recognized, f.target
		FROM facts f),
	per AS (
		SELECT x.unit_id, x.phase_id, max(x.n) AS n, max(x.code) AS code, max(x.name) AS name,
		       sum(x.submitted)::bigint AS submitted, sum(x.recognized)::bigint AS recognized,
		       sum(x.target)::int AS target
		FROM cells x GROUP BY x.unit_id, x.phase_id)
	SELECT per.unit_id, max(per.code), max(per.name),
	       coalesce(sum(per.target) FILTER (WHERE per.phase_id = 0), 0)::int,
	       sum(per.submitted)::bigint, sum(per.recognized)::bigint,
	       coalesce(array_agg(per.target ORDER BY per.n) FILTER (WHERE per.phase_id <> 0), '{}'),
	       coalesce(array_agg(per.submitted ORDER BY per.n) FILTER (WHERE per.phase_id <> 0), '{}'),
	       coalesce(array_agg(per.recognized ORDER BY per.n) FILTER (WHERE per.phase_id <> 0), '{}')
	FROM per
	-- Facts of a unit not asked for cannot come (every branch starts from g).
	GROUP BY per.unit_id
	ORDER BY 2
$$;
