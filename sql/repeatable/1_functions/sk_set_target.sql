-- Set one unit's target for a campaign ('' = current) or one of its
-- phases.  Operators (p_is_admin false) may set targets of units strictly
-- below their scope unit p_scope.  outcome: ok | unit_not_found |
-- forbidden | campaign_not_found | phase_not_found.
CREATE OR REPLACE FUNCTION sk_set_target(p_unit_code text, p_campaign_code text, p_phase_code text,
			      p_target int, p_scope bigint, p_is_admin boolean)
RETURNS TABLE (outcome text, changed boolean)
LANGUAGE plpgsql AS $$
DECLARE
	v_unit bigint;
	v_campaign int;
	v_phase int;
	v_n int;
BEGIN
	changed := false;
	SELECT u.id INTO v_unit FROM units u WHERE u.code = p_unit_code;
	IF NOT FOUND THEN
		outcome := 'unit_not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF NOT p_is_admin AND (p_scope IS NULL OR v_unit = p_scope
			       OR NOT sk_in_scope(v_unit, p_scope)) THEN
		outcome := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	v_campaign := sk_campaign_id(p_campaign_code);
	IF v_campaign IS NULL THEN
		outcome := 'campaign_not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF p_phase_code = '' THEN
		INSERT INTO quotas AS q (unit_id, campaign_id, quota)
		VALUES (v_unit, v_campaign, p_target)
		ON CONFLICT (unit_id, campaign_id)
		DO UPDATE SET quota = excluded.quota, updated_at = now()
		WHERE q.quota <> excluded.quota;
	ELSE
		SELECT p.id INTO v_phase FROM phases p
		WHERE p.campaign_id = v_campaign AND p.code = p_phase_code;
		IF NOT FOUND THEN
			outcome := 'phase_not_found';
			RETURN NEXT;
			RETURN;
		END IF;
		INSERT INTO phase_targets AS t (unit_id, phase_id, target)
		VALUES (v_unit, v_phase, p_target)
		ON CONFLICT (unit_id, phase_id)
		DO UPDATE SET target = excluded.target, updated_at = now()
		WHERE t.target <> excluded.target;
	END IF;
	GET DIAGNOSTICS v_n = ROW_COUNT;
	changed := v_n > 0;
	outcome := 'ok';
	RETURN NEXT;
END
$$;
