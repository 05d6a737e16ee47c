-- Unit p_unit has just synced.  Changes unit_syncs only when the last sync
-- it holds is more than a minute old (or there is none): a later sync in
-- the same minute neither writes nor locks a row.
CREATE OR REPLACE FUNCTION sk_note_sync(p_unit bigint) RETURNS void
LANGUAGE sql AS $$
	UPDATE unit_syncs SET last_sync_at = now()
	WHERE unit_id = p_unit AND last_sync_at < now() - interval '1 minute';
	INSERT INTO unit_syncs (unit_id, last_sync_at)
	SELECT p_unit, now()
	WHERE NOT EXISTS (SELECT 1 FROM unit_syncs y WHERE y.unit_id = p_unit)
	ON CONFLICT (unit_id) DO NOTHING;
$$;
