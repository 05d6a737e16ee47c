-- The report of a scope (ReportReply).  Rows, in this order:
--   'error'  code = sk_report_scope's outcome (and nothing else), or
--   'scope'  code, name, t1 campaign code, t2 campaign name, t3 counts_from,
--            n1 the scope unit's campaign target, n4 as of (Unix ms)
--   'phase'  code, name, t1 starts_on, t2 ends_on, n1 the scope unit's
--            target, n2 submitted, n3 recognized (all units in scope)
--   'unit'   grassroots units in scope, as in sk_progress_units; or, when
--            the transaction setting sangkien.report_max_units is below
--            their number (more than one reply can carry), a single
--            'units_omitted' row, n1 = their number, and none computed
--   'dossiers'  with the 'unit' rows: code = a unit with initiatives
--            counting (as n2 of its row) whose dossier is complete
--            (sk_dossier_complete), n2 their number; in the units' order
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
-- come from its counters (sk_report_facets), not from every initiative.
SET plan_cache_mode = force_custom_plan SET jit = off AS $$
DECLARE
	s record;
	v_from date;
	v_units bigint[]; -- NULL for a root: its figures come from its counters
	v_grassroots bigint; -- how many grassroots units the scope has
	v_listed bigint[];  -- those, when they are listed
	v_max int := nullif(current_setting('sangkien.report_max_units', true), '')::int;
BEGIN
	s := sk_report_scope(p_code, p_scope, p_campaign_code);
	IF s.outcome <> 'ok' THEN
		RETURN QUERY SELECT * FROM sk_progress_error(s.outcome);
		RETURN;
	END IF;
	SELECT k.counts_from INTO v_from FROM campaigns k WHERE k.id = s.campaign_id;
	IF EXISTS (SELECT 1 FROM units u WHERE u.id = s.unit_id AND u.parent_id IS NOT NULL) THEN
		v_units := ARRAY(SELECT t.id FROM sk_subtree(s.unit_id) t);
	END IF;
	RETURN QUERY
	SELECT 'scope', u.code, u.name, k.code, k.name, k.counts_from::text,
	       coalesce(q.quota, 0)::bigint, NULL::bigint, NULL::bigint,
	       floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint,
	       NULL::text, NULL::text, NULL::text
	FROM units u JOIN campaigns k ON k.id = s.campaign_id
	LEFT JOIN quotas q ON q.unit_id = u.id AND q.campaign_id = k.id
	WHERE u.id = s.unit_id;

	RETURN QUERY
	WITH ph AS (SELECT * FROM sk_campaign_phases(s.campaign_id)),
	cnt AS (
		SELECT ph.id, sum(f.submitted) AS submitted, sum(f.recognized) AS recognized
		FROM sk_report_facets(s.unit_id, v_units) f
		JOIN ph ON f.applied_on BETWEEN ph.starts_on AND ph.ends_on
		WHERE f.facet = 'k' AND f.applied_on >= v_from
		GROUP BY ph.id)
	SELECT 'phase', ph.code, ph.name, ph.starts_on::text, ph.ends_on::text, NULL::text,
	       coalesce(pt.target, 0)::bigint, coalesce(cnt.submitted, 0)::bigint,
	       coalesce(cnt.recognized, 0)::bigint, NULL::bigint, NULL::text, NULL::text, NULL::text
	FROM ph
	LEFT JOIN phase_targets pt ON pt.phase_id = ph.id AND pt.unit_id = s.unit_id
	LEFT JOIN cnt ON cnt.id = ph.id
	ORDER BY ph.n;

	v_grassroots := sk_scope_grassroots(s.unit_id);
	IF v_max IS NOT NULL AND v_grassroots > v_max THEN
		-- Too many to list in one reply: say so instead of computing them.
		RETURN QUERY SELECT 'units_omitted', NULL::text, NULL::text, NULL::text, NULL::text,
		       NULL::text, v_grassroots, NULL::bigint, NULL::bigint,
		       NULL::bigint, NULL::text, NULL::text, NULL::text;
	ELSE
		v_listed := ARRAY(SELECT t.id FROM sk_subtree(s.unit_id) t WHERE t.level = 'grassroots');
		RETURN QUERY SELECT * FROM sk_progress_units(v_listed, s.campaign_id);
		RETURN QUERY
		SELECT 'dossiers', u.code, NULL::text, NULL::text, NULL::text, NULL::text,
		       NULL::bigint, count(*), NULL::bigint, NULL::bigint, NULL::text, NULL::text,
		       NULL::text
		FROM initiatives i JOIN units u ON u.id = i.unit_id
		WHERE i.unit_id = ANY(v_listed) AND i.applied_on >= v_from
		  AND i.status <> 'withdrawn' AND sk_dossier_complete(i.id)
		GROUP BY u.code
		ORDER BY u.code;
	END IF;

	-- Kind, theme and week from the counters' facets ('k', 't', 'w').
	RETURN QUERY
	WITH g AS (
		SELECT f.facet, f.key, sum(f.submitted)::bigint AS submitted,
		       sum(f.recognized)::bigint AS recognized
		FROM sk_report_facets(s.unit_id, v_units) f
		WHERE f.applied_on >= v_from
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
	SELECT x.part, x.key, NULL::text, NULL::text, NULL::text, NULL::text, NULL::bigint,
	       x.submitted, x.recognized, NULL::bigint, NULL::text, NULL::text, NULL::text
	FROM (
		SELECT keys.part, keys.key, coalesce(g.submitted, 0) AS submitted,
		       coalesce(g.recognized, 0) AS recognized, 1 AS o, keys.n AS n,
		       NULL::date AS week
		FROM keys
		LEFT JOIN g ON g.facet = (CASE keys.part WHEN 'kind' THEN 'k' ELSE 't' END)::"char"
			    AND g.key = keys.key
		UNION ALL
		SELECT 'week', to_char(weeks.week, 'YYYY-MM-DD'), coalesce(g.submitted, 0),
		       coalesce(g.recognized, 0), 2, 0, weeks.week
		FROM weeks
		LEFT JOIN g ON g.facet = 'w' AND g.key = to_char(weeks.week, 'YYYY-MM-DD')) x
	ORDER BY x.o, x.part, x.n, x.week;
END
$$;
