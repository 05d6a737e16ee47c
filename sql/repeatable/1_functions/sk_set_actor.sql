-- Who asks and what for, for the audit trigger (sk_audit); local to the
-- transaction.  The credential's label and role are looked up here once,
-- not by the trigger for every row it records.  PL/pgSQL, so that the
-- lookup's plan is kept by the session: every writing transaction starts
-- here, and a SQL function parsed and planned its body on every call
-- (about a third of a one-item submit's database time).
CREATE OR REPLACE FUNCTION sk_set_actor(p_credential bigint, p_action text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	v_label text;
	v_role text;
BEGIN
	IF p_credential IS NOT NULL THEN
		SELECT c.label, c.role INTO v_label, v_role FROM credentials c WHERE c.id = p_credential;
	END IF;
	PERFORM set_config('sangkien.actor', coalesce(p_credential::text, ''), true),
		set_config('sangkien.action', coalesce(p_action, ''), true),
		set_config('sangkien.actor_label', coalesce(v_label, ''), true),
		set_config('sangkien.actor_role', coalesce(v_role, ''), true);
END
$$;
