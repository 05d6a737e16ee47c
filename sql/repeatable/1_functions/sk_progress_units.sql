-- The 'unit' rows of a progress reply (see sk_progress_row in sql/005).
CREATE OR REPLACE FUNCTION sk_progress_units(p_units bigint[], p_campaign int)
RETURNS SETOF sk_progress_row
LANGUAGE sql STABLE AS $$
	SELECT 'unit', f.code, f.name, k.code, k.name, k.counts_from::text,
	       f.quota::bigint, f.submitted, f.recognized,
	       floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint,
	       f.phase_targets::text, f.phase_submitted::text, f.phase_recognized::text
	FROM sk_units_figures(p_units, p_campaign) f
	JOIN campaigns k ON k.id = p_campaign
	ORDER BY f.code
$$;
