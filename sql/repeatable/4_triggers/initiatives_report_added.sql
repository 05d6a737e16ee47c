-- Submissions counted for reports once per statement (sk_report_delta).
CREATE OR REPLACE TRIGGER initiatives_report_added AFTER INSERT ON initiatives
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION sk_report_delta();
