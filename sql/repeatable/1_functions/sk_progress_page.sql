-- One page of a progress request (PROTOCOL.md 6.8).  Rows: one 'error' row
-- (code = sk_report_scope's outcome); or the 'unit' rows of the grassroots
-- units at or below the scope whose code comes after p_after in byte order,
-- at most p_limit, by code; the 'phase' rows; the 'node' rows of the tree
-- (code, name, t1 level, t2 parent's code, '' for the scope unit, n1 last
-- sync in ms since 1970, 0: never): for the first page (p_after '') every
-- unit above the grassroots level at or below the scope, by level then
-- code, then one per 'unit' row in the same order; and a 'more' row when
-- units after the page remain.  p_whole: a reply of the whole scope, so
-- when units remain after p_limit only the 'more' row comes (no figures
-- computed for a reply that cannot go).  One statement: one snapshot.
CREATE OR REPLACE FUNCTION sk_progress_page(p_code text, p_scope bigint, p_after text,
					    p_limit int, p_whole boolean)
RETURNS SETOF sk_progress_row
LANGUAGE plpgsql STABLE
-- Planned for each call's scope and page (a generic plan would walk the
-- whole index for a district, or sort the nation for a page).
SET plan_cache_mode = force_custom_plan SET jit = off AS $$
DECLARE
	s record;
	v_level text;
	v_inner bigint[];
	v_ids bigint[];
	v_more boolean;
BEGIN
	s := sk_report_scope(p_code, p_scope, '');
	IF s.outcome <> 'ok' THEN
		RETURN QUERY SELECT * FROM sk_progress_error(s.outcome);
		RETURN;
	END IF;
	SELECT u.level INTO v_level FROM units u WHERE u.id = s.unit_id;
	IF v_level = 'grassroots' THEN
		v_inner := '{}';
		v_ids := ARRAY(SELECT u.id FROM units u
			       WHERE u.id = s.unit_id AND (u.code COLLATE "C") > p_after);
	ELSE
		-- The levels above the grassroots units (hundreds for the nation),
		-- walked without visiting the grassroots units.
		v_inner := ARRAY(
			WITH RECURSIVE inner_units (id, depth) AS (
				SELECT s.unit_id, 0
				UNION ALL
				SELECT u.id, t.depth + 1 FROM units u JOIN inner_units t ON u.parent_id = t.id
				WHERE u.level <> 'grassroots' AND t.depth < 64)
			SELECT i.id FROM inner_units i);
		v_ids := ARRAY(SELECT g.id FROM units g
			       WHERE g.level = 'grassroots' AND g.parent_id = ANY (v_inner)
				 AND (g.code COLLATE "C") > p_after
			       ORDER BY g.code COLLATE "C" LIMIT p_limit + 1);
	END IF;
	v_more := cardinality(v_ids) > p_limit;
	IF v_more THEN
		v_ids := v_ids[1:p_limit];
	END IF;
	IF NOT (v_more AND p_whole) THEN
		RETURN QUERY SELECT p.* FROM sk_progress_units(v_ids, s.campaign_id) p
			     ORDER BY p.code COLLATE "C";
		RETURN QUERY SELECT * FROM sk_progress_phases(s.campaign_id);
		RETURN QUERY
			SELECT 'node', u.code, u.name, u.level,
			       CASE WHEN u.id = s.unit_id THEN '' ELSE coalesce(p.code, '') END,
			       NULL::text,
			       coalesce(floor(extract(epoch FROM y.last_sync_at) * 1000)::bigint, 0),
			       NULL::bigint, NULL::bigint, NULL::bigint, NULL::text, NULL::text,
			       NULL::text
			FROM units u
			LEFT JOIN units p ON p.id = u.parent_id
			LEFT JOIN unit_syncs y ON y.unit_id = u.id
			WHERE u.id = ANY (CASE WHEN p_after = '' THEN v_inner ELSE '{}' END || v_ids)
			ORDER BY sk_level_rank(u.level), u.code COLLATE "C";
	END IF;
	IF v_more THEN
		RETURN QUERY SELECT 'more', NULL::text, NULL::text, NULL::text, NULL::text,
				    NULL::text, NULL::bigint, NULL::bigint, NULL::bigint,
				    NULL::bigint, NULL::text, NULL::text, NULL::text;
	END IF;
END
$$;
