-- Move up to p_max waiting initiatives into initiative_search (their
-- folded title as it is now); returns how many were taken.  Run by
-- sangkiend about every second, and again at once while it finds a full
-- batch.  SKIP LOCKED lets several servers run it side by side; a title
-- changed meanwhile has a new pending row, committed with the change.
-- The search tables are unlogged (sql/011): when crash recovery has emptied
-- them (initiative_search_filled has no row), every initiative is queued
-- again first, by one server at a time.
CREATE OR REPLACE FUNCTION sk_search_index(p_max int) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
	n int;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM initiative_search_filled) THEN
		LOCK TABLE initiative_search_filled IN EXCLUSIVE MODE;
		IF NOT EXISTS (SELECT 1 FROM initiative_search_filled) THEN
			INSERT INTO initiative_search_pending (initiative_id)
			SELECT i.id FROM initiatives i;
			INSERT INTO initiative_search_filled VALUES (true);
		END IF;
	END IF;
	WITH taken AS (
		DELETE FROM initiative_search_pending p
		WHERE p.ctid = ANY (ARRAY(SELECT q.ctid FROM initiative_search_pending q
					  LIMIT p_max FOR UPDATE SKIP LOCKED))
		RETURNING p.initiative_id),
	stored AS (
		INSERT INTO initiative_search AS s (initiative_id, folded_title)
		SELECT i.id, sk_fold(i.title) FROM initiatives i
		WHERE i.id IN (SELECT t.initiative_id FROM taken t)
		ON CONFLICT (initiative_id) DO UPDATE SET folded_title = excluded.folded_title
		WHERE s.folded_title IS DISTINCT FROM excluded.folded_title
		RETURNING 1)
	SELECT count(*)::int INTO n FROM taken;
	RETURN n;
END
$$;
