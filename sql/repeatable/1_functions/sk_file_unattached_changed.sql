-- Row trigger of initiative_attachments and unit_files (their
-- *_unattached triggers): the file's row was attached, detached or given
-- to a unit, so its row of unattached_files follows.
CREATE OR REPLACE FUNCTION sk_file_unattached_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM sk_file_unattached_note(NEW.file_id);
	RETURN NULL;
END
$$;
