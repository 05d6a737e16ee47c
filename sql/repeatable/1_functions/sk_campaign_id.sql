-- The campaign named by code, or the current one for ''.  NULL when none.
CREATE OR REPLACE FUNCTION sk_campaign_id(p_code text) RETURNS int
LANGUAGE sql STABLE AS $$
	SELECT c.id FROM campaigns c
	WHERE CASE WHEN p_code = '' THEN c.is_current ELSE c.code = p_code END
$$;
