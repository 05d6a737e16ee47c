-- The lock that orders folds of report_deltas (sk_report_fold) and moves
-- of units (sk_report_unit_moved), held to commit: a fold reads the tree,
-- a move changes what the counters above a unit hold.  p_wait false: true
-- only when it was free (a fold another server runs makes this one wait
-- for nothing).
CREATE OR REPLACE FUNCTION sk_report_lock(p_wait boolean) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
	IF p_wait THEN
		PERFORM pg_advisory_xact_lock(29547, 12);
		RETURN true;
	END IF;
	RETURN pg_try_advisory_xact_lock(29547, 12);
END
$$;
