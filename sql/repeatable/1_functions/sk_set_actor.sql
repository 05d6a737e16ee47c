-- Who asks and what for, for the audit trigger (sk_audit); local to the
-- transaction.  The credential's label and role are looked up here once,
-- not by the trigger for every row it records.
CREATE OR REPLACE FUNCTION sk_set_actor(p_credential bigint, p_action text) RETURNS void
LANGUAGE sql AS $$
	SELECT set_config('sangkien.actor', coalesce(p_credential::text, ''), true),
	       set_config('sangkien.action', coalesce(p_action, ''), true),
	       set_config('sangkien.actor_label',
			  coalesce((SELECT c.label FROM credentials c WHERE c.id = p_credential), ''),
			  true),
	       set_config('sangkien.actor_role',
			  coalesce((SELECT c.role FROM credentials c WHERE c.id = p_credential), ''),
			  true)
$$;
