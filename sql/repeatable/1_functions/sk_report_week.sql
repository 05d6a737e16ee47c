-- The Monday of the ISO week a moment falls in, in Vietnam's time: the
-- week reports count an initiative in (by when the server received it).
CREATE OR REPLACE FUNCTION sk_report_week(p_at timestamptz) RETURNS date
LANGUAGE sql STABLE AS $$
	SELECT date_trunc('week', p_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
$$;
