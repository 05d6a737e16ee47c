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
		-- The statement's few distinct owners looked up by key, once each: a
		-- NOT EXISTS per row is planned as a hash of every unit and every
		-- credential, read again for each statement (13,000 units: 5 ms).
		SELECT a.id, a.unit_id, a.credential_id INTO v_bad
		FROM added a
		WHERE a.unit_id <> ALL (ARRAY(
			SELECT u.id FROM units u
			WHERE u.id = ANY (ARRAY(SELECT DISTINCT b.unit_id FROM added b))))
		   OR (a.credential_id IS NOT NULL AND a.credential_id <> ALL (ARRAY(
			SELECT c.id FROM credentials c
			WHERE c.id = ANY (ARRAY(SELECT DISTINCT b.credential_id FROM added b
						WHERE b.credential_id IS NOT NULL)))))
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
