-- Audit.  The server starts every writing transaction with
--   SELECT sk_set_actor(credential_id, action)
-- and the audit triggers (4_triggers/*_audit.sql) record each row change
-- with that actor and action (sk_audit_actor), the row before and after.
-- Secrets (credential and enrollment code hashes) are never copied into the
-- trail.  Submissions (inserts into initiatives) are recorded by
-- sk_audit_initiatives_added instead.
CREATE OR REPLACE FUNCTION sk_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	w record;
	v_before jsonb;
	v_after jsonb;
	v_row jsonb;
	v_unit bigint;
	v_initiative bigint;
BEGIN
	IF TG_OP <> 'INSERT' THEN
		v_before := to_jsonb(OLD) - 'secret_sha256' - 'code_sha256';
	END IF;
	IF TG_OP <> 'DELETE' THEN
		v_after := to_jsonb(NEW) - 'secret_sha256' - 'code_sha256';
	END IF;
	-- An update that changes nothing (or only the feed number) is no event.
	IF TG_OP = 'UPDATE' AND (v_before - 'feed_seq' - 'updated_at')
				 = (v_after - 'feed_seq' - 'updated_at') THEN
		RETURN NULL;
	END IF;
	SELECT * INTO w FROM sk_audit_actor(TG_TABLE_NAME || '.' || lower(TG_OP));
	v_row := coalesce(v_after, v_before);
	CASE TG_TABLE_NAME
	WHEN 'initiatives' THEN
		v_unit := (v_row ->> 'unit_id')::bigint;
		v_initiative := (v_row ->> 'id')::bigint;
	WHEN 'initiative_notes', 'initiative_attachments', 'dossier_downloads' THEN
		v_initiative := (v_row ->> 'initiative_id')::bigint;
		SELECT i.unit_id INTO v_unit FROM initiatives i WHERE i.id = v_initiative;
	WHEN 'units' THEN
		v_unit := (v_row ->> 'id')::bigint;
	ELSE
		v_unit := (v_row ->> 'unit_id')::bigint;
	END CASE;
	INSERT INTO audit_log (credential_id, actor, actor_role, action, table_name,
			       operation, unit_id, initiative_id, before, after)
	VALUES (w.credential_id, w.actor, w.actor_role, w.action, TG_TABLE_NAME, lower(TG_OP),
		v_unit, v_initiative, v_before, v_after);
	RETURN NULL;
END
$$;
