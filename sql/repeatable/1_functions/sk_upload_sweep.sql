-- Abandoned uploads (PROTOCOL.md 10.7): drop, with their bytes, at most
-- p_limit uploads untouched for p_idle_s seconds.  Returns how many.
CREATE OR REPLACE FUNCTION sk_upload_sweep(p_idle_s bigint, p_limit int) RETURNS bigint
LANGUAGE sql AS $$
	WITH gone AS (
		DELETE FROM dossier_files d WHERE d.id IN (
			SELECT a.id FROM dossier_files a
			WHERE a.state = 'uploading'
			  AND a.touched_at < now() - make_interval(secs => p_idle_s)
			ORDER BY a.touched_at LIMIT p_limit
			FOR UPDATE SKIP LOCKED)
		RETURNING 1)
	SELECT count(*) FROM gone
$$;
