-- A phase target of the campaign the units' counters count for goes into
-- them (sk_unit_counts_target).
CREATE OR REPLACE TRIGGER phase_targets_unit_counts AFTER INSERT OR UPDATE OR DELETE
	ON phase_targets FOR EACH ROW EXECUTE FUNCTION sk_unit_counts_target();
