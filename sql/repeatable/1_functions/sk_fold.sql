-- Text folded for comparison: diacritics removed (Vietnamese included:
-- "Đổi mới" -> "doi moi"), lower case.  unaccent() is only STABLE because
-- its dictionary could change; naming the dictionary explicitly makes the
-- result depend on the argument alone, which is what an index needs.
-- The trigram indexes of sql/004 are built on it: a change of its result
-- needs a versioned migration that rebuilds them.
CREATE OR REPLACE FUNCTION sk_fold(p text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT lower(public.unaccent('public.unaccent'::regdictionary, p))
$$;
