-- 019_phase_in_view: sk_server_initiatives finds an initiative's phase by a
-- subquery of its own (sk_phase_code started an executor for every row
-- read); the function goes.  The view is re-created right after by
-- sql/repeatable (on a new database it does not exist yet here).
DROP VIEW IF EXISTS sk_server_initiatives CASCADE;
DROP FUNCTION IF EXISTS sk_phase_code(date);
