-- 022_initiative_owner_checks: an initiative's unit and credential are
-- checked once per statement (sk_initiatives_owners_exist) instead of by two
-- foreign keys, which PostgreSQL checks row by row: a query and a lock of
-- the unit's and the credential's rows for every initiative, a third of
-- what a batch's insert costs.  The other half of what the keys kept, that
-- nothing an initiative names is deleted, holds because units and
-- credentials are never deleted (sk_never_deleted): a unit leaves its tree by
-- moving, a credential by being revoked.
ALTER TABLE initiatives
	DROP CONSTRAINT initiatives_unit_id_fkey,
	DROP CONSTRAINT initiatives_credential_id_fkey;
