-- A campaign's phases in their order (by start).  Per-phase arrays below
-- follow this order.
CREATE OR REPLACE FUNCTION sk_campaign_phases(p_campaign int)
RETURNS TABLE (id int, n bigint, code text, name text, starts_on date, ends_on date)
LANGUAGE sql STABLE AS $$
	SELECT p.id, row_number() OVER (ORDER BY p.starts_on, p.code), p.code, p.name,
	       p.starts_on, p.ends_on
	FROM phases p WHERE p.campaign_id = p_campaign
	ORDER BY p.starts_on, p.code
$$;
