-- Figures of the given units for a campaign, one row per unit: campaign
-- quota, counting initiatives, recognized ones, and per phase (in
-- sk_campaign_phases order) the unit's target and counts.
CREATE OR REPLACE FUNCTION sk_units_figures(p_units bigint[], p_campaign int)
RETURNS TABLE (unit_id bigint, code text, name text, quota int, submitted bigint,
	       recognized bigint, phase_targets int[], phase_submitted bigint[],
	       phase_recognized bigint[])
LANGUAGE sql STABLE AS $$
	WITH c AS (SELECT k.counts_from FROM campaigns k WHERE k.id = p_campaign),
	g AS (SELECT DISTINCT x.id FROM unnest(p_units) AS x(id)),
	ph AS (SELECT * FROM sk_campaign_phases(p_campaign)),
	per AS (
		SELECT i.unit_id, ph.id AS phase_id, count(*) AS submitted,
		       count(*) FILTER (WHERE sk_is_recognized(i.status)) AS recognized
		FROM g JOIN initiatives i ON i.unit_id = g.id
		CROSS JOIN c
		LEFT JOIN ph ON i.applied_on BETWEEN ph.starts_on AND ph.ends_on
		WHERE i.applied_on >= c.counts_from AND i.status <> 'withdrawn'
		GROUP BY i.unit_id, ph.id),
	tot AS (
		SELECT per.unit_id, sum(per.submitted) AS submitted,
		       sum(per.recognized) AS recognized
		FROM per GROUP BY per.unit_id),
	grid AS (
		SELECT g.id AS unit_id,
		       array_agg(coalesce(pt.target, 0) ORDER BY ph.n) AS targets,
		       array_agg(coalesce(per.submitted, 0) ORDER BY ph.n) AS submitted,
		       array_agg(coalesce(per.recognized, 0) ORDER BY ph.n) AS recognized
		FROM g CROSS JOIN ph
		LEFT JOIN phase_targets pt ON pt.unit_id = g.id AND pt.phase_id = ph.id
		LEFT JOIN per ON per.unit_id = g.id AND per.phase_id = ph.id
		GROUP BY g.id)
	SELECT u.id, u.code, u.name, coalesce(q.quota, 0),
	       coalesce(tot.submitted, 0)::bigint, coalesce(tot.recognized, 0)::bigint,
	       coalesce(grid.targets, '{}'), coalesce(grid.submitted, '{}'),
	       coalesce(grid.recognized, '{}')
	FROM g JOIN units u ON u.id = g.id
	LEFT JOIN quotas q ON q.unit_id = u.id AND q.campaign_id = p_campaign
	LEFT JOIN tot ON tot.unit_id = u.id
	LEFT JOIN grid ON grid.unit_id = u.id
	ORDER BY u.code
$$;
