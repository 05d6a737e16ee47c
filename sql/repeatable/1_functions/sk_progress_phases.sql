-- The 'phase' rows of a progress reply, in the campaign's order.
CREATE OR REPLACE FUNCTION sk_progress_phases(p_campaign int)
RETURNS SETOF sk_progress_row
LANGUAGE sql STABLE AS $$
	SELECT 'phase', p.code, p.name, p.starts_on::text, p.ends_on::text, NULL::text,
	       NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::text, NULL::text,
	       NULL::text
	FROM sk_campaign_phases(p_campaign) p
	ORDER BY p.n
$$;
