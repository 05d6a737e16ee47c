-- Recognized in the counting sense.
CREATE OR REPLACE FUNCTION sk_is_recognized(p_status text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT p_status IN ('recognized', 'rewarded')
$$;
