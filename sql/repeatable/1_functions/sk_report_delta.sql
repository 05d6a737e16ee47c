-- Statement trigger of initiatives (initiatives_report_*): what the
-- statement changed in the counting, as rows of report_deltas (one per unit
-- and counting key, summed), in the same transaction.  An initiative counts
-- unless withdrawn; recognized by sk_is_recognized.  Updates that leave
-- every counting key as it was add nothing.
CREATE OR REPLACE FUNCTION sk_report_delta() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO report_deltas (unit_id, applied_on, kind, theme, week, submitted, recognized)
		SELECT n.unit_id, n.applied_on, n.kind, coalesce(n.theme, ''),
		       sk_report_week(n.received_at), count(*),
		       count(*) FILTER (WHERE sk_is_recognized(n.status))
		FROM new_rows n WHERE n.status <> 'withdrawn'
		GROUP BY 1, 2, 3, 4, 5;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO report_deltas (unit_id, applied_on, kind, theme, week, submitted, recognized)
		SELECT o.unit_id, o.applied_on, o.kind, coalesce(o.theme, ''),
		       sk_report_week(o.received_at), -count(*),
		       -count(*) FILTER (WHERE sk_is_recognized(o.status))
		FROM old_rows o WHERE o.status <> 'withdrawn'
		GROUP BY 1, 2, 3, 4, 5;
	ELSE
		INSERT INTO report_deltas (unit_id, applied_on, kind, theme, week, submitted, recognized)
		SELECT x.unit_id, x.applied_on, x.kind, coalesce(x.theme, ''),
		       sk_report_week(x.received_at), sum(x.sign), sum(x.sign * x.rec)
		FROM (SELECT o.unit_id, o.applied_on, o.kind, o.theme, o.received_at, -1 AS sign,
			     sk_is_recognized(o.status)::int AS rec
		      FROM old_rows o WHERE o.status <> 'withdrawn'
		      UNION ALL
		      SELECT n.unit_id, n.applied_on, n.kind, n.theme, n.received_at, 1,
			     sk_is_recognized(n.status)::int
		      FROM new_rows n WHERE n.status <> 'withdrawn') x
		GROUP BY 1, 2, 3, 4, 5
		HAVING sum(x.sign) <> 0 OR sum(x.sign * x.rec) <> 0;
	END IF;
	RETURN NULL;
END
$$;
