-- Import grassroots units with their quotas under one parent, all or
-- nothing.  p_rows: [{"line": n, "code": .., "name": .., "quota": n}, ...],
-- already checked by the server for form and duplicates.
-- Returns rows of kind:
--   'error'   with field = parent_not_found | campaign_not_found | forbidden
--             | bad_parent (a grassroots unit cannot have children)
--   'problem' line, field, message (nothing was written)
--   'summary' created, updated, unchanged, total_quota
CREATE OR REPLACE FUNCTION sk_import_units(p_parent_code text, p_campaign_code text, p_scope bigint,
				p_rows jsonb)
RETURNS TABLE (kind text, line int, field text, message text,
	       created int, updated int, unchanged int, total_quota bigint)
LANGUAGE plpgsql AS $$
DECLARE
	v_parent units%ROWTYPE;
	v_campaign int;
	r record;
	v_old units%ROWTYPE;
	v_old_quota int;
	v_problems int := 0;
	v_id bigint;
BEGIN
	created := 0;
	updated := 0;
	unchanged := 0;
	total_quota := 0;
	-- Locking the parent serializes imports under it.
	SELECT * INTO v_parent FROM units WHERE code = p_parent_code FOR UPDATE;
	IF NOT FOUND THEN
		kind := 'error'; field := 'parent_not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF NOT sk_in_scope(v_parent.id, p_scope) THEN
		kind := 'error'; field := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	IF v_parent.level = 'grassroots' THEN
		kind := 'error'; field := 'bad_parent';
		RETURN NEXT;
		RETURN;
	END IF;
	IF p_campaign_code = '' THEN
		SELECT id INTO v_campaign FROM campaigns WHERE is_current;
	ELSE
		SELECT id INTO v_campaign FROM campaigns WHERE code = p_campaign_code;
	END IF;
	IF v_campaign IS NULL THEN
		kind := 'error'; field := 'campaign_not_found';
		RETURN NEXT;
		RETURN;
	END IF;

	-- First pass: problems only the database can see.
	FOR r IN SELECT * FROM jsonb_to_recordset(p_rows)
			AS x(line int, code text, name text, quota int) LOOP
		SELECT * INTO v_old FROM units WHERE units.code = r.code;
		IF FOUND AND (v_old.parent_id IS DISTINCT FROM v_parent.id
			      OR v_old.level <> 'grassroots') THEN
			kind := 'problem';
			line := r.line;
			field := 'ma_don_vi';
			message := format('unit code %s is already used by "%s" elsewhere in the tree',
					  r.code, v_old.name);
			v_problems := v_problems + 1;
			RETURN NEXT;
		END IF;
	END LOOP;
	IF v_problems > 0 THEN
		RETURN;
	END IF;

	FOR r IN SELECT * FROM jsonb_to_recordset(p_rows)
			AS x(line int, code text, name text, quota int) LOOP
		total_quota := total_quota + r.quota;
		SELECT * INTO v_old FROM units WHERE units.code = r.code FOR UPDATE;
		IF NOT FOUND THEN
			INSERT INTO units (code, name, level, parent_id)
			VALUES (r.code, r.name, 'grassroots', v_parent.id)
			RETURNING id INTO v_id;
			INSERT INTO quotas (unit_id, campaign_id, quota)
			VALUES (v_id, v_campaign, r.quota);
			created := created + 1;
			CONTINUE;
		END IF;
		SELECT q.quota INTO v_old_quota FROM quotas q
		WHERE q.unit_id = v_old.id AND q.campaign_id = v_campaign;
		IF v_old.name = r.name AND v_old_quota IS NOT DISTINCT FROM r.quota THEN
			unchanged := unchanged + 1;
			CONTINUE;
		END IF;
		UPDATE units SET name = r.name, updated_at = now()
		WHERE id = v_old.id AND name <> r.name;
		INSERT INTO quotas (unit_id, campaign_id, quota)
		VALUES (v_old.id, v_campaign, r.quota)
		ON CONFLICT (unit_id, campaign_id)
		DO UPDATE SET quota = excluded.quota, updated_at = now();
		updated := updated + 1;
	END LOOP;
	kind := 'summary';
	line := NULL; field := NULL; message := NULL;
	RETURN NEXT;
END
$$;
