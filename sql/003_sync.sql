-- 003_sync: edits and withdrawals by the unit, the history of every
-- revision of an initiative's content, and the server's view of an
-- initiative as pull-sync, conflicts and operator lists send it
-- (ServerInitiative).

-- When the current content was stored: NULL until the first edit, meaning
-- received_at.  Nullable so that adding it rewrites no existing row.
ALTER TABLE initiatives ADD COLUMN content_at timestamptz;

-- Every revision of an initiative's content, the first included, as stored.
-- Written by a trigger, so no code path can change content unrecorded.
CREATE TABLE initiative_revisions (
	initiative_id  bigint NOT NULL REFERENCES initiatives (id),
	version        int NOT NULL,
	title          text NOT NULL,
	kind           text NOT NULL,
	authors        jsonb NOT NULL,
	summary        text NOT NULL,
	effect         text NOT NULL,
	applied_on     date NOT NULL,
	theme          text,
	content_sha256 bytea NOT NULL,
	stored_at      timestamptz NOT NULL,
	credential_id  bigint REFERENCES credentials (id),
	PRIMARY KEY (initiative_id, version)
);

CREATE FUNCTION sk_initiatives_revision() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO initiative_revisions (initiative_id, version, title, kind, authors, summary,
					  effect, applied_on, theme, content_sha256, stored_at,
					  credential_id)
	VALUES (NEW.id, NEW.version, NEW.title, NEW.kind, NEW.authors, NEW.summary, NEW.effect,
		NEW.applied_on, NEW.theme, NEW.content_sha256,
		coalesce(NEW.content_at, NEW.received_at),
		coalesce(nullif(current_setting('sangkien.actor', true), '')::bigint,
			 NEW.credential_id));
	RETURN NULL;
END
$$;

CREATE TRIGGER initiatives_revision AFTER INSERT ON initiatives
	FOR EACH ROW EXECUTE FUNCTION sk_initiatives_revision();
CREATE TRIGGER initiatives_revision_edit AFTER UPDATE OF content_sha256 ON initiatives
	FOR EACH ROW WHEN (OLD.content_sha256 IS DISTINCT FROM NEW.content_sha256)
	EXECUTE FUNCTION sk_initiatives_revision();

-- Initiatives stored before this migration: their first revision.
INSERT INTO initiative_revisions (initiative_id, version, title, kind, authors, summary,
				  effect, applied_on, theme, content_sha256, stored_at,
				  credential_id)
SELECT id, version, title, kind, authors, summary, effect, applied_on, theme, content_sha256,
       received_at, credential_id
FROM initiatives;

-- ---------------------------------------------------------------------------
-- Lists packed into one text column for the server to read without a JSON
-- parser: each value is "<byte length>:<bytes>", values back to back.
-- (server/initiative_row.c reads it.)
CREATE FUNCTION sk_pack(p text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT octet_length(coalesce(p, ''))::text || ':' || coalesce(p, '')
$$;

-- Authors: name, position per author, in order.
CREATE FUNCTION sk_pack_authors(p_authors jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT coalesce(string_agg(sk_pack(a ->> 'name') || sk_pack(a ->> 'position'), ''
				   ORDER BY n), '')
	FROM jsonb_array_elements(p_authors) WITH ORDINALITY AS x (a, n)
$$;

-- Notes, oldest first: time (Unix ms), status, author, text per note.
CREATE FUNCTION sk_pack_notes(p_initiative bigint) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT coalesce(string_agg(
		sk_pack(floor(extract(epoch FROM n.created_at) * 1000)::bigint::text)
		|| sk_pack(n.status) || sk_pack(n.author) || sk_pack(n.body), '' ORDER BY n.id), '')
	FROM initiative_notes n WHERE n.initiative_id = p_initiative
$$;

-- The phase of the current campaign a date falls in ('' if none).
CREATE FUNCTION sk_phase_code(p_date date) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT p.code FROM phases p JOIN campaigns c ON c.id = p.campaign_id
			 WHERE c.is_current AND p_date BETWEEN p.starts_on AND p.ends_on
			 ORDER BY p.starts_on, p.id LIMIT 1), '')
