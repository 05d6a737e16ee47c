-- Committed files attached to no initiative (013_unattached_files): remove,
-- at most p_limit at a time, the bytes of those not in use
-- (sk_file_in_use) for p_keep_s seconds.  Returns how many.
--
-- Each candidate is locked, then judged again by a statement of its own
-- (a newer snapshot): an attach (sk_attach_file) or a commit
-- (sk_upload_commit_finish) that held the row meanwhile is seen, and one
-- holding it now is skipped, so no file goes while being attached.
CREATE OR REPLACE FUNCTION sk_file_sweep(p_keep_s bigint, p_limit int) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	v_since timestamptz := now() - make_interval(secs => p_keep_s);
	v_id bigint;
	v_removed bigint := 0;
BEGIN
	FOR v_id IN
		SELECT d.id FROM dossier_files d
		WHERE d.state = 'committed' AND NOT sk_file_in_use(d.id, v_since)
		ORDER BY d.id LIMIT p_limit
		FOR UPDATE SKIP LOCKED
	LOOP
		CONTINUE WHEN sk_file_in_use(v_id, v_since);
		DELETE FROM dossier_chunks c WHERE c.file_id = v_id;
		DELETE FROM unit_files uf WHERE uf.file_id = v_id;
		UPDATE dossier_files d SET state = 'removed', removed_at = now() WHERE d.id = v_id;
		v_removed := v_removed + 1;
	END LOOP;
	RETURN v_removed;
END
$$;
