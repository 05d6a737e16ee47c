-- Every change of phase_targets goes to the audit trail (sk_audit).
CREATE OR REPLACE TRIGGER phase_targets_audit AFTER INSERT OR UPDATE OR DELETE ON phase_targets
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
