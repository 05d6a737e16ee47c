-- UploadCommit, last step: the server read upload p_file's bytes and judged
-- them (p_verdict: ok, hash_mismatch or type_refused; p_found_type the type
-- found).  outcome:
--   committed                    kept (or an identical kept file given to
--                                the unit instead: stored once)
--   hash_mismatch, type_refused  the upload is dropped with its bytes
--   changed                      the upload is not the one that was read (it
--                                was restarted or dropped meanwhile)
CREATE OR REPLACE FUNCTION sk_upload_commit_finish(p_unit bigint, p_file bigint, p_sha bytea,
						   p_verdict text, p_found_type text)
RETURNS TABLE (outcome text, size bigint, received bigint, content_type text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	f dossier_files%ROWTYPE;
	v_kept bigint;
BEGIN
	SELECT d.* INTO f FROM dossier_files d
	WHERE d.id = p_file AND d.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'uploading'
	FOR UPDATE;
	IF NOT FOUND OR f.received <> f.size THEN
		outcome := 'changed';
		RETURN NEXT;
		RETURN;
	END IF;
	size := f.size;
	IF p_verdict <> 'ok' THEN
		DELETE FROM dossier_files d WHERE d.id = f.id;
		outcome := p_verdict;
		received := 0;
		content_type := f.content_type;
		RETURN NEXT;
		RETURN;
	END IF;
	-- Two units committing the same file at once: one keeps it.
	PERFORM pg_advisory_xact_lock(('x' || encode(substring(p_sha FROM 1 FOR 8), 'hex'))::bit(64)::bigint);
	-- Locked, so that the sweep of unattached files (sk_file_sweep) waits.
	SELECT d.id INTO v_kept FROM dossier_files d WHERE d.sha256 = p_sha AND d.state = 'committed'
	FOR SHARE;
	IF FOUND THEN
		DELETE FROM dossier_files d WHERE d.id = f.id;
	ELSE
		UPDATE dossier_files d SET state = 'committed', content_type = p_found_type,
					   committed_at = now(), touched_at = now()
		WHERE d.id = f.id;
		v_kept := f.id;
	END IF;
	INSERT INTO unit_files (unit_id, file_id) VALUES (p_unit, v_kept)
	ON CONFLICT DO NOTHING;
	outcome := 'committed';
	received := f.size;
	content_type := p_found_type;
	RETURN NEXT;
END
$$;
