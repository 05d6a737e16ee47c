-- Row trigger of units (units_scope_moved): a unit given another parent or
-- level moves what its units put into the scope counters (sql/026) from
-- the units that counted them to those that count them now; a unit that
-- stops keeping scope counters (it became a root or grassroots) loses its
-- own, one that starts gets what is below it.  Under sk_report_lock, as a
-- fold; deltas still waiting are folded later into the units above them
-- then.  Nothing while the counters count for no campaign (the next fold
-- counts them all).
CREATE OR REPLACE FUNCTION sk_scope_counts_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v_was boolean := sk_scope_holds(OLD.level, OLD.parent_id);
	v_is boolean := sk_scope_holds(NEW.level, NEW.parent_id);
	v_old bigint[];
	v_new bigint[];
	v_below bigint[];
BEGIN
	PERFORM sk_report_lock(true);
	-- New statements, new snapshots: the tree and the counters as the
	-- last fold before the lock left them.
	IF NOT EXISTS (SELECT 1 FROM unit_counts_basis b WHERE b.campaign_id IS NOT NULL) THEN
		RETURN NULL;
	END IF;
	v_old := sk_scope_above(OLD.parent_id);
	v_new := sk_scope_above(NEW.parent_id);
	IF v_was AND NOT v_is THEN
		DELETE FROM scope_counts c WHERE c.unit_id = NEW.id;
	ELSIF v_is AND NOT v_was THEN
		v_new := v_new || NEW.id;
	END IF;
	v_below := ARRAY(SELECT t.id FROM sk_subtree(NEW.id) t);
	PERFORM sk_scope_add(ARRAY(SELECT unnest(v_old) EXCEPT SELECT unnest(v_new)), v_below, -1);
	PERFORM sk_scope_add(ARRAY(SELECT unnest(v_new) EXCEPT SELECT unnest(v_old)), v_below, 1);
	RETURN NULL;
END
$$;
