-- The counting facets of the initiatives of the given units, counted from
-- initiatives itself and summed per key.
CREATE OR REPLACE FUNCTION sk_report_counted(p_units bigint[])
RETURNS TABLE (facet "char", applied_on date, key text, submitted bigint, recognized bigint)
LANGUAGE sql STABLE AS $$
	SELECT k.facet, i.applied_on, k.key, count(*),
	       count(*) FILTER (WHERE sk_is_recognized(i.status))
	FROM initiatives i
	CROSS JOIN LATERAL sk_report_keys(i.kind, coalesce(i.theme, ''),
					  sk_report_week(i.received_at)) k
	WHERE i.unit_id = ANY(p_units) AND i.status <> 'withdrawn'
	GROUP BY 1, 2, 3
$$;
