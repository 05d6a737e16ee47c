-- Add p_sign (1 or -1) times what the given units' initiatives put into
-- the counters (what they count less their deltas still waiting) to the
-- counters of the root p_root.  For units that move to another tree.
CREATE OR REPLACE FUNCTION sk_report_add(p_root bigint, p_units bigint[], p_sign int)
RETURNS void
LANGUAGE sql AS $$
	INSERT INTO report_counts AS c (unit_id, facet, applied_on, key, submitted, recognized)
	SELECT p_root, f.facet, f.applied_on, f.key, p_sign * sum(f.submitted),
	       p_sign * sum(f.recognized)
	FROM (SELECT * FROM sk_report_counted(p_units)
	      UNION ALL
	      SELECT k.facet, d.applied_on, k.key, -d.submitted, -d.recognized
	      FROM report_deltas d CROSS JOIN LATERAL sk_report_keys(d.kind, d.theme, d.week) k
	      WHERE d.unit_id = ANY(p_units)) f
	GROUP BY f.facet, f.applied_on, f.key
	ON CONFLICT (unit_id, facet, applied_on, key) DO UPDATE
	SET submitted = c.submitted + excluded.submitted,
	    recognized = c.recognized + excluded.recognized
$$;
