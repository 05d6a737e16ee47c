-- A unit moved under another parent moves its share of the reports'
-- counters along (sk_report_unit_moved).
CREATE OR REPLACE TRIGGER units_report_moved AFTER UPDATE OF parent_id ON units
	FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)
	EXECUTE FUNCTION sk_report_unit_moved();
