-- FileChunkRequest (PROTOCOL.md 10.6): at most p_max bytes from p_offset of
-- file p_sha attached now to initiative p_uuid, which must be in scope
-- p_scope (NULL: the whole tree).  outcome:
--   not_found   no initiative with this uuid (the caller tells operators
--               forbidden, as for one outside the scope)
--   forbidden   outside the scope
--   no_file     no such file attached to it now
--   bad_offset  p_offset above the size
--   ok          data holds the bytes (empty at the end)
-- A read from offset 0 is a download: recorded in dossier_downloads (and so
-- in the audit trail as the job's action) for p_credential.
CREATE OR REPLACE FUNCTION sk_file_read(p_scope bigint, p_uuid uuid, p_sha bytea, p_offset bigint,
					p_max int, p_credential bigint)
RETURNS TABLE (outcome text, size bigint, content_type text, data bytea)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	v_initiative bigint;
	v_unit bigint;
	f dossier_files%ROWTYPE;
BEGIN
	SELECT i.id, i.unit_id INTO v_initiative, v_unit FROM initiatives i WHERE i.uuid = p_uuid;
	IF NOT FOUND THEN
		outcome := 'not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF NOT sk_in_scope(v_unit, p_scope) THEN
		outcome := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT d.* INTO f FROM initiative_attachments a JOIN dossier_files d ON d.id = a.file_id
	WHERE a.initiative_id = v_initiative AND a.detached_at IS NULL AND d.sha256 = p_sha;
	IF NOT FOUND THEN
		outcome := 'no_file';
		RETURN NEXT;
		RETURN;
	END IF;
	size := f.size;
	content_type := f.content_type;
	IF p_offset < 0 OR p_offset > f.size THEN
		outcome := 'bad_offset';
		RETURN NEXT;
		RETURN;
	END IF;
	IF p_offset = 0 THEN
		INSERT INTO dossier_downloads (credential_id, initiative_id, file_id, sha256)
		VALUES (p_credential, v_initiative, f.id, f.sha256);
	END IF;
	data := sk_file_slice(f.id, p_offset, p_max);
	outcome := 'ok';
	RETURN NEXT;
END
$$;
