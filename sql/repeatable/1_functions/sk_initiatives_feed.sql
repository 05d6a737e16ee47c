-- Every insert or update of an initiative takes the next number of its unit's feed.
CREATE OR REPLACE FUNCTION sk_initiatives_feed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.feed_seq := sk_feed_next(NEW.unit_id);
	RETURN NEW;
END
$$;
