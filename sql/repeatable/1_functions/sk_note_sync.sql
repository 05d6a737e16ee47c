-- Unit p_unit has just synced.  Changes unit_syncs only when the last sync
-- it holds is more than a minute old (or there is none): a later sync in
-- the same minute neither writes nor locks a row.  PL/pgSQL keeps its two
-- statements' plans (an SQL function planned both on every call: a tenth
-- of PostgreSQL's work in the rush); looked up by key whatever the plans
-- were made with, since a connection keeps them while unit_syncs grows
-- from nothing.
CREATE OR REPLACE FUNCTION sk_note_sync(p_unit bigint) RETURNS void
LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
	UPDATE unit_syncs SET last_sync_at = now()
	WHERE unit_id = p_unit AND last_sync_at < now() - interval '1 minute';
	IF NOT FOUND THEN
		INSERT INTO unit_syncs (unit_id, last_sync_at)
		SELECT p_unit, now()
		WHERE NOT EXISTS (SELECT 1 FROM unit_syncs y WHERE y.unit_id = p_unit)
		ON CONFLICT (unit_id) DO NOTHING;
	END IF;
END
$$;
