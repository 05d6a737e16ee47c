-- Who asks and what for, for the audit trigger (sk_audit); local to the transaction.
CREATE OR REPLACE FUNCTION sk_set_actor(p_credential bigint, p_action text) RETURNS void
LANGUAGE sql AS $$
	SELECT set_config('sangkien.actor', coalesce(p_credential::text, ''), true),
	       set_config('sangkien.action', coalesce(p_action, ''), true)
$$;
