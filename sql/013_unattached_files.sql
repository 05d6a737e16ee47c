-- 013_unattached_files: a committed file attached to no initiative for
-- unattached_file_keep_s is removed by the dossiers' sweep (sk_file_sweep):
-- its bytes and the units' right to attach it go, its row stays as
-- 'removed' (removed_at), so that the attachments it had (detached) and the
-- downloads of it keep what they refer to.  A unit that attaches it again
-- uploads it again, as a new row.
ALTER TABLE dossier_files DROP CONSTRAINT dossier_files_state_check;
ALTER TABLE dossier_files ADD CONSTRAINT dossier_files_state_check
	CHECK (state IN ('uploading', 'committed', 'removed'));
ALTER TABLE dossier_files ADD COLUMN removed_at timestamptz;
ALTER TABLE dossier_files ADD CONSTRAINT dossier_files_removed_check
	CHECK ((state = 'removed') = (removed_at IS NOT NULL));
