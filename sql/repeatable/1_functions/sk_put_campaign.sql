-- Create or update a campaign.  p_phases NULL keeps the phases; otherwise
-- [{"code", "name", "starts_on", "ends_on"}, ...] replaces them, matched by
-- code, so targets of a phase that stays are kept; a phase left out is
-- deleted with its targets.  outcome: ok | phase_before_counts_from (kept
-- phases would start before the new counts_from).  Initiatives whose phase
-- the change moves get a feed entry (sk_feed_phase_moves).
CREATE OR REPLACE FUNCTION sk_put_campaign(p_code text, p_name text, p_counts_from date,
				p_make_current boolean, p_phases jsonb)
RETURNS TABLE (outcome text, created boolean, changed boolean)
LANGUAGE plpgsql AS $$
DECLARE
	v_old campaigns%ROWTYPE;
	v_id int;
	v_n int;
	v_before jsonb;
BEGIN
	created := false;
	changed := false;
	-- One campaign writer at a time: making one current unsets another,
	-- and the partial unique index would otherwise fail a racing writer.
	LOCK TABLE campaigns IN SHARE ROW EXCLUSIVE MODE;
	SELECT coalesce(jsonb_agg(jsonb_build_object('code', p.code, 'starts_on', p.starts_on,
						     'ends_on', p.ends_on)
				  ORDER BY p.starts_on, p.id), '[]')
	INTO v_before
	FROM phases p JOIN campaigns k ON k.id = p.campaign_id WHERE k.is_current;
	SELECT * INTO v_old FROM campaigns k WHERE k.code = p_code;
	IF NOT FOUND THEN
		INSERT INTO campaigns (code, name, counts_from)
		VALUES (p_code, p_name, p_counts_from) RETURNING id INTO v_id;
		created := true;
		changed := true;
	ELSE
		v_id := v_old.id;
		IF p_phases IS NULL AND EXISTS (
			SELECT 1 FROM phases p WHERE p.campaign_id = v_id
			AND p.starts_on < p_counts_from) THEN
			outcome := 'phase_before_counts_from';
			RETURN NEXT;
			RETURN;
		END IF;
		IF v_old.name <> p_name OR v_old.counts_from <> p_counts_from THEN
			UPDATE campaigns SET name = p_name, counts_from = p_counts_from
			WHERE id = v_id;
			changed := true;
		END IF;
	END IF;
	IF p_make_current AND NOT coalesce(v_old.is_current, false) THEN
		UPDATE campaigns SET is_current = false WHERE is_current;
		UPDATE campaigns SET is_current = true WHERE id = v_id;
		changed := true;
	END IF;
	IF p_phases IS NOT NULL THEN
		DELETE FROM phases p WHERE p.campaign_id = v_id
		AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset(p_phases) AS x(code text)
				WHERE x.code = p.code);
		GET DIAGNOSTICS v_n = ROW_COUNT;
		changed := changed OR v_n > 0;
		-- Dates move in place; the overlap check below runs on the result.
		UPDATE phases p SET name = x.name, starts_on = x.starts_on, ends_on = x.ends_on
		FROM jsonb_to_recordset(p_phases)
			AS x(code text, name text, starts_on date, ends_on date)
		WHERE p.campaign_id = v_id AND p.code = x.code
		AND (p.name, p.starts_on, p.ends_on) IS DISTINCT FROM (x.name, x.starts_on, x.ends_on);
		GET DIAGNOSTICS v_n = ROW_COUNT;
		changed := changed OR v_n > 0;
		INSERT INTO phases (campaign_id, code, name, starts_on, ends_on)
		SELECT v_id, x.code, x.name, x.starts_on, x.ends_on
		FROM jsonb_to_recordset(p_phases)
			AS x(code text, name text, starts_on date, ends_on date)
		WHERE NOT EXISTS (SELECT 1 FROM phases p WHERE p.campaign_id = v_id
				  AND p.code = x.code);
		GET DIAGNOSTICS v_n = ROW_COUNT;
		changed := changed OR v_n > 0;
	END IF;
	-- The server checked the request; this guards the stored result.
	IF EXISTS (SELECT 1 FROM phases a JOIN phases b ON b.campaign_id = a.campaign_id
		   AND a.id < b.id AND a.starts_on <= b.ends_on AND b.starts_on <= a.ends_on
		   WHERE a.campaign_id = v_id)
	   OR EXISTS (SELECT 1 FROM phases p JOIN campaigns k ON k.id = p.campaign_id
		      WHERE k.id = v_id AND p.starts_on < k.counts_from) THEN
		RAISE EXCEPTION 'phases of campaign % overlap or start before counts_from',
			p_code;
	END IF;
	IF changed THEN
		PERFORM sk_feed_phase_moves(v_before);
	END IF;
	outcome := 'ok';
	RETURN NEXT;
END
$$;
