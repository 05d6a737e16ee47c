-- Every change of initiatives goes to the audit trail: updates and deletes
-- row by row (sk_audit), submissions once per statement (initiatives_audit_added).
CREATE OR REPLACE TRIGGER initiatives_audit AFTER UPDATE OR DELETE ON initiatives
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
