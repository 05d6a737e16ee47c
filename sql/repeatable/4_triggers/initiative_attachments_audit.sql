-- Every attach and detach goes to the audit trail (sk_audit).
CREATE OR REPLACE TRIGGER initiative_attachments_audit
	AFTER INSERT OR UPDATE OR DELETE ON initiative_attachments
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
