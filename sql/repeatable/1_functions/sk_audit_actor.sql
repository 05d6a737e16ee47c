-- Who the audit trail names for the current change: the actor set by
-- sk_set_actor (credential, its label and role looked up there once per
-- transaction), or the server itself; p_default is the action when none
-- was set.  Used by the audit triggers (sk_audit, sk_audit_initiatives_added).
CREATE OR REPLACE FUNCTION sk_audit_actor(p_default text, OUT credential_id bigint,
					  OUT actor text, OUT actor_role text, OUT action text)
LANGUAGE plpgsql AS $$
BEGIN
	credential_id := nullif(current_setting('sangkien.actor', true), '')::bigint;
	action := coalesce(nullif(current_setting('sangkien.action', true), ''), p_default);
	actor := '';
	actor_role := 'server';
	IF credential_id IS NOT NULL THEN
		actor := current_setting('sangkien.actor_label', true);
		actor_role := nullif(current_setting('sangkien.actor_role', true), '');
		IF actor_role IS NULL THEN
			SELECT c.label, c.role INTO actor, actor_role FROM credentials c
			WHERE c.id = sk_audit_actor.credential_id;
		END IF;
	END IF;
	actor := coalesce(actor, '');
	actor_role := coalesce(actor_role, 'server');
END
$$;
