-- Row trigger of units (units_report_moved): a unit given another parent
-- moves what its units put into the counters from its old root's counters
-- to its new root's.  A unit that stops being a root loses its counters; one
-- that becomes a root gets those of the units below it.  Deltas still
-- waiting are folded later into the root they are under then.
CREATE OR REPLACE FUNCTION sk_report_unit_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v_old_root bigint;
	v_new_root bigint;
	v_below bigint[];
BEGIN
	PERFORM sk_report_lock(true);
	-- New statements, new snapshots: the tree and the counters as the
	-- last fold before the lock left them.
	v_old_root := sk_report_root(OLD.parent_id);
	v_new_root := sk_report_root(NEW.parent_id);
	IF v_old_root = v_new_root THEN
		RETURN NULL;
	END IF;
	v_below := ARRAY(SELECT t.id FROM sk_subtree(NEW.id) t WHERE t.id <> NEW.id);
	IF v_old_root IS NULL THEN
		DELETE FROM report_counts c WHERE c.unit_id = NEW.id;
	ELSE
		PERFORM sk_report_add(v_old_root, v_below || NEW.id, -1);
	END IF;
	IF v_new_root IS NULL THEN
		PERFORM sk_report_add(NEW.id, v_below, 1);
	ELSE
		PERFORM sk_report_add(v_new_root, v_below || NEW.id, 1);
	END IF;
	RETURN NULL;
END
$$;
