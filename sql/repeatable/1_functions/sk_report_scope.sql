-- The scope of a progress or report request.  p_code '' means the
-- credential's scope p_scope, or for administrators (p_scope NULL) the
-- root of the tree.  outcome: ok | not_found | forbidden | no_root |
-- several_roots | campaign_not_found.
CREATE OR REPLACE FUNCTION sk_report_scope(p_code text, p_scope bigint, p_campaign_code text,
				OUT outcome text, OUT unit_id bigint, OUT campaign_id int)
LANGUAGE plpgsql STABLE AS $$
DECLARE
	v_n int;
BEGIN
	IF p_code = '' AND p_scope IS NOT NULL THEN
		unit_id := p_scope;
	ELSIF p_code = '' THEN
		SELECT count(*), min(u.id) INTO v_n, unit_id FROM units u WHERE u.parent_id IS NULL;
		IF v_n = 0 THEN
			outcome := 'no_root';
			RETURN;
		ELSIF v_n > 1 THEN
			outcome := 'several_roots';
			unit_id := NULL;
			RETURN;
		END IF;
	ELSE
		SELECT u.id INTO unit_id FROM units u WHERE u.code = p_code;
		IF NOT FOUND THEN
			outcome := 'not_found';
			RETURN;
		END IF;
		IF NOT sk_in_scope(unit_id, p_scope) THEN
			outcome := 'forbidden';
			unit_id := NULL;
			RETURN;
		END IF;
	END IF;
	campaign_id := sk_campaign_id(p_campaign_code);
	IF campaign_id IS NULL THEN
		outcome := 'campaign_not_found';
		RETURN;
	END IF;
	outcome := 'ok';
END
$$;
