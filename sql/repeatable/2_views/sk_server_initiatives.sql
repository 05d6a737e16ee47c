-- One initiative as ServerInitiative.  The column order is a contract with
-- server/initiative_row.h (INITIATIVE_ROW_*): append new columns at the end.
-- Lists are packed (sk_pack) and the phase found by subqueries here rather
-- than by SQL functions: a function started an executor for each row it was
-- called on, which made three quarters of a pull's database time; a
-- subquery is planned with the statement and evaluated only for the rows
-- returned.
CREATE OR REPLACE VIEW sk_server_initiatives AS
SELECT i.id                                                          AS record_id,
       i.uuid::text                                                  AS uuid,
       u.code                                                        AS unit_code,
       i.title,
       i.kind,
       -- authors: name, position per author, in order
       (SELECT coalesce(string_agg(sk_pack(a ->> 'name') || sk_pack(a ->> 'position'), ''
				   ORDER BY n), '')
	FROM jsonb_array_elements(i.authors) WITH ORDINALITY AS x (a, n)) AS authors_packed,
       i.summary,
       i.effect,
       i.applied_on::text                                            AS applied_on,
       coalesce(i.theme, '')                                         AS theme,
       i.version,
       i.status,
       floor(extract(epoch FROM coalesce(i.content_at, i.received_at)) * 1000)::bigint
                                                                     AS receipt_unix_ms,
       encode(i.content_sha256, 'hex')                               AS content_sha256_hex,
       -- notes, oldest first: time (Unix ms), status, author, text per note
       (SELECT coalesce(string_agg(
		sk_pack(floor(extract(epoch FROM n.created_at) * 1000)::bigint::text)
		|| sk_pack(n.status) || sk_pack(n.author) || sk_pack(n.body), '' ORDER BY n.id), '')
	FROM initiative_notes n WHERE n.initiative_id = i.id)           AS notes_packed,
       coalesce(i.recognition_decision, '')                          AS recognition_decision,
       coalesce(i.recognition_date::text, '')                        AS recognition_date,
       coalesce(i.recognized_by, '')                                 AS recognized_by,
       coalesce(i.reward_kind, '')                                   AS reward_kind,
       coalesce(i.reward_level, '')                                  AS reward_level,
       coalesce(i.reward_decision, '')                               AS reward_decision,
       coalesce(i.reward_date::text, '')                             AS reward_date,
       coalesce(i.reward_amount_vnd, 0)                              AS reward_amount_vnd,
       floor(extract(epoch FROM i.updated_at) * 1000)::bigint        AS updated_unix_ms,
       -- the phase of the current campaign applied_on falls in ('' if none),
       -- computed when read: a moved boundary needs no write (sk_feed_phase_moves)
       coalesce((SELECT p.code FROM phases p JOIN campaigns c ON c.id = p.campaign_id
		 WHERE c.is_current AND i.applied_on BETWEEN p.starts_on AND p.ends_on
		 ORDER BY p.starts_on, p.id LIMIT 1), '')                AS phase_code,
       i.feed_seq,
       i.unit_id,
       -- the dossier now, oldest first: per file its SHA-256 (hex), size,
       -- type, name, label and when it was attached (Unix ms)
       (SELECT coalesce(string_agg(
		sk_pack(encode(f.sha256, 'hex')) || sk_pack(f.size::text) || sk_pack(f.content_type)
		|| sk_pack(a.file_name) || sk_pack(a.label)
		|| sk_pack(floor(extract(epoch FROM a.attached_at) * 1000)::bigint::text),
		'' ORDER BY a.id), '')
	FROM initiative_attachments a JOIN dossier_files f ON f.id = a.file_id
	WHERE a.initiative_id = i.id AND a.detached_at IS NULL)         AS attachments_packed
FROM initiatives i JOIN units u ON u.id = i.unit_id;
