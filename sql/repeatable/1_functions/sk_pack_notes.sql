-- Notes, oldest first: time (Unix ms), status, author, text per note.
CREATE OR REPLACE FUNCTION sk_pack_notes(p_initiative bigint) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT coalesce(string_agg(
		sk_pack(floor(extract(epoch FROM n.created_at) * 1000)::bigint::text)
		|| sk_pack(n.status) || sk_pack(n.author) || sk_pack(n.body), '' ORDER BY n.id), '')
	FROM initiative_notes n WHERE n.initiative_id = p_initiative
$$;
