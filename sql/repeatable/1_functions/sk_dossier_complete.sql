-- Whether initiative p_initiative has a complete dossier (the rule is
-- sk_dossiers_complete's).
CREATE OR REPLACE FUNCTION sk_dossier_complete(p_initiative bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM sk_dossiers_complete() d WHERE d.initiative_id = p_initiative)
$$;
