-- Every change of initiative_notes goes to the audit trail (sk_audit).
CREATE OR REPLACE TRIGGER initiative_notes_audit AFTER INSERT OR UPDATE OR DELETE ON initiative_notes
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
