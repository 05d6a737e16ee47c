-- The report of a scope (ReportReply).  Rows, in this order:
--   'error'  code = sk_report_scope's outcome (and nothing else), or
--   'scope'  code, name, t1 campaign code, t2 campaign name, t3 counts_from,
--            n1 the scope unit's campaign target, n4 as of (Unix ms)
--   'unit'   grassroots units in scope, as in sk_progress_units; or, when
--            the transaction setting sangkien.report_max_units is below
--            their number (more than one reply can carry), a single
--            'units_omitted' row, n1 = their number, and none computed
--   'dossiers'  with the 'unit' rows: code = a unit with initiatives
--            counting (as n2 of its row) whose dossier is complete
--            (sk_dossiers_complete), n2 their number; in the units' order
--   'phase'  code, name, t1 starts_on, t2 ends_on, n1 the scope unit's
--            target, n2 submitted, n3 recognized (all units in scope)
--   'kind'   code = scientific | technical | management, n2, n3
--   'theme'  code = '' (none) | covid | workers-life | production |
--            admin-reform | union-work, n2, n3
--   'week'   code = Monday (YYYY-MM-DD) of each ISO week from the week of
--            counts_from to this week, by received_at in Vietnam's time
--            (Asia/Ho_Chi_Minh), n2 received and counting, n3 of them
--            recognized
CREATE OR REPLACE FUNCTION sk_report(p_code text, p_scope bigint, p_campaign_code text)
RETURNS SETOF sk_progress_row
LANGUAGE plpgsql STABLE
-- Planned for each call's scope, never with the generic plan PL/pgSQL may
-- switch to from a session's sixth call on.  A national scope's figures
-- come from its counters (sk_report_facets), not from every initiative; a
-- province's or a district's from its scope counters (sql/026), or the
-- counting index alone (sql/015) for another campaign (sk_report_phase_facets).
SET plan_cache_mode = force_custom_plan SET jit = off AS $$
DECLARE
	s record;
	v_from date;
	v_root boolean; -- a root's figures come from its counters
	v_units bigint[]; -- the scope's units, counted directly; NULL for a root
	v_grassroots bigint; -- how many grassroots units the scope has
	v_omitted boolean; -- too many of them to list
	v_listed bigint[];  -- those, when they are listed
	v_max int := nullif(current_setting('sangkien.report_max_units', true), '')::int;
