-- The tree of a progress request's scope (as sk_progress resolves it): the
-- scope unit and every unit below it, parents before children (levels only
-- deepen), each with its parent's code ('' for the scope unit) and when it
-- last synced (ms since 1970, NULL: never).  No row when the scope is
-- refused: sk_progress's error row says why.
CREATE OR REPLACE FUNCTION sk_scope_tree(p_code text, p_scope bigint)
RETURNS TABLE (code text, name text, level text, parent_code text, last_sync_ms bigint)
LANGUAGE sql STABLE AS $$
	WITH s AS (SELECT r.unit_id FROM sk_report_scope(p_code, p_scope, '') r
		   WHERE r.outcome = 'ok')
	SELECT u.code, u.name, u.level,
	       CASE WHEN u.id = s.unit_id THEN '' ELSE coalesce(p.code, '') END,
	       floor(extract(epoch FROM y.last_sync_at) * 1000)::bigint
	FROM s CROSS JOIN sk_subtree(s.unit_id) t
	JOIN units u ON u.id = t.id
	LEFT JOIN units p ON p.id = u.parent_id
	LEFT JOIN unit_syncs y ON y.unit_id = u.id
	ORDER BY sk_level_rank(u.level), u.code
$$;
