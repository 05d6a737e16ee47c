-- Committed files attached to no initiative (013_unattached_files): remove,
-- at most p_limit at a time, the bytes of those not in use
-- (sk_file_in_use) for p_keep_s seconds.  Returns how many.
--
-- The candidates are the oldest of unattached_files (021), not every
-- committed file.  Each is locked, then judged again by a statement of its
-- own (a newer snapshot): an attach (sk_attach_file) or a commit
-- (sk_upload_commit_finish) that held the row meanwhile is seen, and one
-- holding it now is skipped, so no file goes while being attached.  A
-- candidate found in use has its queue row put right.
CREATE OR REPLACE FUNCTION sk_file_sweep(p_keep_s bigint, p_limit int) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	v_since timestamptz := now() - make_interval(secs => p_keep_s);
	v_id bigint;
	v_removed bigint := 0;
BEGIN
	FOR v_id IN
		SELECT u.file_id FROM unattached_files u WHERE u.since < v_since
		ORDER BY u.since LIMIT p_limit
	LOOP
		PERFORM 1 FROM dossier_files d WHERE d.id = v_id
		FOR UPDATE SKIP LOCKED;
		CONTINUE WHEN NOT FOUND; -- held by an attach or a commit now
		IF sk_file_in_use(v_id, v_since) THEN
			PERFORM sk_file_unattached_note(v_id);
			CONTINUE;
		END IF;
		DELETE FROM dossier_chunks c WHERE c.file_id = v_id;
		DELETE FROM unit_files uf WHERE uf.file_id = v_id;
		DELETE FROM unattached_files u WHERE u.file_id = v_id;
		UPDATE dossier_files d SET state = 'removed', removed_at = now() WHERE d.id = v_id;
		v_removed := v_removed + 1;
	END LOOP;
	RETURN v_removed;
END
$$;
