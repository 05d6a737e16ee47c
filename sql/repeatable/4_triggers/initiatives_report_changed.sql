-- Edits, withdrawals and review decisions counted for reports once per
-- statement (sk_report_delta).
CREATE OR REPLACE TRIGGER initiatives_report_changed AFTER UPDATE ON initiatives
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION sk_report_delta();
