-- Units at or below p_scope, every unit when p_scope is NULL (sk_subtree
-- walks the tree from an indexed first step).
CREATE OR REPLACE FUNCTION sk_scope_units(p_scope bigint) RETURNS TABLE (unit_id bigint)
LANGUAGE sql STABLE AS $$
	SELECT u.id FROM units u WHERE p_scope IS NULL
	UNION ALL
	SELECT t.id FROM sk_subtree(p_scope) t WHERE p_scope IS NOT NULL
$$;
