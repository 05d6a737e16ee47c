-- The initiatives an INSERT statement added wait for sk_search_index
-- (statement trigger initiatives_search_added; transition table "added").
CREATE OR REPLACE FUNCTION sk_initiatives_search_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO initiative_search_pending (initiative_id) SELECT a.id FROM added a;
	RETURN NULL;
END
$$;
