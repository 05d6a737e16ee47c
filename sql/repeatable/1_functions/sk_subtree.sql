-- A unit and every unit below it.
CREATE OR REPLACE FUNCTION sk_subtree(p_root bigint) RETURNS TABLE (id bigint, level text)
LANGUAGE sql STABLE ROWS 1000 AS $$
	WITH RECURSIVE sub (id, level, depth) AS (
		SELECT u.id, u.level, 0 FROM units u WHERE u.id = p_root
		UNION ALL
		SELECT u.id, u.level, sub.depth + 1
		FROM units u JOIN sub ON u.parent_id = sub.id
		WHERE sub.depth < 64)
	SELECT sub.id, sub.level FROM sub
$$;
