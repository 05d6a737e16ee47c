-- Each change of an initiative takes its unit's next feed number (sk_initiatives_feed).
CREATE OR REPLACE TRIGGER initiatives_feed BEFORE UPDATE ON initiatives
	FOR EACH ROW EXECUTE FUNCTION sk_initiatives_feed();
