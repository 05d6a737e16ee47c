-- Every change of credentials goes to the audit trail (sk_audit).
CREATE OR REPLACE TRIGGER credentials_audit AFTER INSERT OR UPDATE OR DELETE ON credentials
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
