-- The audit of submissions (statement trigger initiatives_audit_added over
-- the transition table "added"): one audit row per new initiative with its
-- actor, recording a reference to the revision it created rather than a
-- copy: initiative id and version 1 with the content's SHA-256 and title;
-- the content itself is the initiative's row, or initiative_revisions once
-- a later version has replaced it.  The id and the unit are the row's
-- columns (initiative_id, unit_id), not repeated in the JSON.  The actor is
-- the transaction's (sk_set_actor) for the rows stored under its
-- credential; a row stored under another credential (the submits of
-- several units merged into one sk_submit_batch) names that credential, its
-- label and role, as its unit's own submit would have.
CREATE OR REPLACE FUNCTION sk_audit_initiatives_added() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	w record;
BEGIN
	SELECT * INTO w FROM sk_audit_actor('initiatives.insert');
	INSERT INTO audit_log (credential_id, actor, actor_role, action, table_name,
			       operation, unit_id, initiative_id, before, after)
	SELECT a.credential_id,
	       CASE WHEN a.credential_id IS NOT DISTINCT FROM w.credential_id THEN w.actor
		    ELSE coalesce((SELECT c.label FROM credentials c
				   WHERE c.id = a.credential_id), '') END,
	       CASE WHEN a.credential_id IS NOT DISTINCT FROM w.credential_id THEN w.actor_role
		    ELSE coalesce((SELECT c.role FROM credentials c
				   WHERE c.id = a.credential_id), 'server') END,
	       w.action, 'initiatives', 'insert', a.unit_id, a.id, NULL,
	       jsonb_build_object('uuid', a.uuid, 'version', a.version, 'status', a.status,
				  'title', a.title, 'content_sha256', a.content_sha256)
	FROM added a ORDER BY a.id;
	RETURN NULL;
END
$$;
