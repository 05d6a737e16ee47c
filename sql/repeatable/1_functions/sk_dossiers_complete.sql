-- The initiatives that have a complete dossier (PROTOCOL.md 10.1): at least
-- one file attached now; an initiative appears once per such file.  The
-- server's one statement of the rule, as a set a query joins to (inlined:
-- the planner picks which side to drive from); sk_dossier_complete asks it
-- of one initiative.  Clients read it from ServerInitiative.attachments, the
-- same rows.
CREATE OR REPLACE FUNCTION sk_dossiers_complete() RETURNS TABLE (initiative_id bigint)
LANGUAGE sql STABLE AS $$
	SELECT a.initiative_id FROM initiative_attachments a WHERE a.detached_at IS NULL
$$;
