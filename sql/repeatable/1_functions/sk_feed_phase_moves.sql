-- The phase of an initiative is computed when read (sk_server_initiatives), so a
-- moved phase boundary or another current campaign changes it without a
-- write.  sk_put_campaign calls this with the current campaign's phases as
-- they were before ([{"code", "starts_on", "ends_on"}, ...] in start
-- order): every initiative whose phase is now another takes its unit's next
-- feed number, so the unit's next pull brings the new phase.  Its version
-- stays (no edit or review happened).  Returns how many moved.
CREATE OR REPLACE FUNCTION sk_feed_phase_moves(p_before jsonb) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
	v_ids bigint[];
BEGIN
	v_ids := ARRAY(
		SELECT v.record_id FROM sk_server_initiatives v
		WHERE v.phase_code IS DISTINCT FROM coalesce((
			SELECT b ->> 'code' FROM jsonb_array_elements(p_before) b
			WHERE v.applied_on::date BETWEEN (b ->> 'starts_on')::date
						     AND (b ->> 'ends_on')::date
			ORDER BY (b ->> 'starts_on')::date LIMIT 1), ''));
	IF cardinality(v_ids) = 0 THEN
		RETURN 0;
	END IF;
	-- Lock order (sk_feed_lock): each unit's feed before its rows.
	PERFORM sk_feed_lock(u.unit_id)
	FROM (SELECT DISTINCT i.unit_id FROM initiatives i WHERE i.id = ANY (v_ids)
	      ORDER BY i.unit_id) u;
	-- The feed trigger gives each row its new number; the audit trigger
	-- records nothing for a change of the feed number alone.
	UPDATE initiatives i SET feed_seq = i.feed_seq WHERE i.id = ANY (v_ids);
	RETURN cardinality(v_ids);
END
$$;
