-- One review action on one initiative, under the initiative's row lock.
-- p_op: start | recognize | request_changes | reject | reward | note.
-- p_from, p_to: the status the op needs and the one it leads to (NULL: any,
-- unchanged), from the one transition table (proto/review_flow.c), which
-- the clients also read to offer only what is allowed.
-- Fields an op needs are checked by the server before the call.
-- outcome:
--   absent       no initiative with this uuid in p_scope (NULL: anywhere)
--   duplicate    the op was already applied with the same data: nothing changed
--   conflict     p_base_version (0: any) is not the current version
--   not_editable the current status does not allow the op; reason says why
--   accepted     applied: status, version and updated_at changed
-- cur is the initiative as it is now (after the change when accepted; NULL
-- when absent), as the sk_server_initiatives view shows it.
-- The order (duplicate before conflict) lets a resend whose first reply was
-- lost get "duplicate" although the version has moved on.
CREATE OR REPLACE FUNCTION sk_review_item(
	p_uuid uuid, p_scope bigint, p_credential bigint, p_base_version int, p_op text,
	p_note text, p_rec_decision text, p_rec_date date, p_rec_by text,
	p_reward_kind text, p_reward_level text, p_reward_decision text, p_reward_date date,
	p_reward_amount bigint, p_from text, p_to text)
RETURNS TABLE (outcome text, reason text, cur sk_server_initiatives)
LANGUAGE plpgsql AS $$
DECLARE
	r initiatives%ROWTYPE;
	v_last initiative_notes%ROWTYPE;
	v_from text;
	v_to text;
	v_dup boolean := false;
	v_label text;
BEGIN
	PERFORM sk_set_actor(p_credential, 'initiative.review.' || p_op);
	-- Lock order as everywhere (sk_feed_lock): the unit's feed first, then the
	-- row.  An initiative never changes unit, so reading it unlocked first
	-- is safe.
	SELECT * INTO r FROM initiatives i
	WHERE i.uuid = p_uuid AND sk_in_scope(i.unit_id, p_scope);
	IF FOUND THEN
		PERFORM sk_feed_lock(r.unit_id);
		SELECT * INTO r FROM initiatives i WHERE i.id = r.id FOR UPDATE;
	END IF;
	IF NOT FOUND THEN
		outcome := 'absent';
		RETURN NEXT;
		RETURN;
	END IF;
	v_from := coalesce(p_from, r.status::text);
	v_to := coalesce(p_to, r.status::text);
	SELECT * INTO v_last FROM initiative_notes n
	WHERE n.initiative_id = r.id ORDER BY n.id DESC LIMIT 1;

	CASE p_op
	WHEN 'start' THEN
		v_dup := r.status = v_to;
	WHEN 'recognize' THEN
		-- Recognized, or already rewarded after it.
		v_dup := r.status IN ('recognized', 'rewarded')
			 AND r.recognition_decision = p_rec_decision
			 AND r.recognition_date = p_rec_date AND r.recognized_by = p_rec_by;
	WHEN 'request_changes' THEN
		v_dup := r.status = v_to AND v_last.status = v_to
			 AND v_last.body = p_note;
	WHEN 'reject' THEN
		v_dup := r.status = v_to AND v_last.status = v_to
			 AND v_last.body = p_note;
	WHEN 'reward' THEN
		v_dup := r.status = v_to AND r.reward_kind = p_reward_kind
			 AND r.reward_level = p_reward_level
			 AND r.reward_decision = p_reward_decision AND r.reward_date = p_reward_date
			 AND coalesce(r.reward_amount_vnd, 0) = coalesce(p_reward_amount, 0);
	WHEN 'note' THEN
		v_dup := v_last.body = p_note AND v_last.credential_id = p_credential
			 AND v_last.status = r.status;
	ELSE
		RAISE EXCEPTION 'sk_review_item: unknown op %', p_op;
	END CASE;

	IF coalesce(v_dup, false) THEN
		outcome := 'duplicate';
	ELSIF p_base_version <> 0 AND p_base_version <> r.version THEN
		outcome := 'conflict';
		reason := format('base version %s is not the current version %s',
				 p_base_version, r.version);
	ELSIF r.status <> v_from THEN
		outcome := 'not_editable';
		reason := format('cannot %s an initiative whose status is %s (needs %s)',
				 replace(p_op, '_', ' '), r.status, v_from);
	END IF;
	IF outcome IS NOT NULL THEN
		SELECT * INTO cur FROM sk_server_initiatives v WHERE v.record_id = r.id;
		RETURN NEXT;
		RETURN;
	END IF;

	UPDATE initiatives i SET
		status = v_to,
		version = i.version + 1,
		updated_at = clock_timestamp(),
		recognition_decision = CASE WHEN p_op = 'recognize' THEN p_rec_decision
					    ELSE i.recognition_decision END,
		recognition_date = CASE WHEN p_op = 'recognize' THEN p_rec_date
					ELSE i.recognition_date END,
		recognized_by = CASE WHEN p_op = 'recognize' THEN p_rec_by ELSE i.recognized_by END,
		reward_kind = CASE WHEN p_op = 'reward' THEN p_reward_kind ELSE i.reward_kind END,
		reward_level = CASE WHEN p_op = 'reward' THEN p_reward_level ELSE i.reward_level END,
		reward_decision = CASE WHEN p_op = 'reward' THEN p_reward_decision
				       ELSE i.reward_decision END,
		reward_date = CASE WHEN p_op = 'reward' THEN p_reward_date ELSE i.reward_date END,
		reward_amount_vnd = CASE WHEN p_op = 'reward' THEN nullif(p_reward_amount, 0)
					 ELSE i.reward_amount_vnd END
	WHERE i.id = r.id;
	IF coalesce(p_note, '') <> '' THEN
		SELECT c.label INTO v_label FROM credentials c WHERE c.id = p_credential;
		INSERT INTO initiative_notes (initiative_id, credential_id, author, status, body)
		VALUES (r.id, p_credential, coalesce(v_label, ''), v_to, p_note);
	END IF;
	outcome := 'accepted';
	SELECT * INTO cur FROM sk_server_initiatives v WHERE v.record_id = r.id;
	RETURN NEXT;
END
$$;
