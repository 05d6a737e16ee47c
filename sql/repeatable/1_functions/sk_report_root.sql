-- The root of the tree p_unit is in (p_unit itself for a root); NULL for
-- NULL.  Roots are the national units: only they keep report_counts.
CREATE OR REPLACE FUNCTION sk_report_root(p_unit bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
	WITH RECURSIVE up (id, parent_id, depth) AS (
		SELECT u.id, u.parent_id, 0 FROM units u WHERE u.id = p_unit
		UNION ALL
		SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
		WHERE up.depth < 64)
	SELECT up.id FROM up WHERE up.parent_id IS NULL
$$;