$$;

-- One initiative as ServerInitiative.  The column order is a contract with
-- server/initiative_row.h (INITIATIVE_ROW_*): append new columns at the end.
CREATE VIEW sk_server_initiatives AS
SELECT i.id                                                          AS record_id,
       i.uuid::text                                                  AS uuid,
       u.code                                                        AS unit_code,
       i.title,
       i.kind,
       sk_pack_authors(i.authors)                                    AS authors_packed,
       i.summary,
       i.effect,
       i.applied_on::text                                            AS applied_on,
       coalesce(i.theme, '')                                         AS theme,
       i.version,
       i.status,
       floor(extract(epoch FROM coalesce(i.content_at, i.received_at)) * 1000)::bigint
                                                                     AS receipt_unix_ms,
       encode(i.content_sha256, 'hex')                               AS content_sha256_hex,
       sk_pack_notes(i.id)                                           AS notes_packed,
       coalesce(i.recognition_decision, '')                          AS recognition_decision,
       coalesce(i.recognition_date::text, '')                        AS recognition_date,
       coalesce(i.recognized_by, '')                                 AS recognized_by,
       coalesce(i.reward_kind, '')                                   AS reward_kind,
       coalesce(i.reward_level, '')                                  AS reward_level,
       coalesce(i.reward_decision, '')                               AS reward_decision,
       coalesce(i.reward_date::text, '')                             AS reward_date,
       coalesce(i.reward_amount_vnd, 0)                              AS reward_amount_vnd,
       floor(extract(epoch FROM i.updated_at) * 1000)::bigint        AS updated_unix_ms,
       sk_phase_code(i.applied_on)                                   AS phase_code,
       i.feed_seq,
       i.unit_id
FROM initiatives i JOIN units u ON u.id = i.unit_id;

