-- True when unit is scope or below it; a NULL scope is the whole tree.
-- Walks up from the unit: the tree is a few levels deep.
CREATE OR REPLACE FUNCTION sk_in_scope(p_unit bigint, p_scope bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT p_scope IS NULL OR EXISTS (
		WITH RECURSIVE up (id, parent_id, depth) AS (
			SELECT id, parent_id, 0 FROM units WHERE id = p_unit
			UNION ALL
			SELECT u.id, u.parent_id, up.depth + 1
			FROM units u JOIN up ON u.id = up.parent_id
			WHERE up.depth < 64
		)
		SELECT 1 FROM up WHERE id = p_scope)
$$;
