-- Progress: grassroots units at or below the scope.  Rows: one 'error'
-- row (code = sk_report_scope's outcome), or 'unit' rows then 'phase' rows.
CREATE OR REPLACE FUNCTION sk_progress(p_code text, p_scope bigint, p_campaign_code text)
RETURNS SETOF sk_progress_row
LANGUAGE plpgsql STABLE
-- Planned for each call's scope: a generic plan, which PL/pgSQL may switch
-- to from a session's sixth call on, would recheck every initiative
-- against the scope's unit list (76 s instead of 1.4 s for the nation).
SET plan_cache_mode = force_custom_plan SET jit = off AS $$
DECLARE
	s record;
BEGIN
	s := sk_report_scope(p_code, p_scope, p_campaign_code);
	IF s.outcome <> 'ok' THEN
		RETURN QUERY SELECT * FROM sk_progress_error(s.outcome);
		RETURN;
	END IF;
	RETURN QUERY SELECT * FROM sk_progress_units(
		ARRAY(SELECT t.id FROM sk_subtree(s.unit_id) t WHERE t.level = 'grassroots'),
		s.campaign_id);
	RETURN QUERY SELECT * FROM sk_progress_phases(s.campaign_id);
END
$$;
