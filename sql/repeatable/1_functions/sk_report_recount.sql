-- Count everything again from initiatives: report_counts emptied and every
-- counting initiative queued in report_deltas for the next fold, which
-- counts the units' and scopes' counters (with the units' targets) again
-- first, for the current campaign (sk_unit_counts_count).  For data loaded
-- with the triggers off (the benchmarks' generators).
CREATE OR REPLACE FUNCTION sk_report_recount() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM sk_report_lock(true);
	DELETE FROM report_counts;
	UPDATE unit_counts_basis SET campaign_id = NULL;
	DELETE FROM report_deltas;
	INSERT INTO report_deltas (unit_id, applied_on, kind, theme, week, submitted, recognized)
	SELECT i.unit_id, i.applied_on, i.kind, coalesce(i.theme, ''), sk_report_week(i.received_at),
	       count(*), count(*) FILTER (WHERE sk_is_recognized(i.status))
	FROM initiatives i WHERE i.status <> 'withdrawn'
	GROUP BY 1, 2, 3, 4, 5;
END
$$;
