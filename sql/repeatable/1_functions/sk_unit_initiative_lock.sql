-- The initiative p_uuid of unit p_unit, locked for a change under the rules
-- of edits (edit, withdraw, attach, detach): looked up, then the unit's feed
-- lock, then the initiative's row lock, in that order (the unit of an
-- initiative never changes).  outcome:
--   not_found  no initiative with this uuid (reason says)
--   forbidden  another unit's (reason says; initiative is NULL)
--   ok         initiative is the row as locked
CREATE OR REPLACE FUNCTION sk_unit_initiative_lock(p_uuid uuid, p_unit bigint,
						   OUT outcome text, OUT reason text,
						   OUT initiative initiatives)
LANGUAGE plpgsql AS $$
BEGIN
	SELECT * INTO initiative FROM initiatives i WHERE i.uuid = p_uuid;
	IF NOT FOUND THEN
		outcome := 'not_found';
		reason := 'no initiative with this uuid';
		RETURN;
	END IF;
	IF initiative.unit_id <> p_unit THEN
		outcome := 'forbidden';
		reason := 'this initiative belongs to another unit';
		initiative := NULL;
		RETURN;
	END IF;
	PERFORM sk_feed_lock(p_unit);
	SELECT * INTO STRICT initiative FROM initiatives i WHERE i.id = initiative.id FOR UPDATE;
	outcome := 'ok';
END
$$;
