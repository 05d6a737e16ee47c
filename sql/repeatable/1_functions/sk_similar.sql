-- Initiatives whose folded title is similar (pg_trgm's % operator) to that
-- of p_uuid, within p_scope (NULL: the whole tree), withdrawn ones left
-- out, with their similarity; none when p_uuid is not in scope.  Titles are
-- compared through initiative_search's trigram index, and those still
-- waiting to be indexed (initiative_search_pending, a few seconds' worth)
-- one by one, so a similar initiative submitted a moment ago is found too.
-- While crash recovery has left the (unlogged) search tables empty and
-- sk_search_index has not queued everything again, every title is compared.
CREATE OR REPLACE FUNCTION sk_similar(p_uuid uuid, p_scope bigint)
RETURNS TABLE (id bigint, sim real)
LANGUAGE sql STABLE AS $$
	WITH t AS (
		SELECT i.id, sk_fold(i.title) AS ft FROM initiatives i
		WHERE i.uuid = p_uuid AND sk_in_scope(i.unit_id, p_scope)),
	cand AS (
		SELECT s.initiative_id AS id, similarity(s.folded_title, t.ft) AS sim
		FROM initiative_search s, t
		WHERE s.folded_title % t.ft
		  -- A title changed a moment ago is compared as it is now, below.
		  AND NOT EXISTS (SELECT 1 FROM initiative_search_pending p
				  WHERE p.initiative_id = s.initiative_id)
		UNION ALL
		SELECT i.id, similarity(sk_fold(i.title), t.ft)
		FROM (SELECT DISTINCT p.initiative_id FROM initiative_search_pending p) p
		JOIN initiatives i ON i.id = p.initiative_id, t
		WHERE sk_fold(i.title) % t.ft
		  AND EXISTS (SELECT 1 FROM initiative_search_filled)
		UNION ALL
		SELECT i.id, similarity(sk_fold(i.title), t.ft)
		FROM initiatives i, t
		WHERE NOT EXISTS (SELECT 1 FROM initiative_search_filled)
		  AND sk_fold(i.title) % t.ft)
	SELECT c.id, c.sim
	FROM cand c JOIN initiatives i ON i.id = c.id, t
	WHERE c.id <> t.id AND i.status <> 'withdrawn'
	  -- An administrator's whole tree needs no unit list.
	  AND (p_scope IS NULL
	       OR i.unit_id IN (SELECT s.unit_id FROM sk_scope_units(p_scope) s))
$$;
