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
LANGUAGE plpgsql AS $$
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
	up (unit_id, id, level, parent_id, depth) AS (
		SELECT u.id, u.id, u.level, u.parent_id, 0 FROM units u
		WHERE u.id IN (SELECT t.unit_id FROM taken t)
		UNION ALL
		SELECT up.unit_id, p.id, p.level, p.parent_id, up.depth + 1
		FROM up JOIN units p ON p.id = up.parent_id WHERE up.depth < 64),
	roots AS (SELECT up.unit_id, up.id AS root FROM up WHERE up.parent_id IS NULL),
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
	scope_facts AS (
		SELECT t.unit_id, t.phase_id, k.facet, k.key, sum(t.submitted) AS submitted,
		       sum(t.recognized) AS recognized
		FROM phased t CROSS JOIN LATERAL sk_report_keys(t.kind, t.theme, t.week) k
		GROUP BY 1, 2, 3, 4),
	scope_sums AS (
		SELECT up.id AS unit_id, f.phase_id, f.facet, f.key, sum(f.submitted) AS submitted,
		       sum(f.recognized) AS recognized
		FROM scope_facts f JOIN up ON up.unit_id = f.unit_id
		WHERE sk_scope_holds(up.level, up.parent_id)
		GROUP BY 1, 2, 3, 4
		HAVING sum(f.submitted) <> 0 OR sum(f.recognized) <> 0),
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
