-- A credential for an operator (scoped to a unit) or an administrator,
-- asked for by p_caller whose scope is p_caller_scope (NULL: administrator).
-- An operator may only create operators scoped inside its own scope.
-- outcome: ok | not_found (scope unit) | forbidden
CREATE OR REPLACE FUNCTION sk_create_credential(p_role text, p_scope_code text, p_caller_scope bigint,
				     p_secret_sha bytea, p_label text)
RETURNS TABLE (outcome text, credential_id bigint, scope_code text, scope_name text)
LANGUAGE plpgsql AS $$
DECLARE
	u units%ROWTYPE;
BEGIN
	IF p_role = 'administrator' THEN
		IF p_caller_scope IS NOT NULL THEN
			outcome := 'forbidden';
			RETURN NEXT;
			RETURN;
		END IF;
		INSERT INTO credentials (secret_sha256, role, unit_id, label)
		VALUES (p_secret_sha, 'administrator', NULL, p_label)
		RETURNING id INTO credential_id;
		outcome := 'ok';
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT * INTO u FROM units WHERE code = p_scope_code;
	IF NOT FOUND THEN
		outcome := 'not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF NOT sk_in_scope(u.id, p_caller_scope) THEN
		outcome := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	INSERT INTO credentials (secret_sha256, role, unit_id, label)
	VALUES (p_secret_sha, 'operator', u.id, p_label)
	RETURNING id INTO credential_id;
	outcome := 'ok';
	scope_code := u.code;
	scope_name := u.name;
	RETURN NEXT;
END
$$;
