-- Every change of enrollment_codes goes to the audit trail (sk_audit).
CREATE OR REPLACE TRIGGER enrollment_codes_audit AFTER INSERT OR UPDATE OR DELETE ON enrollment_codes
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
