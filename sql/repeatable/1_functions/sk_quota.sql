-- One unit's quota for the current campaign.  Rows: none (no such unit),
-- part 'error' code 'forbidden' (outside p_scope; NULL scope: anywhere) or
-- 'campaign_not_found', else one 'unit' row and the 'phase' rows.
CREATE OR REPLACE FUNCTION sk_quota(p_unit_code text, p_scope bigint)
RETURNS SETOF sk_progress_row
-- Generic plans: a custom plan of the inlined figures query costs about
-- 4 ms to make and 1 ms to run, and PostgreSQL's choice between the two
-- depends on the first units asked (the rush's pulls kept planning).
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
DECLARE
	v_unit bigint;
	v_campaign int := sk_campaign_id('');
BEGIN
	SELECT u.id INTO v_unit FROM units u WHERE u.code = p_unit_code;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF NOT sk_in_scope(v_unit, p_scope) THEN
		RETURN QUERY SELECT * FROM sk_progress_error('forbidden');
		RETURN;
	END IF;
	IF v_campaign IS NULL THEN
		RETURN QUERY SELECT * FROM sk_progress_error('campaign_not_found');
		RETURN;
	END IF;
	RETURN QUERY SELECT * FROM sk_progress_units(ARRAY[v_unit], v_campaign);
	RETURN QUERY SELECT * FROM sk_progress_phases(v_campaign);
END
$$;
