-- One initiative as ServerInitiative.  The column order is a contract with
-- server/initiative_row.h (INITIATIVE_ROW_*): append new columns at the end.
CREATE OR REPLACE VIEW sk_server_initiatives AS
SELECT i.id                                                          AS record_id,
       i.uuid::text                                                  AS uuid,
       u.code                                                        AS unit_code,
       i.title,
       i.kind,
       sk_pack_authors(i.authors)                                    AS authors_packed,
       i.summary,
       i.effect,
       i.applied_on::text                                            AS applied_on,
       coalesce(i.theme, '')                                         AS theme,
       i.version,
       i.status,
       floor(extract(epoch FROM coalesce(i.content_at, i.received_at)) * 1000)::bigint
                                                                     AS receipt_unix_ms,
       encode(i.content_sha256, 'hex')                               AS content_sha256_hex,
       sk_pack_notes(i.id)                                           AS notes_packed,
       coalesce(i.recognition_decision, '')                          AS recognition_decision,
       coalesce(i.recognition_date::text, '')                        AS recognition_date,
       coalesce(i.recognized_by, '')                                 AS recognized_by,
       coalesce(i.reward_kind, '')                                   AS reward_kind,
       coalesce(i.reward_level, '')                                  AS reward_level,
       coalesce(i.reward_decision, '')                               AS reward_decision,
       coalesce(i.reward_date::text, '')                             AS reward_date,
       coalesce(i.reward_amount_vnd, 0)                              AS reward_amount_vnd,
       floor(extract(epoch FROM i.updated_at) * 1000)::bigint        AS updated_unix_ms,
       sk_phase_code(i.applied_on)                                   AS phase_code,
       i.feed_seq,
       i.unit_id,
       sk_pack_attachments(i.id)                                     AS attachments_packed
FROM initiatives i JOIN units u ON u.id = i.unit_id;
