-- The phase of the current campaign a date falls in ('' if none).
CREATE OR REPLACE FUNCTION sk_phase_code(p_date date) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT p.code FROM phases p JOIN campaigns c ON c.id = p.campaign_id
			 WHERE c.is_current AND p_date BETWEEN p.starts_on AND p.ends_on
			 ORDER BY p.starts_on, p.id LIMIT 1), '')
$$;
