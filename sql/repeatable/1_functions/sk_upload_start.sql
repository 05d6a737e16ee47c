-- UploadStart (PROTOCOL.md 10.2): where unit p_unit's upload of file p_sha
-- stands, started when new.  outcome:
--   committed      this unit committed the file already (received = size)
--   size_mismatch  it did, with another size
--   uploading      an upload in progress (restarted from 0 when it had
--                  another size or type: one hash has one length)
--   too_many       p_max_uploads uploads of the unit in progress already
-- hashed, hash_state: how much of an upload in progress is hashed, and the
-- state after it (020_upload_hash), for the server to go on from.
CREATE OR REPLACE FUNCTION sk_upload_start(p_unit bigint, p_sha bytea, p_size bigint,
					   p_type text, p_max_uploads int)
RETURNS TABLE (outcome text, size bigint, received bigint, content_type text, hashed bigint,
	       hash_state bytea)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	f dossier_files%ROWTYPE;
BEGIN
	SELECT d.* INTO f FROM unit_files uf JOIN dossier_files d ON d.id = uf.file_id
	WHERE uf.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'committed';
	IF FOUND THEN
		outcome := CASE WHEN f.size = p_size THEN 'committed' ELSE 'size_mismatch' END;
		size := f.size;
		received := f.size;
		content_type := f.content_type;
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT d.* INTO f FROM dossier_files d
	WHERE d.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'uploading' FOR UPDATE;
	IF FOUND AND (f.size <> p_size OR f.content_type <> p_type) THEN
		-- A new row, so that a commit reading the old one cannot finish.
		DELETE FROM dossier_files d WHERE d.id = f.id;
		FOUND := false;
	END IF;
	IF NOT FOUND THEN
		-- Serialize the unit's new uploads so the count holds.
		PERFORM 1 FROM units u WHERE u.id = p_unit FOR NO KEY UPDATE;
		IF (SELECT count(*) FROM dossier_files d
		    WHERE d.unit_id = p_unit AND d.state = 'uploading') >= p_max_uploads THEN
			outcome := 'too_many';
			RETURN NEXT;
			RETURN;
		END IF;
		INSERT INTO dossier_files (sha256, size, content_type, state, unit_id)
		VALUES (p_sha, p_size, p_type, 'uploading', p_unit)
		ON CONFLICT (unit_id, sha256) WHERE state = 'uploading' DO NOTHING;
		SELECT d.* INTO STRICT f FROM dossier_files d
		WHERE d.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'uploading';
	ELSE
		UPDATE dossier_files d SET touched_at = now() WHERE d.id = f.id;
	END IF;
	outcome := 'uploading';
	size := f.size;
	received := f.received;
	content_type := f.content_type;
	hashed := f.hashed;
	hash_state := f.hash_state;
	RETURN NEXT;
END
$$;
