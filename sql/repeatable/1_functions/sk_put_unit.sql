-- Create or update one unit.  outcome: ok | parent_not_found | forbidden |
-- bad_level (must sit below its parent, above its children) | cycle
CREATE OR REPLACE FUNCTION sk_put_unit(p_code text, p_name text, p_level text, p_parent_code text,
			    p_scope bigint, p_is_admin boolean)
RETURNS TABLE (outcome text, created boolean, changed boolean)
LANGUAGE plpgsql AS $$
DECLARE
	v_parent units%ROWTYPE;
	v_old units%ROWTYPE;
	v_parent_id bigint;
BEGIN
	created := false;
	changed := false;
	IF p_parent_code = '' THEN
		IF p_level <> 'national' THEN
			outcome := 'bad_level';
			RETURN NEXT;
			RETURN;
		END IF;
		IF NOT p_is_admin THEN
			outcome := 'forbidden';
			RETURN NEXT;
			RETURN;
		END IF;
	ELSE
		SELECT * INTO v_parent FROM units WHERE code = p_parent_code FOR UPDATE;
		IF NOT FOUND THEN
			outcome := 'parent_not_found';
			RETURN NEXT;
			RETURN;
		END IF;
		IF NOT sk_in_scope(v_parent.id, p_scope) THEN
			outcome := 'forbidden';
			RETURN NEXT;
			RETURN;
		END IF;
		IF sk_level_rank(p_level) <= sk_level_rank(v_parent.level) THEN
			outcome := 'bad_level';
			RETURN NEXT;
			RETURN;
		END IF;
		v_parent_id := v_parent.id;
	END IF;

	INSERT INTO units (code, name, level, parent_id)
	VALUES (p_code, p_name, p_level, v_parent_id)
	ON CONFLICT (code) DO NOTHING;
	IF FOUND THEN
		outcome := 'ok';
		created := true;
		changed := true;
		RETURN NEXT;
		RETURN;
	END IF;

	SELECT * INTO STRICT v_old FROM units WHERE code = p_code FOR UPDATE;
	-- An operator may change units below its scope unit, not the unit itself.
	IF NOT p_is_admin AND (v_old.id = p_scope OR NOT sk_in_scope(v_old.id, p_scope)) THEN
		outcome := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	IF v_parent_id IS NOT NULL AND sk_in_scope(v_parent_id, v_old.id) THEN
		outcome := 'cycle';
		RETURN NEXT;
		RETURN;
	END IF;
	IF EXISTS (SELECT 1 FROM units c WHERE c.parent_id = v_old.id
		   AND sk_level_rank(c.level) <= sk_level_rank(p_level)) THEN
		outcome := 'bad_level';
		RETURN NEXT;
		RETURN;
	END IF;
	IF v_old.name IS DISTINCT FROM p_name OR v_old.level IS DISTINCT FROM p_level
	   OR v_old.parent_id IS DISTINCT FROM v_parent_id THEN
		UPDATE units SET name = p_name, level = p_level, parent_id = v_parent_id,
				 updated_at = now()
		WHERE id = v_old.id;
		changed := true;
	END IF;
	outcome := 'ok';
	RETURN NEXT;
END
$$;
