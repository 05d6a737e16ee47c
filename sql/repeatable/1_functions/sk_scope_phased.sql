-- The counting facets of the given units per phase of p_campaign (0: none),
-- from its start, as scope_counts holds them: counted from the units'
-- initiatives (sk_report_counted, the counting index) when p_counted, plus
-- p_waiting (-1, 0 or 1) times their deltas still waiting.  Not summed
-- (callers group).
CREATE OR REPLACE FUNCTION sk_scope_phased(p_units bigint[], p_campaign int, p_counted boolean,
					   p_waiting int)
RETURNS TABLE (phase_id int, facet "char", key text, submitted bigint, recognized bigint)
LANGUAGE sql STABLE AS $$
	WITH f AS (
		SELECT * FROM sk_report_counted(p_units) WHERE p_counted
		UNION ALL
		SELECT k.facet, d.applied_on, k.key, p_waiting * d.submitted, p_waiting * d.recognized
		FROM report_deltas d CROSS JOIN LATERAL sk_report_keys(d.kind, d.theme, d.week) k
		WHERE p_waiting <> 0 AND d.unit_id = ANY (p_units))
	SELECT coalesce(p.id, 0), f.facet, f.key, f.submitted, f.recognized
	FROM f JOIN campaigns c ON c.id = p_campaign AND f.applied_on >= c.counts_from
	LEFT JOIN phases p ON p.campaign_id = c.id AND f.applied_on BETWEEN p.starts_on AND p.ends_on
$$;
