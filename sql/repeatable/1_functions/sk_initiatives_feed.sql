-- Every insert or update of an initiative takes the next number of its unit's feed.
CREATE OR REPLACE FUNCTION sk_initiatives_feed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	-- The UPDATE of sk_feed_next, as a statement whose plan PL/pgSQL keeps
	-- (a call of the SQL function plans its body again every time); the
	-- unit's first change creates its row there.
	UPDATE unit_feed f SET last_seq = f.last_seq + 1 WHERE f.unit_id = NEW.unit_id
	RETURNING f.last_seq INTO NEW.feed_seq;
	IF NOT FOUND THEN
		NEW.feed_seq := sk_feed_next(NEW.unit_id);
	END IF;
	RETURN NEW;
END
$$;
