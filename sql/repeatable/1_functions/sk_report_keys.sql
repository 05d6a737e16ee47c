-- The report_counts facets one counting key falls in: its kind, its theme
-- ('' for none) and the week received.
CREATE OR REPLACE FUNCTION sk_report_keys(p_kind text, p_theme text, p_week date)
RETURNS TABLE (facet "char", key text)
LANGUAGE sql IMMUTABLE AS $$
	VALUES ('k'::"char", p_kind), ('t'::"char", p_theme), ('w'::"char", to_char(p_week, 'YYYY-MM-DD'))
$$;
