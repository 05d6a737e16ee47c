-- At most p_max bytes of file p_file from p_offset (empty at or past its
-- end): the chunk holding p_offset and those after it, each read only as
-- far as needed (dossier_chunks.data is EXTERNAL).  Downloads
-- (sk_file_read) and the commit's reading of a file's head and tail.
CREATE OR REPLACE FUNCTION sk_file_slice(p_file bigint, p_offset bigint, p_max int)
RETURNS bytea
LANGUAGE sql STABLE AS $$
	SELECT coalesce(string_agg(substring(c.data
			FROM (greatest(p_offset - c.off, 0) + 1)::int
			FOR (least(c.off + length(c.data), p_offset + p_max)
			     - greatest(c.off, p_offset))::int), ''::bytea ORDER BY c.off), ''::bytea)
	FROM dossier_chunks c
	WHERE c.file_id = p_file
	  AND c.off >= coalesce((SELECT max(h.off) FROM dossier_chunks h
				 WHERE h.file_id = p_file AND h.off <= p_offset), 0)
	  AND c.off < p_offset + p_max AND c.off + length(c.data) > p_offset
$$;
