-- Lock order.  Every change of an initiative takes its unit's unit_feed row
-- lock (the feed trigger, initiatives_feed) and holds it to commit.  A transaction
-- that changes several initiatives of a unit while another locks one of
-- them first (row, then feed) could deadlock; so every writer of the server
-- takes the unit's feed lock FIRST, with sk_feed_lock(unit), and only then
-- locks or updates initiative rows of that unit.  Writers of one unit are
-- serialized by the feed anyway, so this costs no concurrency.
CREATE OR REPLACE FUNCTION sk_feed_lock(p_unit bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM unit_feed f WHERE f.unit_id = p_unit FOR UPDATE;
	IF NOT FOUND THEN
		-- last_seq 0: the unit's first change still gets number 1.
		INSERT INTO unit_feed (unit_id, last_seq) VALUES (p_unit, 0)
		ON CONFLICT (unit_id) DO NOTHING;
		PERFORM 1 FROM unit_feed f WHERE f.unit_id = p_unit FOR UPDATE;
	END IF;
END
$$;
