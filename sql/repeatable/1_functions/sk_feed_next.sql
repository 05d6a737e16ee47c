-- The next number of a unit's change feed.  The number comes from an UPDATE
-- of the unit's unit_feed row, whose lock is held until the transaction
-- ends, so a unit's numbers are handed out in commit order: number n+1 is
-- only given after the transaction holding n has committed or rolled back.
-- A reader that has seen n+1 has therefore seen every committed n, and a
-- cursor "feed_seq > last seen" never skips a change.
CREATE OR REPLACE FUNCTION sk_feed_next(p_unit bigint) RETURNS bigint
LANGUAGE sql AS $$
	INSERT INTO unit_feed AS f (unit_id, last_seq) VALUES (p_unit, 1)
	ON CONFLICT (unit_id) DO UPDATE SET last_seq = f.last_seq + 1
	RETURNING last_seq
$$;
