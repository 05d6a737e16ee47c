-- Changed titles wait for the search index (sk_initiatives_search_pending).
CREATE OR REPLACE TRIGGER initiatives_search AFTER UPDATE OF title ON initiatives
	FOR EACH ROW EXECUTE FUNCTION sk_initiatives_search_pending();
