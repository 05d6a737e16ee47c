-- SubmitBatches in one call, set-based: what sk_submit_item answers for
-- each item, one row per item (ord: its place in the arrays, from 1), the
-- same outcomes and receipts.  Each item names its unit and credential
-- (p_unit, p_credential): the server merges the batches of several units
-- waiting together into one call, and the answers are those of the batches
-- stored one after another in item order.  The units' feed locks are taken
-- first, in unit order (sk_feed_lock's lock order), and each unit's feed
-- advanced once: the new rows carry their numbers (the feed trigger leaves
-- a given number alone), handed out under that lock as the trigger would.
-- A uuid twice in the call is inserted once, from its first item; the later
-- items are answered as resends (of another unit: forbidden).  A uuid being
-- inserted at the same time by another transaction (only another unit's:
-- a unit's writers queue on its feed lock) makes the INSERT fail on the
-- unique uuid, and the server then stores the batches alone and item by
-- item (sk_submit_item, which waits for that row): the unique index keeps
-- exactly one row either way, and no speculative insertion is paid for on
-- every row.  When every item was stored now (the rush: new uuids, each
-- once), the answers come from the INSERT itself; only a call with anything
-- else looks its items up again, each answered as below.
CREATE OR REPLACE FUNCTION sk_submit_batch(
	p_uuid uuid[], p_unit bigint[], p_credential bigint[], p_title text[], p_kind text[],
	p_authors jsonb[], p_summary text[], p_effect text[], p_applied_on date[],
	p_theme text[], p_sha bytea[])
RETURNS TABLE (ord int, outcome text, record_id bigint, version int,
	       received_unix_ms bigint, content_sha256 bytea, cur sk_server_initiatives)
-- Generic plans: the statements' shape does not depend on the items, and
-- planning them again for every batch cost more than running them.  A
-- connection keeps its plans while the tables grow: made while initiatives
-- was empty, a plan that scans it would go on scanning it whole for every
-- batch (over 1 ms per initiative at 7,000 rows), so each is looked for
-- through its index, by the uuids of the call.
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan SET enable_seqscan = off AS $$
DECLARE
	v_units bigint[];
	v_lasts bigint[];
	v_added uuid[];
	v_id bigint[];
	v_at timestamptz[];
	v_answered bigint;
	v_unit bigint;
BEGIN
	IF p_unit[1] = ALL (p_unit) THEN
		-- One unit (a batch alone): the simpler statement.
		v_units := p_unit[1:1];
		SELECT ARRAY[f.last_seq] INTO v_lasts FROM unit_feed f
		WHERE f.unit_id = p_unit[1] FOR UPDATE;
	ELSE
		SELECT array_agg(f.unit_id ORDER BY f.unit_id),
		       array_agg(f.last_seq ORDER BY f.unit_id)
		INTO v_units, v_lasts
		FROM (SELECT f.unit_id, f.last_seq FROM unit_feed f WHERE f.unit_id = ANY (p_unit)
		      ORDER BY f.unit_id FOR UPDATE) f;
	END IF;
	IF v_lasts IS NULL OR NOT p_unit <@ v_units THEN
		-- A unit's first change: its feed row is made (sk_feed_lock).
		FOR v_unit IN SELECT DISTINCT u FROM unnest(p_unit) u ORDER BY u LOOP
			PERFORM sk_feed_lock(v_unit);
		END LOOP;
		SELECT array_agg(f.unit_id ORDER BY f.unit_id),
		       array_agg(f.last_seq ORDER BY f.unit_id)
		INTO v_units, v_lasts FROM unit_feed f WHERE f.unit_id = ANY (p_unit);
	END IF;
	WITH x AS (
		SELECT DISTINCT ON (x.uuid) x.*
		FROM unnest(p_uuid, p_unit, p_credential, p_title, p_kind, p_authors, p_summary,
			    p_effect, p_applied_on, p_theme, p_sha)
			WITH ORDINALITY AS x(uuid, unit, credential, title, kind, authors, summary,
					     effect, applied_on, theme, sha, ord)
		WHERE x.uuid <> ALL (ARRAY(SELECT i.uuid FROM initiatives i
					   WHERE i.uuid = ANY (p_uuid)))
		ORDER BY x.uuid, x.ord
	), added AS (
		INSERT INTO initiatives AS i (uuid, unit_id, credential_id, title, kind, authors,
					      summary, effect, applied_on, theme, content_sha256,
					      feed_seq)
		SELECT x.uuid, x.unit, x.credential, x.title, x.kind, x.authors, x.summary,
		       x.effect, x.applied_on, x.theme, x.sha,
		       v_lasts[array_position(v_units, x.unit)]
		       + row_number() OVER (PARTITION BY x.unit ORDER BY x.ord)
		FROM x ORDER BY x.unit, x.ord
		RETURNING i.uuid, i.unit_id, i.id, i.feed_seq, i.received_at
	), fed AS (
		UPDATE unit_feed f
		SET last_seq = (SELECT max(a.feed_seq) FROM added a WHERE a.unit_id = f.unit_id)
		WHERE f.unit_id = ANY (v_units)
		  AND EXISTS (SELECT 1 FROM added a WHERE a.unit_id = f.unit_id)
	)
	-- In insertion order: ids are taken row by row, by unit and item order.
	SELECT array_agg(a.uuid ORDER BY a.id), array_agg(a.id ORDER BY a.id),
	       array_agg(a.received_at ORDER BY a.id)
	INTO v_added, v_id, v_at FROM added a;
	-- Every item new and once, their rows in item order (checked, not
	-- assumed: items come grouped by unit in ascending unit order, as the
	-- server merges batches): the INSERT's answers are the items'.
	IF v_added = p_uuid THEN
		RETURN QUERY
		SELECT a.ord::int, 'accepted'::text, a.id, 1,
		       floor(extract(epoch FROM a.at) * 1000)::bigint, a.sha,
		       NULL::sk_server_initiatives
		FROM unnest(v_id, v_at, p_sha) WITH ORDINALITY AS a(id, at, sha, ord);
		RETURN;
	END IF;
	RETURN QUERY
	SELECT x.ord::int,
	       o.outcome,
	       CASE WHEN o.outcome <> 'forbidden' THEN r.id END,
	       CASE WHEN o.outcome = 'forbidden' THEN NULL
		    WHEN v.version IS NOT NULL THEN v.version ELSE r.version END,
	       CASE WHEN o.outcome = 'forbidden' THEN NULL
		    ELSE floor(extract(epoch FROM coalesce(v.stored_at, r.received_at))
			       * 1000)::bigint END,
	       CASE WHEN o.outcome = 'forbidden' THEN NULL
		    WHEN v.version IS NOT NULL THEN x.sha ELSE r.content_sha256 END,
	       c.s
	FROM (SELECT x.*, min(x.ord) OVER (PARTITION BY x.uuid) AS first_ord
	      FROM unnest(p_uuid, p_unit, p_sha) WITH ORDINALITY AS x(uuid, unit, sha, ord)) x
	JOIN initiatives r ON r.uuid = x.uuid AND r.uuid = ANY (p_uuid)
	-- An earlier revision with this content (looked for only when needed).
	LEFT JOIN LATERAL (
		SELECT k.version, k.stored_at FROM initiative_revisions k
		WHERE r.unit_id = x.unit AND r.content_sha256 <> x.sha
		  AND k.initiative_id = r.id AND k.content_sha256 = x.sha
		ORDER BY k.version LIMIT 1) v ON true
	CROSS JOIN LATERAL (
		SELECT CASE
		       WHEN x.ord = x.first_ord AND r.uuid = ANY (v_added) THEN 'accepted'
		       WHEN r.unit_id <> x.unit THEN 'forbidden'
		       WHEN r.content_sha256 = x.sha OR v.version IS NOT NULL THEN 'duplicate'
		       ELSE 'conflict' END AS outcome) o
	-- The server's copy for a conflict only (OFFSET 0 keeps the condition
	-- a one-time filter: the view's row is not built for other items).
	LEFT JOIN LATERAL (
		SELECT s FROM sk_server_initiatives s
		WHERE o.outcome = 'conflict' AND s.record_id = r.id OFFSET 0) c ON true
	ORDER BY x.ord;
	GET DIAGNOSTICS v_answered = ROW_COUNT;
	IF v_answered <> cardinality(p_uuid) THEN
		RAISE EXCEPTION 'sk_submit_batch: % items, % answered', cardinality(p_uuid),
			v_answered;
	END IF;
END
$$;
