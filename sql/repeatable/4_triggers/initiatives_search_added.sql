-- New initiatives wait for the search index, a batch in one INSERT
-- (sk_initiatives_search_added).
CREATE OR REPLACE TRIGGER initiatives_search_added AFTER INSERT ON initiatives
	REFERENCING NEW TABLE AS added
	FOR EACH STATEMENT EXECUTE FUNCTION sk_initiatives_search_added();
