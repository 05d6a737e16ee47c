-- Every download of a dossier's file goes to the audit trail (sk_audit).
CREATE OR REPLACE TRIGGER dossier_downloads_audit AFTER INSERT ON dossier_downloads
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
