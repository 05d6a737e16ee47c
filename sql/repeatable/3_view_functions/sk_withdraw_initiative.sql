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
	l record;
	r initiatives%ROWTYPE;
	v_label text;
BEGIN
	SELECT * INTO l FROM sk_unit_initiative_lock(p_uuid, p_unit);
	IF l.outcome <> 'ok' THEN
		outcome := l.outcome;
		reason := l.reason;
		RETURN NEXT;
		RETURN;
	END IF;
	r := l.initiative;
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
