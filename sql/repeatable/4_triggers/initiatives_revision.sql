-- The first revision of every initiative (sk_initiatives_revision).
CREATE OR REPLACE TRIGGER initiatives_revision AFTER INSERT ON initiatives
	FOR EACH ROW EXECUTE FUNCTION sk_initiatives_revision();
