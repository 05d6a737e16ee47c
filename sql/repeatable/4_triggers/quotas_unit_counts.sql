-- A quota of the campaign the units' counters count for goes into them
-- (sk_unit_counts_target).
CREATE OR REPLACE TRIGGER quotas_unit_counts AFTER INSERT OR UPDATE OR DELETE ON quotas
	FOR EACH ROW EXECUTE FUNCTION sk_unit_counts_target();
