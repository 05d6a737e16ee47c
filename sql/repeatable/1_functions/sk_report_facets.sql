-- Every counting facet row of a report's scope unit p_unit, not summed
-- (callers group).  p_units: the scope's units, counted from initiatives;
-- NULL for a root (a national unit), whose figures are its counters
-- (report_counts: the units below it), their deltas not folded yet, and
-- its own initiatives.  One snapshot holds all three consistently, so the
-- sums are exact.
CREATE OR REPLACE FUNCTION sk_report_facets(p_unit bigint, p_units bigint[])
RETURNS TABLE (facet "char", applied_on date, key text, submitted bigint, recognized bigint)
LANGUAGE sql STABLE AS $$
	SELECT * FROM sk_report_counted(p_units) WHERE p_units IS NOT NULL
	UNION ALL
	SELECT c.facet, c.applied_on, c.key, c.submitted, c.recognized
	FROM report_counts c WHERE p_units IS NULL AND c.unit_id = p_unit
	UNION ALL
	SELECT * FROM sk_report_waiting(p_unit) WHERE p_units IS NULL
	UNION ALL
	SELECT * FROM sk_report_counted(ARRAY[p_unit]) WHERE p_units IS NULL
$$;
