-- Whether committed file p_file is still wanted: attached to an initiative
-- now, or detached, committed or given to a unit since p_since.  The one
-- rule of sk_file_sweep.
CREATE OR REPLACE FUNCTION sk_file_in_use(p_file bigint, p_since timestamptz) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM initiative_attachments a
		       WHERE a.file_id = p_file
			 AND (a.detached_at IS NULL OR a.detached_at >= p_since))
	    OR EXISTS (SELECT 1 FROM unit_files uf
		       WHERE uf.file_id = p_file AND uf.committed_at >= p_since)
	    OR EXISTS (SELECT 1 FROM dossier_files d
		       WHERE d.id = p_file AND d.committed_at >= p_since)
$$;
