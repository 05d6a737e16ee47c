-- The current campaign's phases on other days: the units' counters are
-- counted again (sk_unit_counts_outdated).
CREATE OR REPLACE TRIGGER phases_unit_counts AFTER INSERT OR UPDATE OR DELETE ON phases
	FOR EACH ROW EXECUTE FUNCTION sk_unit_counts_outdated();
