-- Count every unit's counters again for the current campaign, when
-- unit_counts_basis says they count for another (or none): what the
-- initiatives give less the deltas still waiting, which the fold calling
-- this adds next (both read in one statement, one snapshot, so the sum is
-- exact).  The caller holds sk_report_lock (sk_report_fold).
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
	INSERT INTO unit_counts (unit_id, phase_id, submitted, recognized)
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
	SELECT d.unit_id, coalesce(p.id, 0), sum(d.submitted), sum(d.recognized)
	FROM days d
	LEFT JOIN phases p ON p.campaign_id = v_campaign
			  AND d.applied_on BETWEEN p.starts_on AND p.ends_on
	GROUP BY 1, 2;
	UPDATE unit_counts_basis SET campaign_id = v_campaign;
END
$$;
