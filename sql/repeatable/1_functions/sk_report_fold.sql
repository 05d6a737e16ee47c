-- Fold what report_deltas holds into report_counts, unit_counts and
-- scope_counts: each delta is added to the counters of the root of its
-- unit's tree (one row per facet, sk_report_keys; a root's own deltas are
-- dropped: its report counts its own initiatives directly), to its unit's
-- counter of the phase of the current campaign its day falls in (sql/023),
-- and to the scope counters of that phase of its unit and the units above
-- it that keep them (sql/026, sk_scope_holds; both counted again first when
-- the campaign or its phases changed since, sk_unit_counts_count).
-- Returns the deltas taken; 0 at once while
-- another session folds.  Run by sangkiend every report_fold_ms
-- (report_fold.c).  A report sees a delta either waiting or folded, never
-- both: they leave and arrive in one transaction.
CREATE OR REPLACE FUNCTION sk_report_fold() RETURNS bigint
LANGUAGE plpgsql
-- Compiling its one statement would cost more than running it (seconds of
-- CPU for a fold of a rush's deltas).
SET jit = off AS $$
DECLARE
	n bigint;
BEGIN
	IF NOT sk_report_lock(false) THEN
		RETURN 0;
	END IF;
	PERFORM sk_unit_counts_count();
	-- A new statement, a new snapshot: the tree as any move committed
	-- before the lock left it, the campaign as any change of it did.
	WITH RECURSIVE taken AS (
		DELETE FROM report_deltas d RETURNING d.*),
	facts AS (
		SELECT t.unit_id, k.facet, t.applied_on, k.key, sum(t.submitted) AS submitted,
		       sum(t.recognized) AS recognized
		FROM taken t CROSS JOIN LATERAL sk_report_keys(t.kind, t.theme, t.week) k
		GROUP BY 1, 2, 3, 4),
	-- Each unit's walk to its root, noting the nearest unit on the way
	-- that keeps scope counters (sk_scope_holds).
	up (unit_id, id, parent_id, depth, nearest) AS (
		SELECT u.id, u.id, u.parent_id, 0,
		       CASE WHEN sk_scope_holds(u.level, u.parent_id) THEN u.id END
		FROM units u
		WHERE u.id IN (SELECT t.unit_id FROM taken t)
		UNION ALL
		SELECT up.unit_id, p.id, p.parent_id, up.depth + 1,
		       coalesce(up.nearest, CASE WHEN sk_scope_holds(p.level, p.parent_id) THEN p.id END)
		FROM up JOIN units p ON p.id = up.parent_id WHERE up.depth < 64),
	roots AS (SELECT up.unit_id, up.id AS root, up.nearest FROM up WHERE up.parent_id IS NULL),
	-- The units keeping scope counters from each nearest one up: a few
	-- hundred walks, not one per delta.
	holders (nearest, id, level, parent_id, depth) AS (
		SELECT u.id, u.id, u.level, u.parent_id, 0 FROM units u
		WHERE u.id IN (SELECT r.nearest FROM roots r)
		UNION ALL
		SELECT h.nearest, p.id, p.level, p.parent_id, h.depth + 1
		FROM holders h JOIN units p ON p.id = h.parent_id WHERE h.depth < 64),
	sums AS (
		SELECT r.root AS unit_id, f.facet, f.applied_on, f.key,
		       sum(f.submitted) AS submitted, sum(f.recognized) AS recognized
		FROM facts f JOIN roots r ON r.unit_id = f.unit_id
		WHERE r.root <> f.unit_id
		GROUP BY 1, 2, 3, 4),
	-- An UPDATE, then an INSERT of the keys it did not find: every writer of
	-- report_counts holds sk_report_lock, so no other can add one between
	-- (and no ON CONFLICT row lock goes to the WAL for each counter).
	updated AS (
		UPDATE report_counts c
		SET submitted = c.submitted + s.submitted, recognized = c.recognized + s.recognized
		FROM sums s
		WHERE c.unit_id = s.unit_id AND c.facet = s.facet AND c.applied_on = s.applied_on
		  AND c.key = s.key
		RETURNING c.unit_id, c.facet, c.applied_on, c.key),
	added AS (
		INSERT INTO report_counts (unit_id, facet, applied_on, key, submitted, recognized)
		SELECT s.unit_id, s.facet, s.applied_on, s.key, s.submitted, s.recognized
		FROM sums s
		WHERE NOT EXISTS (SELECT 1 FROM updated u
				  WHERE u.unit_id = s.unit_id AND u.facet = s.facet
				    AND u.applied_on = s.applied_on AND u.key = s.key)
		RETURNING 1),
	-- The units' and scopes' counters, for the campaign they count for
	-- (none: nothing).
	phased AS (
		SELECT t.*, coalesce(p.id, 0) AS phase_id
		FROM taken t
		JOIN unit_counts_basis b ON true
		JOIN campaigns k ON k.id = b.campaign_id AND t.applied_on >= k.counts_from
		LEFT JOIN phases p ON p.campaign_id = k.id
				  AND t.applied_on BETWEEN p.starts_on AND p.ends_on),
	unit_sums AS (
		SELECT t.unit_id, t.phase_id, sum(t.submitted) AS submitted,
		       sum(t.recognized) AS recognized
		FROM phased t
		GROUP BY 1, 2
		HAVING sum(t.submitted) <> 0 OR sum(t.recognized) <> 0),
	unit_updated AS (
		UPDATE unit_counts c
		SET submitted = c.submitted + s.submitted, recognized = c.recognized + s.recognized
		FROM unit_sums s
		WHERE c.unit_id = s.unit_id AND c.phase_id = s.phase_id
		RETURNING c.unit_id, c.phase_id),
	unit_added AS (
		INSERT INTO unit_counts (unit_id, phase_id, submitted, recognized)
		SELECT s.unit_id, s.phase_id, s.submitted, s.recognized
		FROM unit_sums s
		WHERE NOT EXISTS (SELECT 1 FROM unit_updated u
				  WHERE u.unit_id = s.unit_id AND u.phase_id = s.phase_id)
		RETURNING 1),
	-- The deltas grouped under their unit's nearest unit keeping scope
	-- counters, then each group's keys added to it and those above it.
	nearest_sums AS (
		SELECT r.nearest, t.phase_id, t.kind, t.theme, t.week, sum(t.submitted) AS submitted,
		       sum(t.recognized) AS recognized
		FROM phased t JOIN roots r ON r.unit_id = t.unit_id
		WHERE r.nearest IS NOT NULL
		GROUP BY 1, 2, 3, 4, 5),
	scope_sums AS (
		SELECT h.id AS unit_id, n.phase_id, k.facet, k.key, sum(n.submitted) AS submitted,
		       sum(n.recognized) AS recognized
		FROM nearest_sums n
		JOIN holders h ON h.nearest = n.nearest AND sk_scope_holds(h.level, h.parent_id)
		CROSS JOIN LATERAL sk_report_keys(n.kind, n.theme, n.week) k
		GROUP BY 1, 2, 3, 4
		HAVING sum(n.submitted) <> 0 OR sum(n.recognized) <> 0),
	scope_updated AS (
		UPDATE scope_counts c
		SET submitted = c.submitted + s.submitted, recognized = c.recognized + s.recognized
		FROM scope_sums s
		WHERE c.unit_id = s.unit_id AND c.phase_id = s.phase_id AND c.facet = s.facet
		  AND c.key = s.key
		RETURNING c.unit_id, c.phase_id, c.facet, c.key),
	scope_added AS (
		INSERT INTO scope_counts (unit_id, phase_id, facet, key, submitted, recognized)
		SELECT s.unit_id, s.phase_id, s.facet, s.key, s.submitted, s.recognized
		FROM scope_sums s
		WHERE NOT EXISTS (SELECT 1 FROM scope_updated u
				  WHERE u.unit_id = s.unit_id AND u.phase_id = s.phase_id
				    AND u.facet = s.facet AND u.key = s.key)
		RETURNING 1)
	SELECT count(*) INTO n FROM taken;
	RETURN n;
END
$$;
