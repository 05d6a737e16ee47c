-- A revision for every change of content (sk_initiatives_revision).
CREATE OR REPLACE TRIGGER initiatives_revision_edit AFTER UPDATE OF content_sha256 ON initiatives
	FOR EACH ROW WHEN (OLD.content_sha256 IS DISTINCT FROM NEW.content_sha256)
	EXECUTE FUNCTION sk_initiatives_revision();
