-- The units whose scope_counts count p_unit's initiatives: p_unit and the
-- units above it that keep scope counters (sk_scope_holds); none for NULL.
CREATE OR REPLACE FUNCTION sk_scope_above(p_unit bigint) RETURNS bigint[]
LANGUAGE sql STABLE AS $$
	WITH RECURSIVE up (id, level, parent_id, depth) AS (
		SELECT u.id, u.level, u.parent_id, 0 FROM units u WHERE u.id = p_unit
		UNION ALL
		SELECT u.id, u.level, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
		WHERE up.depth < 64)
	SELECT coalesce(array_agg(up.id), '{}') FROM up WHERE sk_scope_holds(up.level, up.parent_id)
$$;
