-- UploadCommit, first step (PROTOCOL.md 10.4): is unit p_unit's upload of
-- p_sha ready to be checked?  outcome:
--   committed   the unit committed it already
--   not_found   no upload of it by this unit
--   incomplete  received < size
--   ready       all bytes held: file_id is the upload, whose chunks the
--               server then hashes from `hashed` on, going on from
--               hash_state (020_upload_hash), before sk_upload_commit_finish
CREATE OR REPLACE FUNCTION sk_upload_commit_begin(p_unit bigint, p_sha bytea)
RETURNS TABLE (outcome text, file_id bigint, size bigint, received bigint, content_type text,
	       hashed bigint, hash_state bytea)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
	f dossier_files%ROWTYPE;
BEGIN
	SELECT d.* INTO f FROM unit_files uf JOIN dossier_files d ON d.id = uf.file_id
	WHERE uf.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'committed';
	IF FOUND THEN
		outcome := 'committed';
	ELSE
		SELECT d.* INTO f FROM dossier_files d
		WHERE d.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'uploading';
		IF NOT FOUND THEN
			outcome := 'not_found';
			RETURN NEXT;
			RETURN;
		END IF;
		outcome := CASE WHEN f.received = f.size THEN 'ready' ELSE 'incomplete' END;
	END IF;
	file_id := f.id;
	size := f.size;
	received := f.received;
	content_type := f.content_type;
	hashed := f.hashed;
	hash_state := f.hash_state;
	RETURN NEXT;
END
$$;
