-- Trigger function: the initiatives inserted (statement trigger over the
-- transition table "added") or whose owner changed (row trigger) name a
-- unit that exists, and a credential that exists when they name one: what
-- the foreign keys dropped by sql/022 checked row by row.  Neither can go
-- away afterwards (sk_never_deleted).
CREATE OR REPLACE FUNCTION sk_initiatives_owners_exist() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v_bad record;
BEGIN
	IF TG_LEVEL = 'ROW' THEN
		SELECT NEW.id, NEW.unit_id, NEW.credential_id INTO v_bad
		WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = NEW.unit_id)
		   OR (NEW.credential_id IS NOT NULL
		       AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.id = NEW.credential_id));
	ELSE
		SELECT a.id, a.unit_id, a.credential_id INTO v_bad
		FROM added a
		WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = a.unit_id)
		   OR (a.credential_id IS NOT NULL
		       AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.id = a.credential_id))
		LIMIT 1;
	END IF;
	IF FOUND THEN
		RAISE foreign_key_violation USING
			MESSAGE = format('initiative %s: unit %s or credential %s does not exist',
					 v_bad.id, v_bad.unit_id, v_bad.credential_id);
	END IF;
	RETURN NULL;
END
$$;
