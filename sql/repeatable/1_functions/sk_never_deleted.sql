-- Trigger function refusing any DELETE or TRUNCATE of its table: units and
-- credentials are named by initiatives without a foreign key (sql/022), so
-- they must never go.  A unit leaves its tree by moving to another parent;
-- a credential ends by being revoked, and its audit history stays readable.
CREATE OR REPLACE FUNCTION sk_never_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE restrict_violation USING
		MESSAGE = format('%s are never deleted (a unit moves, a credential is revoked)',
				 TG_TABLE_NAME);
END
$$;
