-- Levels of the tree, national (1) down to grassroots (4).
CREATE OR REPLACE FUNCTION sk_level_rank(p_level text) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE p_level WHEN 'national' THEN 1 WHEN 'province' THEN 2
	       WHEN 'district' THEN 3 WHEN 'grassroots' THEN 4 END
$$;
