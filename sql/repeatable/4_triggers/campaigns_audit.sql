-- Every change of campaigns goes to the audit trail (sk_audit).
CREATE OR REPLACE TRIGGER campaigns_audit AFTER INSERT OR UPDATE OR DELETE ON campaigns
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
