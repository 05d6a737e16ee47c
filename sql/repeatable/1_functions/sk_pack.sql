-- Lists packed into one text column for the server to read without a JSON
-- parser: each value is "<byte length>:<bytes>", values back to back.
-- (server/initiative_row.c reads it.)
CREATE OR REPLACE FUNCTION sk_pack(p text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT octet_length(coalesce(p, ''))::text || ':' || coalesce(p, '')
$$;