-- ---------------------------------------------------------------------------
-- Lock order.  Every change of an initiative takes its unit's unit_feed row
-- lock (the feed trigger, sql/002) and holds it to commit.  A transaction
-- that changes several initiatives of a unit while another locks one of
-- them first (row, then feed) could deadlock; so every writer of the server
-- takes the unit's feed lock FIRST, with sk_feed_lock(unit), and only then
-- locks or updates initiative rows of that unit.  Writers of one unit are
-- serialized by the feed anyway, so this costs no concurrency.
CREATE FUNCTION sk_feed_lock(p_unit bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM unit_feed f WHERE f.unit_id = p_unit FOR UPDATE;
	IF NOT FOUND THEN
		-- last_seq 0: the unit's first change still gets number 1.
		INSERT INTO unit_feed (unit_id, last_seq) VALUES (p_unit, 0)
		ON CONFLICT (unit_id) DO NOTHING;
		PERFORM 1 FROM unit_feed f WHERE f.unit_id = p_unit FOR UPDATE;
	END IF;
END
$$;

-- ---------------------------------------------------------------------------
-- Edit: a new revision of one initiative, made from the server version
-- p_base_version, under the unit's feed lock and the initiative's row lock.
-- outcome (checked in this order):
--   not_found     no initiative with this uuid
--   forbidden     it belongs to another unit (cur is NULL)
--   duplicate     the stored content already has this hash: a resend whose
--                 reply was lost, whatever p_base_version says
--   not_editable  status is neither submitted nor needs_changes
--   conflict      p_base_version is not the current version
--   accepted      stored: version + 1, status submitted
-- cur is the initiative as it is now (after the change when accepted).
CREATE FUNCTION sk_edit_initiative(
	p_uuid uuid, p_unit bigint, p_credential bigint, p_base_version int, p_title text,
	p_kind text, p_authors jsonb, p_summary text, p_effect text, p_applied_on date,
	p_theme text, p_sha bytea)
RETURNS TABLE (outcome text, reason text, cur sk_server_initiatives)
LANGUAGE plpgsql AS $$
DECLARE
	r initiatives%ROWTYPE;
BEGIN
	-- The unit of an initiative never changes: look, then lock in order.
	SELECT * INTO r FROM initiatives i WHERE i.uuid = p_uuid;
	IF NOT FOUND THEN
		outcome := 'not_found';
		reason := 'no initiative with this uuid';
		RETURN NEXT;
		RETURN;
	END IF;
	IF r.unit_id <> p_unit THEN
		outcome := 'forbidden';
		reason := 'this initiative belongs to another unit';
		RETURN NEXT;
		RETURN;
	END IF;
	PERFORM sk_feed_lock(p_unit);
	SELECT * INTO STRICT r FROM initiatives i WHERE i.id = r.id FOR UPDATE;
	IF r.content_sha256 = p_sha THEN
		outcome := 'duplicate';
	ELSIF r.status NOT IN ('submitted', 'needs_changes') THEN
		outcome := 'not_editable';
		reason := format('an initiative whose status is %s cannot be edited', r.status);
	ELSIF r.version <> p_base_version THEN
		outcome := 'conflict';
		reason := format('edit made from version %s, the server has version %s',
				 p_base_version, r.version);
	ELSE
		UPDATE initiatives i SET
			title = p_title, kind = p_kind, authors = p_authors, summary = p_summary,
			effect = p_effect, applied_on = p_applied_on, theme = p_theme,
			content_sha256 = p_sha, version = i.version + 1, status = 'submitted',
			content_at = clock_timestamp(), updated_at = clock_timestamp()
		WHERE i.id = r.id;
		outcome := 'accepted';
	END IF;
	SELECT * INTO cur FROM sk_server_initiatives v WHERE v.record_id = r.id;
	RETURN NEXT;
END
$$;

-- Withdraw: the unit takes an initiative back before review.  It stays on
-- record with status withdrawn; a non-empty p_reason is kept as a note.
-- outcome: not_found | forbidden | duplicate (already withdrawn) |
-- not_editable (status other than submitted, needs_changes) | conflict
-- (p_base_version not 0 and not current) | accepted.  cur as for edits.
CREATE FUNCTION sk_withdraw_initiative(p_uuid uuid, p_unit bigint, p_credential bigint,
				       p_base_version int, p_reason text)
RETURNS TABLE (outcome text, reason text, cur sk_server_initiatives)
LANGUAGE plpgsql AS $$
DECLARE
	r initiatives%ROWTYPE;
	v_label text;
BEGIN
	-- The unit of an initiative never changes: look, then lock in order.
	SELECT * INTO r FROM initiatives i WHERE i.uuid = p_uuid;
	IF NOT FOUND THEN
		outcome := 'not_found';
		reason := 'no initiative with this uuid';
		RETURN NEXT;
		RETURN;
	END IF;
	IF r.unit_id <> p_unit THEN
		outcome := 'forbidden';
		reason := 'this initiative belongs to another unit';
		RETURN NEXT;
		RETURN;
	END IF;
	PERFORM sk_feed_lock(p_unit);
	SELECT * INTO STRICT r FROM initiatives i WHERE i.id = r.id FOR UPDATE;
	IF r.status = 'withdrawn' THEN
		outcome := 'duplicate';
	ELSIF r.status NOT IN ('submitted', 'needs_changes') THEN
		outcome := 'not_editable';
		reason := format('an initiative whose status is %s cannot be withdrawn', r.status);
	ELSIF p_base_version <> 0 AND r.version <> p_base_version THEN
		outcome := 'conflict';
		reason := format('withdrawal made from version %s, the server has version %s',
				 p_base_version, r.version);
	ELSE
		UPDATE initiatives i SET status = 'withdrawn', version = i.version + 1,
					 updated_at = clock_timestamp()
		WHERE i.id = r.id;
		IF coalesce(p_reason, '') <> '' THEN
			SELECT c.label INTO v_label FROM credentials c WHERE c.id = p_credential;
			INSERT INTO initiative_notes (initiative_id, credential_id, author, status,
						      body)
			VALUES (r.id, p_credential, coalesce(v_label, ''), 'withdrawn', p_reason);
		END IF;
		outcome := 'accepted';
	END IF;
	SELECT * INTO cur FROM sk_server_initiatives v WHERE v.record_id = r.id;
	RETURN NEXT;
END
$$;
