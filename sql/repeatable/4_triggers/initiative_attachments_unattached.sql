-- A file attached or detached: whether and since when it is unattached
-- (sk_file_unattached_changed).
CREATE OR REPLACE TRIGGER initiative_attachments_unattached
	AFTER INSERT OR UPDATE OF detached_at ON initiative_attachments
	FOR EACH ROW EXECUTE FUNCTION sk_file_unattached_changed();
