-- Count every unit's counters (with its targets, sql/028) and every
-- scope's (sql/026) again for the current campaign, when unit_counts_basis says they count for another (or
-- none): what the initiatives give less the deltas still waiting, which the
-- fold calling this adds next (both read in one statement, one snapshot, so
-- the sum is exact).  The caller holds sk_report_lock (sk_report_fold).
CREATE OR REPLACE FUNCTION sk_unit_counts_count() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	v_campaign int := sk_campaign_id('');
BEGIN
	IF EXISTS (SELECT 1 FROM unit_counts_basis b
		   WHERE b.campaign_id IS NOT DISTINCT FROM v_campaign) THEN
		RETURN;
	END IF;
	DELETE FROM unit_counts;
	INSERT INTO unit_counts (unit_id, phase_id, submitted, recognized, target)
	WITH k AS (SELECT k.counts_from FROM campaigns k WHERE k.id = v_campaign),
	days AS (
		SELECT i.unit_id, i.applied_on, count(*) AS submitted,
		       count(*) FILTER (WHERE sk_is_recognized(i.status)) AS recognized
		FROM initiatives i, k
		WHERE i.applied_on >= k.counts_from AND i.status <> 'withdrawn'
		GROUP BY 1, 2
		UNION ALL
		SELECT d.unit_id, d.applied_on, -sum(d.submitted), -sum(d.recognized)
		FROM report_deltas d, k
		WHERE d.applied_on >= k.counts_from
		GROUP BY 1, 2)
	SELECT x.unit_id, x.phase_id, sum(x.submitted), sum(x.recognized), sum(x.target)
	FROM (SELECT d.unit_id, coalesce(p.id, 0) AS phase_id, d.submitted, d.recognized,
		     0 AS target
	      FROM days d
	      LEFT JOIN phases p ON p.campaign_id = v_campaign
				AND d.applied_on BETWEEN p.starts_on AND p.ends_on
	      UNION ALL
	      -- The targets (sql/028): the quota in phase 0.
	      SELECT q.unit_id, 0, 0, 0, q.quota FROM quotas q WHERE q.campaign_id = v_campaign
	      UNION ALL
	      SELECT t.unit_id, t.phase_id, 0, 0, t.target
	      FROM phase_targets t JOIN phases p ON p.id = t.phase_id AND p.campaign_id = v_campaign) x
	GROUP BY 1, 2;
	DELETE FROM scope_counts;
	-- Each unit's facets per phase, added to every unit that counts them.
	INSERT INTO scope_counts (unit_id, phase_id, facet, key, submitted, recognized)
	WITH RECURSIVE up (unit_id, id, level, parent_id, depth) AS (
		SELECT u.id, u.id, u.level, u.parent_id, 0 FROM units u
		UNION ALL
		SELECT up.unit_id, p.id, p.level, p.parent_id, up.depth + 1
		FROM up JOIN units p ON p.id = up.parent_id WHERE up.depth < 64),
	k AS (SELECT k.counts_from FROM campaigns k WHERE k.id = v_campaign),
	per AS (
		SELECT d.unit_id, coalesce(p.id, 0) AS phase_id, f.facet, f.key,
		       sum(d.submitted) AS submitted, sum(d.recognized) AS recognized
		FROM (SELECT i.unit_id, i.applied_on, i.kind, coalesce(i.theme, '') AS theme,
			     sk_report_week(i.received_at) AS week, count(*) AS submitted,
			     count(*) FILTER (WHERE sk_is_recognized(i.status)) AS recognized
		      FROM initiatives i, k
		      WHERE i.applied_on >= k.counts_from AND i.status <> 'withdrawn'
		      GROUP BY 1, 2, 3, 4, 5
		      UNION ALL
		      SELECT d.unit_id, d.applied_on, d.kind, d.theme, d.week, -d.submitted,
			     -d.recognized
		      FROM report_deltas d, k
		      WHERE d.applied_on >= k.counts_from) d
		CROSS JOIN LATERAL sk_report_keys(d.kind, d.theme, d.week) f
		LEFT JOIN phases p ON p.campaign_id = v_campaign
				  AND d.applied_on BETWEEN p.starts_on AND p.ends_on
		GROUP BY 1, 2, 3, 4)
	SELECT up.id, per.phase_id, per.facet, per.key, sum(per.submitted), sum(per.recognized)
	FROM per JOIN up ON up.unit_id = per.unit_id
	WHERE sk_scope_holds(up.level, up.parent_id)
	GROUP BY 1, 2, 3, 4
	HAVING sum(per.submitted) <> 0 OR sum(per.recognized) <> 0;
	UPDATE unit_counts_basis SET campaign_id = v_campaign;
END
$$;
