-- How many grassroots units are at or below p_unit, without visiting each
-- (grassroots units have no children: the walk stays on the levels above,
-- and those below each are counted from an index).
CREATE OR REPLACE FUNCTION sk_scope_grassroots(p_unit bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
	WITH RECURSIVE inner_units (id, depth) AS (
		SELECT u.id, 0 FROM units u WHERE u.id = p_unit AND u.level <> 'grassroots'
		UNION ALL
		SELECT u.id, t.depth + 1 FROM units u JOIN inner_units t ON u.parent_id = t.id
		WHERE u.level <> 'grassroots' AND t.depth < 64)
	SELECT (SELECT count(*) FROM units u WHERE u.id = p_unit AND u.level = 'grassroots')
	       + (SELECT count(*) FROM units g
		  WHERE g.level = 'grassroots' AND g.parent_id IN (SELECT i.id FROM inner_units i))
$$;
