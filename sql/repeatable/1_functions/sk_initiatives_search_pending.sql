-- A changed title waits for sk_search_index.
CREATE OR REPLACE FUNCTION sk_initiatives_search_pending() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO initiative_search_pending (initiative_id) VALUES (NEW.id);
	RETURN NULL;
END
$$;
