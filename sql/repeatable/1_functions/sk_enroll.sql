-- Redeem a one-time enrollment code for a new unit credential.  Returns no
-- row when the code is unknown, used or expired.  The UPDATE takes the row
-- lock, so two redeemers of one code cannot both succeed.
CREATE OR REPLACE FUNCTION sk_enroll(p_code_sha bytea, p_secret_sha bytea, p_label text)
RETURNS TABLE (unit_code text, unit_name text, credential_id bigint)
LANGUAGE plpgsql AS $$
DECLARE
	v_code_id bigint;
	v_unit bigint;
	v_cred bigint;
BEGIN
	UPDATE enrollment_codes e SET used_at = now()
	WHERE e.code_sha256 = p_code_sha AND e.used_at IS NULL AND e.expires_at > now()
	RETURNING e.id, e.unit_id INTO v_code_id, v_unit;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	INSERT INTO credentials (secret_sha256, role, unit_id, label)
	VALUES (p_secret_sha, 'unit', v_unit, p_label)
	RETURNING id INTO v_cred;
	UPDATE enrollment_codes SET credential_id = v_cred WHERE id = v_code_id;
	RETURN QUERY SELECT u.code, u.name, v_cred FROM units u WHERE u.id = v_unit;
END
$$;
