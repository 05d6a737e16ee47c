-- A new enrollment code for a grassroots unit in the caller's scope.
-- outcome: ok | not_found | forbidden | not_grassroots
CREATE OR REPLACE FUNCTION sk_create_enrollment(p_unit_code text, p_scope bigint, p_creator bigint,
				     p_code_sha bytea, p_hours int)
RETURNS TABLE (outcome text, unit_code text, unit_name text, expires_unix_ms bigint)
LANGUAGE plpgsql AS $$
DECLARE
	u units%ROWTYPE;
	v_expires timestamptz;
BEGIN
	SELECT * INTO u FROM units WHERE code = p_unit_code;
	IF NOT FOUND THEN
		outcome := 'not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF NOT sk_in_scope(u.id, p_scope) THEN
		outcome := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	IF u.level <> 'grassroots' THEN
		outcome := 'not_grassroots';
		RETURN NEXT;
		RETURN;
	END IF;
	v_expires := now() + make_interval(hours => p_hours);
	INSERT INTO enrollment_codes (code_sha256, unit_id, created_by, expires_at)
	VALUES (p_code_sha, u.id, p_creator, v_expires);
	outcome := 'ok';
	unit_code := u.code;
	unit_name := u.name;
	expires_unix_ms := floor(extract(epoch FROM v_expires) * 1000)::bigint;
	RETURN NEXT;
END
$$;
