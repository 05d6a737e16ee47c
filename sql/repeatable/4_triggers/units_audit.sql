-- Every change of units goes to the audit trail (sk_audit).
CREATE OR REPLACE TRIGGER units_audit AFTER INSERT OR UPDATE OR DELETE ON units
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
