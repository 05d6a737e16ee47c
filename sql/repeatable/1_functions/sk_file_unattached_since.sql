-- Since when committed file p_file has been unused: the latest of its
-- commit, a unit's commit of it and its last detach; NULL while it is
-- attached to an initiative (or not committed).  The one rule of the
-- sweep of unattached files (sk_file_in_use, unattached_files).
CREATE OR REPLACE FUNCTION sk_file_unattached_since(p_file bigint) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
	SELECT greatest(d.committed_at,
			(SELECT max(uf.committed_at) FROM unit_files uf WHERE uf.file_id = d.id),
			(SELECT max(a.detached_at) FROM initiative_attachments a
			 WHERE a.file_id = d.id))
	FROM dossier_files d
	WHERE d.id = p_file AND d.state = 'committed'
	  AND NOT EXISTS (SELECT 1 FROM initiative_attachments a
			  WHERE a.file_id = d.id AND a.detached_at IS NULL)
$$;
