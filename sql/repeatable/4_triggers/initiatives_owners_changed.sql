-- An initiative given another unit or credential names ones that exist
-- (sk_initiatives_owners_exist); other updates pay nothing.
CREATE OR REPLACE TRIGGER initiatives_owners_changed
	AFTER UPDATE OF unit_id, credential_id ON initiatives
	FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id
			   OR OLD.credential_id IS DISTINCT FROM NEW.credential_id)
	EXECUTE FUNCTION sk_initiatives_owners_exist();
