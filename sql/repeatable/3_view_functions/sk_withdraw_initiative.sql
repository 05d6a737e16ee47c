-- Withdraw: the unit takes an initiative back before review.  It stays on
-- record with status withdrawn; a non-empty p_reason is kept as a note.
-- outcome: not_found | forbidden | duplicate (already withdrawn) |
-- not_editable (status other than submitted, needs_changes) | conflict
-- (p_base_version not 0 and not current) | accepted.  cur as for edits.
CREATE OR REPLACE FUNCTION sk_withdraw_initiative(p_uuid uuid, p_unit bigint, p_credential bigint,
				       p_base_version int, p_reason text)
RETURNS TABLE (outcome text, reason text, cur sk_server_initiatives)
LANGUAGE plpgsql AS $$
DECLARE
	r initiatives%ROWTYPE;
	v_label text;
BEGIN
	-- The unit of an initiative never changes: look, then lock in order.
	SELECT * INTO r FROM initiatives i WHERE i.uuid = p_uuid;
	IF NOT FOUND THEN
		outcome := 'not_found';
		reason := 'no initiative with this uuid';
		RETURN NEXT;
		RETURN;
	END IF;
	IF r.unit_id <> p_unit THEN
		outcome := 'forbidden';
		reason := 'this initiative belongs to another unit';
		RETURN NEXT;
		RETURN;
	END IF;
	PERFORM sk_feed_lock(p_unit);
	SELECT * INTO STRICT r FROM initiatives i WHERE i.id = r.id FOR UPDATE;
	IF r.status = 'withdrawn' THEN
		outcome := 'duplicate';
	ELSIF r.status NOT IN ('submitted', 'needs_changes') THEN
		outcome := 'not_editable';
		reason := format('an initiative whose status is %s cannot be withdrawn', r.status);
	ELSIF p_base_version <> 0 AND r.version <> p_base_version THEN
		outcome := 'conflict';
		reason := format('withdrawal made from version %s, the server has version %s',
				 p_base_version, r.version);
	ELSE
		UPDATE initiatives i SET status = 'withdrawn', version = i.version + 1,
					 updated_at = clock_timestamp()
		WHERE i.id = r.id;
		IF coalesce(p_reason, '') <> '' THEN
			SELECT c.label INTO v_label FROM credentials c WHERE c.id = p_credential;
			INSERT INTO initiative_notes (initiative_id, credential_id, author, status,
						      body)
			VALUES (r.id, p_credential, coalesce(v_label, ''), 'withdrawn', p_reason);
		END IF;
		outcome := 'accepted';
	END IF;
	SELECT * INTO cur FROM sk_server_initiatives v WHERE v.record_id = r.id;
	RETURN NEXT;
END
$$;
