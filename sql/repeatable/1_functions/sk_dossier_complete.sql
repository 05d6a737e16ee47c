-- Whether initiative p_initiative has a complete dossier (PROTOCOL.md
-- 10.1): at least one file attached now.  The server's one statement of the
-- rule; clients read it from ServerInitiative.attachments, the same rows.
CREATE OR REPLACE FUNCTION sk_dossier_complete(p_initiative bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM initiative_attachments a
		       WHERE a.initiative_id = p_initiative AND a.detached_at IS NULL)
$$;
