-- Audit.  The server starts every writing transaction with
--   SELECT sk_set_actor(credential_id, action)
-- and the audit triggers (4_triggers/*_audit.sql) record each row change
-- with that actor and action, the row before and after.  Secrets
-- (credential and enrollment code hashes) are never copied into the trail.
-- A submission (an insert into initiatives) records a reference to the
-- revision it created instead of a copy: initiative id and version 1 with
-- the content's SHA-256 and title; the content itself is the initiative's
-- row, or initiative_revisions once a later version has replaced it.
CREATE OR REPLACE FUNCTION sk_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v_cred bigint := nullif(current_setting('sangkien.actor', true), '')::bigint;
	v_action text := coalesce(nullif(current_setting('sangkien.action', true), ''),
				  TG_TABLE_NAME || '.' || lower(TG_OP));
	v_actor text := '';
	v_role text := 'server';
	v_before jsonb;
	v_after jsonb;
	v_row jsonb;
	v_unit bigint;
	v_initiative bigint;
BEGIN
	IF TG_OP <> 'INSERT' THEN
		v_before := to_jsonb(OLD) - 'secret_sha256' - 'code_sha256';
	END IF;
	IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'initiatives' THEN
		v_after := jsonb_build_object('id', NEW.id, 'uuid', NEW.uuid, 'unit_id', NEW.unit_id,
					      'version', NEW.version, 'status', NEW.status,
					      'title', NEW.title, 'content_sha256',
					      NEW.content_sha256);
	ELSIF TG_OP <> 'DELETE' THEN
		v_after := to_jsonb(NEW) - 'secret_sha256' - 'code_sha256';
	END IF;
	IF v_cred IS NOT NULL THEN
		-- Looked up once per transaction by sk_set_actor.
		v_actor := current_setting('sangkien.actor_label', true);
		v_role := nullif(current_setting('sangkien.actor_role', true), '');
		IF v_role IS NULL THEN
			SELECT c.label, c.role INTO v_actor, v_role FROM credentials c
			WHERE c.id = v_cred;
		END IF;
	END IF;
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
	-- An update that changes nothing (or only the feed number) is no event.
	IF TG_OP = 'UPDATE' AND (v_before - 'feed_seq' - 'updated_at')
				 = (v_after - 'feed_seq' - 'updated_at') THEN
		RETURN NULL;
	END IF;
	INSERT INTO audit_log (credential_id, actor, actor_role, action, table_name,
			       operation, unit_id, initiative_id, before, after)
	VALUES (v_cred, coalesce(v_actor, ''), coalesce(v_role, 'server'), v_action,
		TG_TABLE_NAME, lower(TG_OP), v_unit, v_initiative, v_before, v_after);
	RETURN NULL;
END
$$;