BEGIN
	s := sk_report_scope(p_code, p_scope, p_campaign_code);
	IF s.outcome <> 'ok' THEN
		RETURN QUERY SELECT * FROM sk_progress_error(s.outcome);
		RETURN;
	END IF;
	SELECT k.counts_from INTO v_from FROM campaigns k WHERE k.id = s.campaign_id;
	v_root := NOT EXISTS (SELECT 1 FROM units u WHERE u.id = s.unit_id AND u.parent_id IS NOT NULL);
	v_grassroots := sk_scope_grassroots(s.unit_id);
	v_omitted := v_max IS NOT NULL AND v_grassroots > v_max;
	IF NOT v_root OR NOT v_omitted THEN
		-- One walk of the tree for both.
		SELECT array_agg(t.id), coalesce(array_agg(t.id) FILTER (WHERE t.level = 'grassroots'), '{}')
		INTO v_units, v_listed FROM sk_subtree(s.unit_id) t;
		IF v_root THEN
			v_units := NULL;
		END IF;
	END IF;
	RETURN QUERY
	SELECT 'scope', u.code, u.name, k.code, k.name, k.counts_from::text,
	       coalesce(q.quota, 0)::bigint, NULL::bigint, NULL::bigint,
	       floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint,
	       NULL::text, NULL::text, NULL::text
	FROM units u JOIN campaigns k ON k.id = s.campaign_id
	LEFT JOIN quotas q ON q.unit_id = u.id AND q.campaign_id = k.id
	WHERE u.id = s.unit_id;

	IF v_omitted THEN
		-- Too many to list in one reply: say so instead of computing them.
		RETURN QUERY SELECT 'units_omitted', NULL::text, NULL::text, NULL::text, NULL::text,
		       NULL::text, v_grassroots, NULL::bigint, NULL::bigint,
		       NULL::bigint, NULL::text, NULL::text, NULL::text;
	ELSE
		RETURN QUERY SELECT * FROM sk_progress_units(v_listed, s.campaign_id);
		-- Driven from the counting index or from the attached files,
		-- whichever the planner finds fewer; units named once counted.
		RETURN QUERY
		SELECT 'dossiers', u.code, NULL::text, NULL::text, NULL::text, NULL::text,
		       NULL::bigint, d.n, NULL::bigint, NULL::bigint, NULL::text, NULL::text,
		       NULL::text
		FROM (SELECT i.unit_id, count(*) AS n
		      FROM initiatives i
		      WHERE i.unit_id = ANY(v_listed) AND i.applied_on >= v_from
			AND i.status <> 'withdrawn'
			AND i.id IN (SELECT c.initiative_id FROM sk_dossiers_complete() c)
		      GROUP BY i.unit_id) d
		JOIN units u ON u.id = d.unit_id
		ORDER BY u.code;
	END IF;

	-- Phases, kind, theme and week from one reading of the counting facets
	-- per phase ('k', 't', 'w'; a phase sums its kinds).
	RETURN QUERY
	WITH f AS MATERIALIZED (
		SELECT * FROM sk_report_phase_facets(s.unit_id, v_units, s.campaign_id)),
	ph AS (SELECT * FROM sk_campaign_phases(s.campaign_id)),
	cnt AS (
		SELECT f.phase_id AS id, sum(f.submitted) AS submitted,
		       sum(f.recognized) AS recognized
		FROM f
		WHERE f.facet = 'k' AND f.phase_id <> 0
		GROUP BY f.phase_id),
	g AS (
		SELECT f.facet, f.key, sum(f.submitted)::bigint AS submitted,
		       sum(f.recognized)::bigint AS recognized
		FROM f
		GROUP BY f.facet, f.key
		HAVING sum(f.submitted) <> 0),
	keys (part, n, key) AS (
		VALUES ('kind', 1, 'scientific'), ('kind', 2, 'technical'),
		       ('kind', 3, 'management'), ('theme', 0, ''), ('theme', 1, 'covid'),
		       ('theme', 2, 'workers-life'), ('theme', 3, 'production'),
		       ('theme', 4, 'admin-reform'), ('theme', 5, 'union-work')),
	span AS (
		SELECT least(date_trunc('week', v_from)::date,
			     (SELECT min(g.key) FROM g WHERE g.facet = 'w')::date) AS first,
		       greatest(sk_report_week(now()),
				(SELECT max(g.key) FROM g WHERE g.facet = 'w')::date) AS last),
	weeks AS (
		SELECT w::date AS week
		FROM span, generate_series(span.first, span.last, interval '1 week') AS w)
	SELECT x.part, x.key, x.name, x.t1, x.t2, NULL::text, x.target,
	       x.submitted, x.recognized, NULL::bigint, NULL::text, NULL::text, NULL::text
	FROM (
		SELECT 'phase' AS part, ph.code AS key, ph.name, ph.starts_on::text AS t1,
		       ph.ends_on::text AS t2, coalesce(pt.target, 0)::bigint AS target,
		       coalesce(cnt.submitted, 0)::bigint AS submitted,
		       coalesce(cnt.recognized, 0)::bigint AS recognized, 0 AS o, ph.n AS n,
		       NULL::date AS week
		FROM ph
		LEFT JOIN phase_targets pt ON pt.phase_id = ph.id AND pt.unit_id = s.unit_id
		LEFT JOIN cnt ON cnt.id = ph.id
		UNION ALL
		SELECT keys.part, keys.key, NULL, NULL, NULL, NULL, coalesce(g.submitted, 0),
		       coalesce(g.recognized, 0), 1, keys.n, NULL
		FROM keys
		LEFT JOIN g ON g.facet = (CASE keys.part WHEN 'kind' THEN 'k' ELSE 't' END)::"char"
			    AND g.key = keys.key
		UNION ALL
		SELECT 'week', to_char(weeks.week, 'YYYY-MM-DD'), NULL, NULL, NULL, NULL,
		       coalesce(g.submitted, 0), coalesce(g.recognized, 0), 2, 0, weeks.week
		FROM weeks
		LEFT JOIN g ON g.facet = 'w' AND g.key = to_char(weeks.week, 'YYYY-MM-DD')) x
	ORDER BY x.o, x.part, x.n, x.week;
END
$$;
