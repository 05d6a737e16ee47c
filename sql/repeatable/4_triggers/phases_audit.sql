-- Every change of phases goes to the audit trail (sk_audit).
CREATE OR REPLACE TRIGGER phases_audit AFTER INSERT OR UPDATE OR DELETE ON phases
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
