-- Whether committed file p_file is still wanted: attached to an initiative
-- now, or unused only since p_since or later (sk_file_unattached_since).
CREATE OR REPLACE FUNCTION sk_file_in_use(p_file bigint, p_since timestamptz) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT coalesce(sk_file_unattached_since(p_file) >= p_since, true)
$$;
