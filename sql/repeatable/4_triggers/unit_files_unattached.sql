-- A file committed by a unit (kept, or given to it as the identical kept
-- one): unused since then when attached nowhere (sk_file_unattached_changed).
CREATE OR REPLACE TRIGGER unit_files_unattached AFTER INSERT ON unit_files
	FOR EACH ROW EXECUTE FUNCTION sk_file_unattached_changed();
