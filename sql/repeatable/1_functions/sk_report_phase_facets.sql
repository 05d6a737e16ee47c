-- Every counting facet row of a report's scope unit p_unit per phase of
-- p_campaign (0: none) from its start, not summed (callers group).
-- p_units: the scope's units; NULL for a root, whose figures come from its
-- counters (sk_report_facets, per day).  A unit that keeps scope counters
-- (sk_scope_holds), when they count for p_campaign and it has at least
-- sk_units_counted_from units, reads them and its units' deltas still
-- waiting (sql/026); any other scope counts its units' initiatives by the
-- counting index.  One snapshot, so the sums are exact.
CREATE OR REPLACE FUNCTION sk_report_phase_facets(p_unit bigint, p_units bigint[], p_campaign int)
RETURNS TABLE (phase_id int, facet "char", key text, submitted bigint, recognized bigint)
LANGUAGE sql STABLE AS $$
	WITH c AS (
		SELECT k.counts_from,
		       cardinality(p_units) >= sk_units_counted_from()
		       AND EXISTS (SELECT 1 FROM unit_counts_basis b WHERE b.campaign_id = k.id)
		       AND EXISTS (SELECT 1 FROM units u
				   WHERE u.id = p_unit AND sk_scope_holds(u.level, u.parent_id))
		       AS counters
		FROM campaigns k WHERE k.id = p_campaign),
	-- The one-time filters run the branches of one source.
	days AS (
		SELECT f.* FROM sk_report_facets(p_unit, p_units) f
		WHERE NOT (SELECT c.counters FROM c)
		  AND f.applied_on >= (SELECT c.counts_from FROM c))
	SELECT s.phase_id, s.facet, s.key, s.submitted, s.recognized
	FROM scope_counts s WHERE (SELECT c.counters FROM c) AND s.unit_id = p_unit
	UNION ALL
	SELECT * FROM sk_scope_phased(p_units, p_campaign, false, 1) WHERE (SELECT c.counters FROM c)
	UNION ALL
	SELECT coalesce(p.id, 0), d.facet, d.key, d.submitted, d.recognized
	FROM days d
	LEFT JOIN phases p ON p.campaign_id = p_campaign
			  AND d.applied_on BETWEEN p.starts_on AND p.ends_on
$$;
