-- A removed initiative leaves the reports' counters (sk_report_delta).
CREATE OR REPLACE TRIGGER initiatives_report_removed AFTER DELETE ON initiatives
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION sk_report_delta();
