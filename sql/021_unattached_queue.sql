-- 021_unattached_queue: the committed files attached to no initiative, each
-- with since when it has been unused (sk_file_unattached_since: its
-- commit, a unit's commit of it, its last detach), kept up to date by
-- triggers of initiative_attachments and unit_files, so that the sweep of
-- unattached files (sk_file_sweep) reads these, oldest first, instead of
-- judging every committed file at every run.
CREATE TABLE unattached_files (
	file_id bigint PRIMARY KEY REFERENCES dossier_files (id) ON DELETE CASCADE,
	since   timestamptz NOT NULL
);
CREATE INDEX unattached_files_since_idx ON unattached_files (since);

-- The files unattached now (the rule of sk_file_unattached_since, written
-- here since a step calls no repeatable function).
INSERT INTO unattached_files (file_id, since)
SELECT d.id, greatest(d.committed_at,
		      (SELECT max(uf.committed_at) FROM unit_files uf WHERE uf.file_id = d.id),
		      (SELECT max(a.detached_at) FROM initiative_attachments a
		       WHERE a.file_id = d.id))
FROM dossier_files d
WHERE d.state = 'committed'
  AND NOT EXISTS (SELECT 1 FROM initiative_attachments a
		  WHERE a.file_id = d.id AND a.detached_at IS NULL);
