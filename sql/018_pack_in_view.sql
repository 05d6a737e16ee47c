-- 018_pack_in_view: sk_server_initiatives packs an initiative's authors,
-- notes and dossier by subqueries of its own (a function call per row
-- started an executor for every row pulled); the functions that did it go.
-- The view is re-created right after by sql/repeatable (on a new database
-- neither exists yet here).
DROP VIEW IF EXISTS sk_server_initiatives CASCADE;
DROP FUNCTION IF EXISTS sk_pack_authors(jsonb);
DROP FUNCTION IF EXISTS sk_pack_notes(bigint);
DROP FUNCTION IF EXISTS sk_pack_attachments(bigint);
