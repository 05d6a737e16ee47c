-- UploadChunk (PROTOCOL.md 10.3): store p_data at p_offset of unit
-- p_unit's upload of p_sha.  outcome:
--   committed     the unit committed this file already: nothing stored
--   not_found     no upload of it by this unit
--   wrong_offset  p_offset is not what is held (received): nothing stored
--   too_long      the data would pass the declared size: nothing stored
--   stored        stored; received is the new count
-- p_state is the SHA-256 state after the data (020_upload_hash) computed
-- by the server from p_prev: taken only when p_prev is the state held and
-- the data goes on where it ends, so the state held is always that of the
-- bytes held; else the hash stays behind (hashed < received) and the
-- commit reads the rest.  NULL p_state: not hashed by the server.
-- The upload's row lock orders concurrent chunks of one upload.
CREATE OR REPLACE FUNCTION sk_upload_chunk(p_unit bigint, p_sha bytea, p_offset bigint,
					   p_data bytea, p_prev bytea, p_state bytea)
RETURNS TABLE (outcome text, size bigint, received bigint, content_type text, hashed bigint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	f dossier_files%ROWTYPE;
	v_chain boolean;
BEGIN
	SELECT d.* INTO f FROM unit_files uf JOIN dossier_files d ON d.id = uf.file_id
	WHERE uf.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'committed';
	IF FOUND THEN
		outcome := 'committed';
		size := f.size;
		received := f.size;
		content_type := f.content_type;
		hashed := f.size;
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT d.* INTO f FROM dossier_files d
	WHERE d.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'uploading' FOR UPDATE;
	IF NOT FOUND THEN
		outcome := 'not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	size := f.size;
	received := f.received;
	content_type := f.content_type;
	hashed := f.hashed;
	IF f.received <> p_offset THEN
		outcome := 'wrong_offset';
	ELSIF p_offset + length(p_data) > f.size THEN
		outcome := 'too_long';
	ELSE
		v_chain := p_state IS NOT NULL AND f.hashed = p_offset
			   AND f.hash_state IS NOT DISTINCT FROM p_prev;
		INSERT INTO dossier_chunks (file_id, off, data) VALUES (f.id, p_offset, p_data);
		UPDATE dossier_files d SET received = d.received + length(p_data), touched_at = now(),
			hashed = CASE WHEN v_chain THEN d.received + length(p_data) ELSE d.hashed END,
			hash_state = CASE WHEN v_chain THEN p_state ELSE d.hash_state END
		WHERE d.id = f.id;
		received := f.received + length(p_data);
		hashed := CASE WHEN v_chain THEN received ELSE f.hashed END;
		outcome := 'stored';
	END IF;
	RETURN NEXT;
END
$$;
