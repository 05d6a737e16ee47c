-- Every change of quotas goes to the audit trail (sk_audit).
CREATE OR REPLACE TRIGGER quotas_audit AFTER INSERT OR UPDATE OR DELETE ON quotas
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
