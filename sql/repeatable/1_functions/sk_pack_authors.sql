-- Authors: name, position per author, in order.
CREATE OR REPLACE FUNCTION sk_pack_authors(p_authors jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT coalesce(string_agg(sk_pack(a ->> 'name') || sk_pack(a ->> 'position'), ''
				   ORDER BY n), '')
	FROM jsonb_array_elements(p_authors) WITH ORDINALITY AS x (a, n)
$$;
