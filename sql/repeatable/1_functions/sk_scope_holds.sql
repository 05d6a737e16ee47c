-- Whether a unit keeps scope_counts (sql/026): below a root (a root's
-- report reads report_counts) and above the grassroots level (a grassroots
-- unit's few initiatives are counted directly).
CREATE OR REPLACE FUNCTION sk_scope_holds(p_level text, p_parent bigint) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT p_parent IS NOT NULL AND p_level <> 'grassroots'
$$;
