-- The single row of a refused progress request.
CREATE OR REPLACE FUNCTION sk_progress_error(p_outcome text) RETURNS SETOF sk_progress_row
LANGUAGE sql IMMUTABLE AS $$
	SELECT (ROW('error', p_outcome, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		    NULL, NULL)::sk_progress_row).*
$$;
