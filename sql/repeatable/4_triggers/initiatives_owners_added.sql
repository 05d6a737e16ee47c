-- New initiatives' unit and credential exist, checked once per statement
-- (sk_initiatives_owners_exist).
CREATE OR REPLACE TRIGGER initiatives_owners_added AFTER INSERT ON initiatives
	REFERENCING NEW TABLE AS added
	FOR EACH STATEMENT EXECUTE FUNCTION sk_initiatives_owners_exist();
