-- Units are never deleted (sk_never_deleted).
CREATE OR REPLACE TRIGGER units_never_deleted BEFORE DELETE OR TRUNCATE ON units
	FOR EACH STATEMENT EXECUTE FUNCTION sk_never_deleted();
