-- Keep file p_file's row of unattached_files (021_unattached_queue) as
-- sk_file_unattached_since says now: none while it is attached.
CREATE OR REPLACE FUNCTION sk_file_unattached_note(p_file bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	v_since timestamptz := sk_file_unattached_since(p_file);
BEGIN
	IF v_since IS NULL THEN
		DELETE FROM unattached_files u WHERE u.file_id = p_file;
	ELSE
		INSERT INTO unattached_files (file_id, since) VALUES (p_file, v_since)
		ON CONFLICT (file_id) DO UPDATE SET since = excluded.since;
	END IF;
END
$$;
