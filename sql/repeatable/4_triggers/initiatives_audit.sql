-- Every change of initiatives goes to the audit trail (sk_audit).
CREATE OR REPLACE TRIGGER initiatives_audit AFTER INSERT OR UPDATE OR DELETE ON initiatives
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
