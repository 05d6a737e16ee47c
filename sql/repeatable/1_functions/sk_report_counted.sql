-- The counting facets of the initiatives of the given units (those of
-- sk_report_keys: kind, theme, week received), counted from initiatives
-- itself and summed per key: one pass of the counting index, a grouping set
-- for each facet.
CREATE OR REPLACE FUNCTION sk_report_counted(p_units bigint[])
RETURNS TABLE (facet "char", applied_on date, key text, submitted bigint, recognized bigint)
LANGUAGE sql STABLE AS $$
	SELECT (CASE x.g WHEN 3 THEN 'k' WHEN 5 THEN 't' ELSE 'w' END)::"char", x.applied_on,
	       CASE x.g WHEN 3 THEN x.kind WHEN 5 THEN x.theme ELSE x.week END,
	       x.submitted, x.recognized
	FROM (SELECT i.applied_on, i.kind, coalesce(i.theme, '') AS theme,
		     to_char(sk_report_week(i.received_at), 'YYYY-MM-DD') AS week, count(*) AS submitted,
		     count(*) FILTER (WHERE sk_is_recognized(i.status)) AS recognized,
		     -- 3: (applied_on, kind), 5: (applied_on, theme), 6: (applied_on, week)
		     GROUPING(i.kind, coalesce(i.theme, ''),
			      to_char(sk_report_week(i.received_at), 'YYYY-MM-DD')) AS g
	      FROM initiatives i
	      WHERE i.unit_id = ANY(p_units) AND i.status <> 'withdrawn'
	      GROUP BY GROUPING SETS ((1, 2), (1, 3), (1, 4))) x
$$;
