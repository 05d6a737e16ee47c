-- Another current campaign, or another start of it: the units' counters
-- are counted again (sk_unit_counts_outdated).
CREATE OR REPLACE TRIGGER campaigns_unit_counts AFTER INSERT OR UPDATE OR DELETE ON campaigns
	FOR EACH ROW EXECUTE FUNCTION sk_unit_counts_outdated();
