-- 005_reports: campaigns and targets written by operators, and the queries
-- behind QuotaReply (with phases), ProgressReply and ReportReply.
--
-- Counting rules (proto/PROTOCOL.md, "Counting"):
--   * an initiative counts for a campaign when applied_on >= counts_from
--     and its status is not 'withdrawn';
--   * "recognized" counts the statuses 'recognized' and 'rewarded';
--   * it counts in the phase whose [starts_on, ends_on] holds applied_on,
--     in no phase when it falls outside every phase.
-- Every query below is set-based: one pass over the initiatives of the
-- units concerned (the (unit_id, applied_on, status) index), never one
-- query per unit.  Functions that read are STABLE, so a single statement
-- calling them sees one snapshot: the figures of one reply always agree.

-- Recognized in the counting sense.
CREATE FUNCTION sk_is_recognized(p_status text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT p_status IN ('recognized', 'rewarded')
$$;

-- The campaign named by code, or the current one for ''.  NULL when none.
CREATE FUNCTION sk_campaign_id(p_code text) RETURNS int
LANGUAGE sql STABLE AS $$
	SELECT c.id FROM campaigns c
	WHERE CASE WHEN p_code = '' THEN c.is_current ELSE c.code = p_code END
$$;

-- A unit and every unit below it.
CREATE FUNCTION sk_subtree(p_root bigint) RETURNS TABLE (id bigint, level text)
LANGUAGE sql STABLE ROWS 1000 AS $$
	WITH RECURSIVE sub (id, level, depth) AS (
		SELECT u.id, u.level, 0 FROM units u WHERE u.id = p_root
		UNION ALL
		SELECT u.id, u.level, sub.depth + 1
		FROM units u JOIN sub ON u.parent_id = sub.id
		WHERE sub.depth < 64)
	SELECT sub.id, sub.level FROM sub
$$;

-- A campaign's phases in their order (by start).  Per-phase arrays below
-- follow this order.
CREATE FUNCTION sk_campaign_phases(p_campaign int)
RETURNS TABLE (id int, n bigint, code text, name text, starts_on date, ends_on date)
LANGUAGE sql STABLE AS $$
	SELECT p.id, row_number() OVER (ORDER BY p.starts_on, p.code), p.code, p.name,
	       p.starts_on, p.ends_on
	FROM phases p WHERE p.campaign_id = p_campaign
	ORDER BY p.starts_on, p.code
$$;

-- Figures of the given units for a campaign, one row per unit: campaign
-- quota, counting initiatives, recognized ones, and per phase (in
-- sk_campaign_phases order) the unit's target and counts.
CREATE FUNCTION sk_units_figures(p_units bigint[], p_campaign int)
RETURNS TABLE (unit_id bigint, code text, name text, quota int, submitted bigint,
	       recognized bigint, phase_targets int[], phase_submitted bigint[],
	       phase_recognized bigint[])
LANGUAGE sql STABLE AS $$
	WITH c AS (SELECT k.counts_from FROM campaigns k WHERE k.id = p_campaign),
	g AS (SELECT DISTINCT x.id FROM unnest(p_units) AS x(id)),
	ph AS (SELECT * FROM sk_campaign_phases(p_campaign)),
	per AS (
		SELECT i.unit_id, ph.id AS phase_id, count(*) AS submitted,
		       count(*) FILTER (WHERE sk_is_recognized(i.status)) AS recognized
		FROM g JOIN initiatives i ON i.unit_id = g.id
		CROSS JOIN c
		LEFT JOIN ph ON i.applied_on BETWEEN ph.starts_on AND ph.ends_on
		WHERE i.applied_on >= c.counts_from AND i.status <> 'withdrawn'
		GROUP BY i.unit_id, ph.id),
	tot AS (
		SELECT per.unit_id, sum(per.submitted) AS submitted,
		       sum(per.recognized) AS recognized
		FROM per GROUP BY per.unit_id),
	grid AS (
		SELECT g.id AS unit_id,
		       array_agg(coalesce(pt.target, 0) ORDER BY ph.n) AS targets,
		       array_agg(coalesce(per.submitted, 0) ORDER BY ph.n) AS submitted,
		       array_agg(coalesce(per.recognized, 0) ORDER BY ph.n) AS recognized
		FROM g CROSS JOIN ph
		LEFT JOIN phase_targets pt ON pt.unit_id = g.id AND pt.phase_id = ph.id
		LEFT JOIN per ON per.unit_id = g.id AND per.phase_id = ph.id
		GROUP BY g.id)
	SELECT u.id, u.code, u.name, coalesce(q.quota, 0),
	       coalesce(tot.submitted, 0)::bigint, coalesce(tot.recognized, 0)::bigint,
	       coalesce(grid.targets, '{}'), coalesce(grid.submitted, '{}'),
	       coalesce(grid.recognized, '{}')
	FROM g JOIN units u ON u.id = g.id
	LEFT JOIN quotas q ON q.unit_id = u.id AND q.campaign_id = p_campaign
	LEFT JOIN tot ON tot.unit_id = u.id
	LEFT JOIN grid ON grid.unit_id = u.id
	ORDER BY u.code
$$;

-- The rows every progress reply is built from (server/progress_rows.h):
--   part 'unit':  code, name, t1 campaign code, t2 campaign name,
--                 t3 counts_from, n1 quota, n2 submitted, n3 recognized,
--                 n4 as of (Unix ms), a1..a3 per-phase targets, submitted,
--                 recognized
--   part 'phase': code, name, t1 starts_on, t2 ends_on (campaign order)
-- Other parts are added by the report.
CREATE TYPE sk_progress_row AS (
	part text, code text, name text, t1 text, t2 text, t3 text,
	n1 bigint, n2 bigint, n3 bigint, n4 bigint, a1 text, a2 text, a3 text);

-- The single row of a refused progress request.
CREATE FUNCTION sk_progress_error(p_outcome text) RETURNS SETOF sk_progress_row
LANGUAGE sql IMMUTABLE AS $$
	SELECT (ROW('error', p_outcome, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		    NULL, NULL)::sk_progress_row).*
$$;

CREATE FUNCTION sk_progress_units(p_units bigint[], p_campaign int)
RETURNS SETOF sk_progress_row
LANGUAGE sql STABLE AS $$
	SELECT 'unit', f.code, f.name, k.code, k.name, k.counts_from::text,
	       f.quota::bigint, f.submitted, f.recognized,
	       floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint,
	       f.phase_targets::text, f.phase_submitted::text, f.phase_recognized::text
	FROM sk_units_figures(p_units, p_campaign) f
	JOIN campaigns k ON k.id = p_campaign
	ORDER BY f.code
$$;

CREATE FUNCTION sk_progress_phases(p_campaign int)
RETURNS SETOF sk_progress_row
LANGUAGE sql STABLE AS $$
	SELECT 'phase', p.code, p.name, p.starts_on::text, p.ends_on::text, NULL::text,
	       NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::text, NULL::text,
	       NULL::text
	FROM sk_campaign_phases(p_campaign) p
	ORDER BY p.n
$$;

-- One unit's quota for the current campaign.  Rows: none (no such unit),
-- part 'error' code 'forbidden' (outside p_scope; NULL scope: anywhere) or
-- 'campaign_not_found', else one 'unit' row and the 'phase' rows.
CREATE FUNCTION sk_quota(p_unit_code text, p_scope bigint)
RETURNS SETOF sk_progress_row
LANGUAGE plpgsql STABLE AS $$
DECLARE
	v_unit bigint;
	v_campaign int := sk_campaign_id('');
BEGIN
	SELECT u.id INTO v_unit FROM units u WHERE u.code = p_unit_code;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF NOT sk_in_scope(v_unit, p_scope) THEN
		RETURN QUERY SELECT * FROM sk_progress_error('forbidden');
		RETURN;
	END IF;
	IF v_campaign IS NULL THEN
		RETURN QUERY SELECT * FROM sk_progress_error('campaign_not_found');
		RETURN;
	END IF;
	RETURN QUERY SELECT * FROM sk_progress_units(ARRAY[v_unit], v_campaign);
	RETURN QUERY SELECT * FROM sk_progress_phases(v_campaign);
END
$$;

-- The scope of a progress or report request.  p_code '' means the
-- credential's scope p_scope, or for administrators (p_scope NULL) the
-- root of the tree.  outcome: ok | not_found | forbidden | no_root |
-- several_roots | campaign_not_found.
CREATE FUNCTION sk_report_scope(p_code text, p_scope bigint, p_campaign_code text,
				OUT outcome text, OUT unit_id bigint, OUT campaign_id int)
LANGUAGE plpgsql STABLE AS $$
DECLARE
	v_n int;
BEGIN
	IF p_code = '' AND p_scope IS NOT NULL THEN
		unit_id := p_scope;
	ELSIF p_code = '' THEN
		SELECT count(*), min(u.id) INTO v_n, unit_id FROM units u WHERE u.parent_id IS NULL;
		IF v_n = 0 THEN
			outcome := 'no_root';
			RETURN;
		ELSIF v_n > 1 THEN
			outcome := 'several_roots';
			unit_id := NULL;
			RETURN;
		END IF;
	ELSE
		SELECT u.id INTO unit_id FROM units u WHERE u.code = p_code;
		IF NOT FOUND THEN
			outcome := 'not_found';
			RETURN;
		END IF;
		IF NOT sk_in_scope(unit_id, p_scope) THEN
			outcome := 'forbidden';
			unit_id := NULL;
			RETURN;
		END IF;
	END IF;
	campaign_id := sk_campaign_id(p_campaign_code);
	IF campaign_id IS NULL THEN
		outcome := 'campaign_not_found';
		RETURN;
	END IF;
	outcome := 'ok';
END
$$;

-- Progress: grassroots units at or below the scope.  Rows: one 'error'
-- row (code = sk_report_scope's outcome), or 'unit' rows then 'phase' rows.
CREATE FUNCTION sk_progress(p_code text, p_scope bigint, p_campaign_code text)
RETURNS SETOF sk_progress_row
LANGUAGE plpgsql STABLE AS $$
DECLARE
	s record;
BEGIN
	s := sk_report_scope(p_code, p_scope, p_campaign_code);
	IF s.outcome <> 'ok' THEN
		RETURN QUERY SELECT * FROM sk_progress_error(s.outcome);
		RETURN;
	END IF;
	RETURN QUERY SELECT * FROM sk_progress_units(
		ARRAY(SELECT t.id FROM sk_subtree(s.unit_id) t WHERE t.level = 'grassroots'),
		s.campaign_id);
	RETURN QUERY SELECT * FROM sk_progress_phases(s.campaign_id);
END
$$;

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
--   'kind'   code = scientific | technical | management, n2, n3
--   'theme'  code = '' (none) | covid | workers-life | production |
--            admin-reform | union-work, n2, n3
--   'week'   code = Monday (YYYY-MM-DD) of each ISO week from the week of
--            counts_from to this week, by received_at in Vietnam's time
--            (Asia/Ho_Chi_Minh), n2 received and counting, n3 of them
--            recognized
CREATE FUNCTION sk_report(p_code text, p_scope bigint, p_campaign_code text)
RETURNS SETOF sk_progress_row
LANGUAGE plpgsql STABLE AS $$
DECLARE
	s record;
	v_from date;
	v_units bigint[];
	v_grassroots bigint[];
	v_max int := nullif(current_setting('sangkien.report_max_units', true), '')::int;
BEGIN
	s := sk_report_scope(p_code, p_scope, p_campaign_code);
	IF s.outcome <> 'ok' THEN
		RETURN QUERY SELECT * FROM sk_progress_error(s.outcome);
		RETURN;
	END IF;
	SELECT k.counts_from INTO v_from FROM campaigns k WHERE k.id = s.campaign_id;
	-- The scope's units as an array: "unit_id = ANY(array)" lets the planner
	-- probe the (unit_id, ...) index for a district and scan for the nation,
	-- where a join to the recursive set picks one plan for both.
	v_units := ARRAY(SELECT t.id FROM sk_subtree(s.unit_id) t);

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
		SELECT ph.id, count(*) AS submitted,
		       count(*) FILTER (WHERE sk_is_recognized(i.status)) AS recognized
		FROM initiatives i
		JOIN ph ON i.applied_on BETWEEN ph.starts_on AND ph.ends_on
		WHERE i.unit_id = ANY(v_units) AND i.applied_on >= v_from
		  AND i.status <> 'withdrawn'
		GROUP BY ph.id)
	SELECT 'phase', ph.code, ph.name, ph.starts_on::text, ph.ends_on::text, NULL::text,
	       coalesce(pt.target, 0)::bigint, coalesce(cnt.submitted, 0),
	       coalesce(cnt.recognized, 0), NULL::bigint, NULL::text, NULL::text, NULL::text
	FROM ph
	LEFT JOIN phase_targets pt ON pt.phase_id = ph.id AND pt.unit_id = s.unit_id
	LEFT JOIN cnt ON cnt.id = ph.id
	ORDER BY ph.n;

	v_grassroots := ARRAY(SELECT t.id FROM sk_subtree(s.unit_id) t
			      WHERE t.level = 'grassroots');
	IF v_max IS NOT NULL AND cardinality(v_grassroots) > v_max THEN
		-- Too many to list in one reply: say so instead of computing them.
		RETURN QUERY SELECT 'units_omitted', NULL::text, NULL::text, NULL::text, NULL::text,
		       NULL::text, cardinality(v_grassroots)::bigint, NULL::bigint, NULL::bigint,
		       NULL::bigint, NULL::text, NULL::text, NULL::text;
	ELSE
		RETURN QUERY SELECT * FROM sk_progress_units(v_grassroots, s.campaign_id);
	END IF;

	-- Kind, theme and week in one pass.  GROUPING() tells the sets apart:
	-- 3 = by kind, 5 = by theme, 6 = by week.
	RETURN QUERY
	WITH i AS (
		SELECT i.kind, coalesce(i.theme, '') AS theme,
		       date_trunc('week', i.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
			   AS week,
		       sk_is_recognized(i.status) AS rec
		FROM initiatives i
		WHERE i.unit_id = ANY(v_units) AND i.applied_on >= v_from
		  AND i.status <> 'withdrawn'),
	g AS (
		SELECT i.kind, i.theme, i.week, GROUPING(i.kind, i.theme, i.week) AS gs,
		       count(*) AS submitted, count(*) FILTER (WHERE i.rec) AS recognized
		FROM i GROUP BY GROUPING SETS ((i.kind), (i.theme), (i.week))),
	keys (part, n, key) AS (
		VALUES ('kind', 1, 'scientific'), ('kind', 2, 'technical'),
		       ('kind', 3, 'management'), ('theme', 0, ''), ('theme', 1, 'covid'),
		       ('theme', 2, 'workers-life'), ('theme', 3, 'production'),
		       ('theme', 4, 'admin-reform'), ('theme', 5, 'union-work')),
	span AS (
		SELECT least(date_trunc('week', v_from)::date,
			     (SELECT min(g.week) FROM g WHERE g.gs = 6)) AS first,
		       greatest(date_trunc('week', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
				(SELECT max(g.week) FROM g WHERE g.gs = 6)) AS last),
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
		LEFT JOIN g ON (keys.part = 'kind' AND g.gs = 3 AND g.kind = keys.key)
			    OR (keys.part = 'theme' AND g.gs = 5 AND g.theme = keys.key)
		UNION ALL
		SELECT 'week', to_char(weeks.week, 'YYYY-MM-DD'), coalesce(g.submitted, 0),
		       coalesce(g.recognized, 0), 2, 0, weeks.week
		FROM weeks LEFT JOIN g ON g.gs = 6 AND g.week = weeks.week) x
	ORDER BY x.o, x.part, x.n, x.week;
END
$$;

-- ---------------------------------------------------------------------------
-- Writing.  The server has checked the form of every argument (codes,
-- dates, phases in order without overlap, on or after counts_from).

-- Create or update a campaign.  p_phases NULL keeps the phases; otherwise
-- [{"code", "name", "starts_on", "ends_on"}, ...] replaces them, matched by
-- code, so targets of a phase that stays are kept; a phase left out is
-- deleted with its targets.  outcome: ok | phase_before_counts_from (kept
-- phases would start before the new counts_from).
CREATE FUNCTION sk_put_campaign(p_code text, p_name text, p_counts_from date,
				p_make_current boolean, p_phases jsonb)
RETURNS TABLE (outcome text, created boolean, changed boolean)
LANGUAGE plpgsql AS $$
DECLARE
	v_old campaigns%ROWTYPE;
	v_id int;
	v_n int;
BEGIN
	created := false;
	changed := false;
	-- One campaign writer at a time: making one current unsets another,
	-- and the partial unique index would otherwise fail a racing writer.
	LOCK TABLE campaigns IN SHARE ROW EXCLUSIVE MODE;
	SELECT * INTO v_old FROM campaigns k WHERE k.code = p_code;
	IF NOT FOUND THEN
		INSERT INTO campaigns (code, name, counts_from)
		VALUES (p_code, p_name, p_counts_from) RETURNING id INTO v_id;
		created := true;
		changed := true;
	ELSE
		v_id := v_old.id;
		IF p_phases IS NULL AND EXISTS (
			SELECT 1 FROM phases p WHERE p.campaign_id = v_id
			AND p.starts_on < p_counts_from) THEN
			outcome := 'phase_before_counts_from';
			RETURN NEXT;
			RETURN;
		END IF;
		IF v_old.name <> p_name OR v_old.counts_from <> p_counts_from THEN
			UPDATE campaigns SET name = p_name, counts_from = p_counts_from
			WHERE id = v_id;
			changed := true;
		END IF;
	END IF;
	IF p_make_current AND NOT coalesce(v_old.is_current, false) THEN
		UPDATE campaigns SET is_current = false WHERE is_current;
		UPDATE campaigns SET is_current = true WHERE id = v_id;
		changed := true;
	END IF;
	IF p_phases IS NOT NULL THEN
		DELETE FROM phases p WHERE p.campaign_id = v_id
		AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset(p_phases) AS x(code text)
				WHERE x.code = p.code);
		GET DIAGNOSTICS v_n = ROW_COUNT;
		changed := changed OR v_n > 0;
		-- Dates move in place; the overlap check below runs on the result.
		UPDATE phases p SET name = x.name, starts_on = x.starts_on, ends_on = x.ends_on
		FROM jsonb_to_recordset(p_phases)
			AS x(code text, name text, starts_on date, ends_on date)
		WHERE p.campaign_id = v_id AND p.code = x.code
		AND (p.name, p.starts_on, p.ends_on) IS DISTINCT FROM (x.name, x.starts_on, x.ends_on);
		GET DIAGNOSTICS v_n = ROW_COUNT;
		changed := changed OR v_n > 0;
		INSERT INTO phases (campaign_id, code, name, starts_on, ends_on)
		SELECT v_id, x.code, x.name, x.starts_on, x.ends_on
		FROM jsonb_to_recordset(p_phases)
			AS x(code text, name text, starts_on date, ends_on date)
		WHERE NOT EXISTS (SELECT 1 FROM phases p WHERE p.campaign_id = v_id
				  AND p.code = x.code);
		GET DIAGNOSTICS v_n = ROW_COUNT;
		changed := changed OR v_n > 0;
	END IF;
	-- The server checked the request; this guards the stored result.
	IF EXISTS (SELECT 1 FROM phases a JOIN phases b ON b.campaign_id = a.campaign_id
		   AND a.id < b.id AND a.starts_on <= b.ends_on AND b.starts_on <= a.ends_on
		   WHERE a.campaign_id = v_id)
	   OR EXISTS (SELECT 1 FROM phases p JOIN campaigns k ON k.id = p.campaign_id
		      WHERE k.id = v_id AND p.starts_on < k.counts_from) THEN
		RAISE EXCEPTION 'phases of campaign % overlap or start before counts_from',
			p_code;
	END IF;
	outcome := 'ok';
	RETURN NEXT;
END
$$;

-- Set one unit's target for a campaign ('' = current) or one of its
-- phases.  Operators (p_is_admin false) may set targets of units strictly
-- below their scope unit p_scope.  outcome: ok | unit_not_found |
-- forbidden | campaign_not_found | phase_not_found.
CREATE FUNCTION sk_set_target(p_unit_code text, p_campaign_code text, p_phase_code text,
			      p_target int, p_scope bigint, p_is_admin boolean)
RETURNS TABLE (outcome text, changed boolean)
LANGUAGE plpgsql AS $$
DECLARE
	v_unit bigint;
	v_campaign int;
	v_phase int;
	v_n int;
BEGIN
	changed := false;
	SELECT u.id INTO v_unit FROM units u WHERE u.code = p_unit_code;
	IF NOT FOUND THEN
		outcome := 'unit_not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF NOT p_is_admin AND (p_scope IS NULL OR v_unit = p_scope
			       OR NOT sk_in_scope(v_unit, p_scope)) THEN
		outcome := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	v_campaign := sk_campaign_id(p_campaign_code);
	IF v_campaign IS NULL THEN
		outcome := 'campaign_not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF p_phase_code = '' THEN
		INSERT INTO quotas AS q (unit_id, campaign_id, quota)
		VALUES (v_unit, v_campaign, p_target)
		ON CONFLICT (unit_id, campaign_id)
		DO UPDATE SET quota = excluded.quota, updated_at = now()
		WHERE q.quota <> excluded.quota;
	ELSE
		SELECT p.id INTO v_phase FROM phases p
		WHERE p.campaign_id = v_campaign AND p.code = p_phase_code;
		IF NOT FOUND THEN
			outcome := 'phase_not_found';
			RETURN NEXT;
			RETURN;
		END IF;
		INSERT INTO phase_targets AS t (unit_id, phase_id, target)
		VALUES (v_unit, v_phase, p_target)
		ON CONFLICT (unit_id, phase_id)
		DO UPDATE SET target = excluded.target, updated_at = now()
		WHERE t.target <> excluded.target;
	END IF;
	GET DIAGNOSTICS v_n = ROW_COUNT;
	changed := v_n > 0;
	outcome := 'ok';
	RETURN NEXT;
END
$$;

-- Phase lookups by date use this.
CREATE INDEX phases_campaign_dates_idx ON phases (campaign_id, starts_on, ends_on);
