-- From how many units asked at once sk_units_figures reads the units'
-- counters, and a scope's report its scope counters (sk_report_phase_facets),
-- with the queue of deltas rather than counting their initiatives by index:
-- a few units' initiatives are fewer than the queue a rush fills.  The
-- setting sangkien.units_counted_from, else 64.
CREATE OR REPLACE FUNCTION sk_units_counted_from() RETURNS int
LANGUAGE sql STABLE AS $$
	SELECT coalesce(nullif(current_setting('sangkien.units_counted_from', true), '')::int, 64)
$$;
