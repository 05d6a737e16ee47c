-- The facets of report_deltas not folded yet, of the units below the root
-- p_root (each unit's place looked up once, and only when the tree has
-- other roots).
CREATE OR REPLACE FUNCTION sk_report_waiting(p_root bigint)
RETURNS TABLE (facet "char", applied_on date, key text, submitted bigint, recognized bigint)
LANGUAGE sql STABLE AS $$
	WITH one_root AS (
		SELECT NOT EXISTS (SELECT 1 FROM units u WHERE u.parent_id IS NULL AND u.id <> p_root)
		       AS yes),
	below AS (
		SELECT w.unit_id FROM (SELECT DISTINCT d.unit_id FROM report_deltas d) w, one_root
		WHERE w.unit_id <> p_root AND (one_root.yes OR sk_in_scope(w.unit_id, p_root)))
	SELECT k.facet, d.applied_on, k.key, d.submitted, d.recognized
	FROM report_deltas d CROSS JOIN LATERAL sk_report_keys(d.kind, d.theme, d.week) k
	WHERE d.unit_id IN (SELECT below.unit_id FROM below)
$$;
