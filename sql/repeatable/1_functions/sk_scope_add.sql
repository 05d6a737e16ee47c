-- Add p_sign (1 or -1) times what the given units' initiatives put into the
-- scope counters (what they count less their deltas still waiting, for the
-- campaign unit_counts_basis names) to the scope counters of each of
-- p_holders.  For units that move in the tree (sk_scope_counts_moved).
CREATE OR REPLACE FUNCTION sk_scope_add(p_holders bigint[], p_units bigint[], p_sign int)
RETURNS void
LANGUAGE sql AS $$
	INSERT INTO scope_counts AS c (unit_id, phase_id, facet, key, submitted, recognized)
	SELECT h.id, f.phase_id, f.facet, f.key, p_sign * f.submitted, p_sign * f.recognized
	FROM (SELECT f.phase_id, f.facet, f.key, sum(f.submitted) AS submitted,
		     sum(f.recognized) AS recognized
	      FROM unit_counts_basis b
	      CROSS JOIN LATERAL sk_scope_phased(p_units, b.campaign_id, true, -1) f
	      GROUP BY 1, 2, 3
	      HAVING sum(f.submitted) <> 0 OR sum(f.recognized) <> 0) f
	CROSS JOIN unnest(p_holders) h (id)
	ON CONFLICT (unit_id, phase_id, facet, key) DO UPDATE
	SET submitted = c.submitted + excluded.submitted,
	    recognized = c.recognized + excluded.recognized
$$;
