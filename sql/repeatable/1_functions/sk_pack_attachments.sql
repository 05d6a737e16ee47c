-- An initiative's dossier now, oldest first, packed (sk_pack): per file its
-- SHA-256 (hex), size, type, name, label and when it was attached (Unix ms).
CREATE OR REPLACE FUNCTION sk_pack_attachments(p_initiative bigint) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT coalesce(string_agg(
		sk_pack(encode(f.sha256, 'hex')) || sk_pack(f.size::text) || sk_pack(f.content_type)
		|| sk_pack(a.file_name) || sk_pack(a.label)
		|| sk_pack(floor(extract(epoch FROM a.attached_at) * 1000)::bigint::text),
		'' ORDER BY a.id), '')
	FROM initiative_attachments a JOIN dossier_files f ON f.id = a.file_id
	WHERE a.initiative_id = p_initiative AND a.detached_at IS NULL
$$;
