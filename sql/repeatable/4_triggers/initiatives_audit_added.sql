-- Every submission goes to the audit trail, a batch in one INSERT
-- (sk_audit_initiatives_added).
CREATE OR REPLACE TRIGGER initiatives_audit_added AFTER INSERT ON initiatives
	REFERENCING NEW TABLE AS added
	FOR EACH STATEMENT EXECUTE FUNCTION sk_audit_initiatives_added();
