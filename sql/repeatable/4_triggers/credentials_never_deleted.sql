-- Credentials are never deleted (sk_never_deleted).
CREATE OR REPLACE TRIGGER credentials_never_deleted BEFORE DELETE OR TRUNCATE ON credentials
	FOR EACH STATEMENT EXECUTE FUNCTION sk_never_deleted();
