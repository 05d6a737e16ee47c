
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';

CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

COMMENT ON EXTENSION unaccent IS 'text search dictionary that removes accents';

CREATE TYPE public.sk_progress_row AS (
	part text,
	code text,
	name text,
	t1 text,
	t2 text,
	t3 text,
	n1 bigint,
	n2 bigint,
	n3 bigint,
	n4 bigint,
	a1 text,
	a2 text,
	a3 text
);

CREATE FUNCTION public.sk_pack(p text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
	SELECT octet_length(coalesce(p, ''))::text || ':' || coalesce(p, '')
$$;

CREATE TABLE public.campaigns (
    id integer NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    counts_from date NOT NULL,
    is_current boolean DEFAULT false NOT NULL
);

CREATE TABLE public.dossier_files (
    id bigint NOT NULL,
    sha256 bytea NOT NULL,
    size bigint NOT NULL,
    content_type text NOT NULL,
    state text NOT NULL,
    unit_id bigint NOT NULL,
    received bigint DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    touched_at timestamp with time zone DEFAULT now() NOT NULL,
    committed_at timestamp with time zone,
    removed_at timestamp with time zone,
    hashed bigint DEFAULT 0 NOT NULL,
    hash_state bytea,
    CONSTRAINT dossier_files_check CHECK (((received >= 0) AND (received <= size))),
    CONSTRAINT dossier_files_check1 CHECK (((state = 'uploading'::text) OR (received = size))),
    CONSTRAINT dossier_files_content_type_check CHECK ((content_type = ANY (ARRAY['pdf'::text, 'jpeg'::text, 'png'::text, 'webp'::text, 'docx'::text, 'odt'::text, 'xlsx'::text]))),
    CONSTRAINT dossier_files_hashed_check CHECK ((((hashed >= 0) AND (hashed <= received)) AND ((hashed = 0) = (hash_state IS NULL)))),
    CONSTRAINT dossier_files_removed_check CHECK (((state = 'removed'::text) = (removed_at IS NOT NULL))),
    CONSTRAINT dossier_files_sha256_check CHECK ((length(sha256) = 32)),
    CONSTRAINT dossier_files_size_check CHECK ((size > 0)),
    CONSTRAINT dossier_files_state_check CHECK ((state = ANY (ARRAY['uploading'::text, 'committed'::text, 'removed'::text])))
);

CREATE TABLE public.initiative_attachments (
    id bigint NOT NULL,
    initiative_id bigint NOT NULL,
    file_id bigint NOT NULL,
    file_name text NOT NULL,
    label text DEFAULT ''::text NOT NULL,
    credential_id bigint,
    attached_at timestamp with time zone DEFAULT now() NOT NULL,
    detached_at timestamp with time zone,
    CONSTRAINT initiative_attachments_file_name_check CHECK (((char_length(file_name) >= 1) AND (char_length(file_name) <= 255))),
    CONSTRAINT initiative_attachments_label_check CHECK ((char_length(label) <= 200))
);

CREATE TABLE public.initiative_notes (
    id bigint NOT NULL,
    initiative_id bigint NOT NULL,
    credential_id bigint,
    author text DEFAULT ''::text NOT NULL,
    status text NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.initiatives (
    id bigint NOT NULL,
    uuid uuid NOT NULL,
    unit_id bigint NOT NULL,
    credential_id bigint,
    title text NOT NULL,
    kind text NOT NULL,
    authors jsonb NOT NULL,
    summary text NOT NULL,
    effect text NOT NULL,
    applied_on date NOT NULL,
    theme text,
    content_sha256 bytea NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    status text DEFAULT 'submitted'::text NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    recognition_decision text,
    recognition_date date,
    recognized_by text,
    reward_kind text,
    reward_level text,
    reward_decision text,
    reward_date date,
    reward_amount_vnd bigint,
    feed_seq bigint NOT NULL,
    content_at timestamp with time zone,
    CONSTRAINT initiatives_content_sha256_check CHECK ((length(content_sha256) = 32)),
    CONSTRAINT initiatives_kind_check CHECK ((kind = ANY (ARRAY['scientific'::text, 'technical'::text, 'management'::text]))),
    CONSTRAINT initiatives_reward_amount_vnd_check CHECK ((reward_amount_vnd >= 0)),
    CONSTRAINT initiatives_reward_kind_check CHECK ((reward_kind = ANY (ARRAY['reward'::text, 'commendation'::text]))),
    CONSTRAINT initiatives_status_check CHECK ((status = ANY (ARRAY['submitted'::text, 'under_review'::text, 'needs_changes'::text, 'recognized'::text, 'rejected'::text, 'rewarded'::text, 'withdrawn'::text]))),
    CONSTRAINT initiatives_theme_check CHECK ((theme = ANY (ARRAY['covid'::text, 'workers-life'::text, 'production'::text, 'admin-reform'::text, 'union-work'::text])))
);

CREATE TABLE public.phases (
    id integer NOT NULL,
    campaign_id integer NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    CONSTRAINT phases_check CHECK ((starts_on <= ends_on)),
    CONSTRAINT phases_code_check CHECK ((code ~ '^[A-Za-z0-9._-]{1,32}$'::text)),
    CONSTRAINT phases_name_check CHECK (((char_length(name) >= 1) AND (char_length(name) <= 200)))
);

CREATE TABLE public.units (
    id bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    level text NOT NULL,
    parent_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT units_check CHECK (((level = 'national'::text) = (parent_id IS NULL))),
    CONSTRAINT units_code_check CHECK ((code ~ '^[A-Za-z0-9._-]{1,32}$'::text)),
    CONSTRAINT units_level_check CHECK ((level = ANY (ARRAY['national'::text, 'province'::text, 'district'::text, 'grassroots'::text]))),
    CONSTRAINT units_name_check CHECK (((char_length(name) >= 1) AND (char_length(name) <= 200)))
);

CREATE VIEW public.sk_server_initiatives AS
 SELECT i.id AS record_id,
    (i.uuid)::text AS uuid,
    u.code AS unit_code,
    i.title,
    i.kind,
    ( SELECT COALESCE(string_agg((public.sk_pack((x.a ->> 'name'::text)) || public.sk_pack((x.a ->> 'position'::text))), ''::text ORDER BY x.n), ''::text) AS "coalesce"
           FROM jsonb_array_elements(i.authors) WITH ORDINALITY x(a, n)) AS authors_packed,
    i.summary,
    i.effect,
    (i.applied_on)::text AS applied_on,
    COALESCE(i.theme, ''::text) AS theme,
    i.version,
    i.status,
    (floor((EXTRACT(epoch FROM COALESCE(i.content_at, i.received_at)) * (1000)::numeric)))::bigint AS receipt_unix_ms,
    encode(i.content_sha256, 'hex'::text) AS content_sha256_hex,
    ( SELECT COALESCE(string_agg((((public.sk_pack(((floor((EXTRACT(epoch FROM n.created_at) * (1000)::numeric)))::bigint)::text) || public.sk_pack(n.status)) || public.sk_pack(n.author)) || public.sk_pack(n.body)), ''::text ORDER BY n.id), ''::text) AS "coalesce"
           FROM public.initiative_notes n
          WHERE (n.initiative_id = i.id)) AS notes_packed,
    COALESCE(i.recognition_decision, ''::text) AS recognition_decision,
    COALESCE((i.recognition_date)::text, ''::text) AS recognition_date,
    COALESCE(i.recognized_by, ''::text) AS recognized_by,
    COALESCE(i.reward_kind, ''::text) AS reward_kind,
    COALESCE(i.reward_level, ''::text) AS reward_level,
    COALESCE(i.reward_decision, ''::text) AS reward_decision,
    COALESCE((i.reward_date)::text, ''::text) AS reward_date,
    COALESCE(i.reward_amount_vnd, (0)::bigint) AS reward_amount_vnd,
    (floor((EXTRACT(epoch FROM i.updated_at) * (1000)::numeric)))::bigint AS updated_unix_ms,
    COALESCE(( SELECT p.code
           FROM (public.phases p
             JOIN public.campaigns c ON ((c.id = p.campaign_id)))
          WHERE (c.is_current AND ((i.applied_on >= p.starts_on) AND (i.applied_on <= p.ends_on)))
          ORDER BY p.starts_on, p.id
         LIMIT 1), ''::text) AS phase_code,
    i.feed_seq,
    i.unit_id,
    ( SELECT COALESCE(string_agg((((((public.sk_pack(encode(f.sha256, 'hex'::text)) || public.sk_pack((f.size)::text)) || public.sk_pack(f.content_type)) || public.sk_pack(a.file_name)) || public.sk_pack(a.label)) || public.sk_pack(((floor((EXTRACT(epoch FROM a.attached_at) * (1000)::numeric)))::bigint)::text)), ''::text ORDER BY a.id), ''::text) AS "coalesce"
           FROM (public.initiative_attachments a
             JOIN public.dossier_files f ON ((f.id = a.file_id)))
          WHERE ((a.initiative_id = i.id) AND (a.detached_at IS NULL))) AS attachments_packed
   FROM (public.initiatives i
     JOIN public.units u ON ((u.id = i.unit_id)));

CREATE FUNCTION public.sk_attach_file(p_uuid uuid, p_unit bigint, p_credential bigint, p_base_version integer, p_sha bytea, p_file_name text, p_label text, p_max_bytes bigint, p_max_files integer) RETURNS TABLE(outcome text, reason text, cur public.sk_server_initiatives)
    LANGUAGE plpgsql
    AS $$
DECLARE
	l record;
	r initiatives%ROWTYPE;
	v_file dossier_files%ROWTYPE;
	v_bytes bigint;
	v_files int;
BEGIN
	SELECT * INTO l FROM sk_unit_initiative_lock(p_uuid, p_unit);
	IF l.outcome <> 'ok' THEN
		outcome := l.outcome;
		reason := l.reason;
		RETURN NEXT;
		RETURN;
	END IF;
	r := l.initiative;
	-- Locked, so that the sweep of unattached files (sk_file_sweep) waits.
	SELECT d.* INTO v_file FROM unit_files uf JOIN dossier_files d ON d.id = uf.file_id
	WHERE uf.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'committed'
	FOR SHARE OF d;
	IF NOT FOUND THEN
		outcome := 'no_file';
		reason := 'no file with this SHA-256 committed by this unit: upload it first';
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT coalesce(sum(d.size), 0), count(*) INTO v_bytes, v_files
	FROM initiative_attachments a JOIN dossier_files d ON d.id = a.file_id
	WHERE a.initiative_id = r.id AND a.detached_at IS NULL;
	IF EXISTS (SELECT 1 FROM initiative_attachments a WHERE a.initiative_id = r.id
		   AND a.file_id = v_file.id AND a.detached_at IS NULL) THEN
		outcome := 'duplicate';
	ELSIF r.status NOT IN ('submitted', 'needs_changes') THEN
		outcome := 'not_editable';
		reason := format('files cannot be attached to an initiative whose status is %s',
				 r.status);
	ELSIF p_base_version <> 0 AND r.version <> p_base_version THEN
		outcome := 'conflict';
		reason := format('attach made from version %s, the server has version %s',
				 p_base_version, r.version);
	ELSIF v_files >= p_max_files THEN
		outcome := 'limit';
		reason := format('the initiative has %s files already, at most %s allowed',
				 v_files, p_max_files);
	ELSIF v_bytes + v_file.size > p_max_bytes THEN
		outcome := 'limit';
		reason := format('the initiative''s files would total %s bytes, at most %s allowed',
				 v_bytes + v_file.size, p_max_bytes);
	ELSE
		INSERT INTO initiative_attachments (initiative_id, file_id, file_name, label,
						    credential_id)
		VALUES (r.id, v_file.id, p_file_name, coalesce(p_label, ''), p_credential);
		UPDATE initiatives i SET version = i.version + 1, status = 'submitted',
					 updated_at = clock_timestamp()
		WHERE i.id = r.id;
		outcome := 'accepted';
	END IF;
	SELECT * INTO cur FROM sk_server_initiatives v WHERE v.record_id = r.id;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_audit() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
	w record;
	v_before jsonb;
	v_after jsonb;
	v_row jsonb;
	v_unit bigint;
	v_initiative bigint;
BEGIN
	IF TG_OP <> 'INSERT' THEN
		v_before := to_jsonb(OLD) - 'secret_sha256' - 'code_sha256';
	END IF;
	IF TG_OP <> 'DELETE' THEN
		v_after := to_jsonb(NEW) - 'secret_sha256' - 'code_sha256';
	END IF;
	-- An update that changes nothing (or only the feed number) is no event.
	IF TG_OP = 'UPDATE' AND (v_before - 'feed_seq' - 'updated_at')
				 = (v_after - 'feed_seq' - 'updated_at') THEN
		RETURN NULL;
	END IF;
	SELECT * INTO w FROM sk_audit_actor(TG_TABLE_NAME || '.' || lower(TG_OP));
	v_row := coalesce(v_after, v_before);
	CASE TG_TABLE_NAME
	WHEN 'initiatives' THEN
		v_unit := (v_row ->> 'unit_id')::bigint;
		v_initiative := (v_row ->> 'id')::bigint;
	WHEN 'initiative_notes', 'initiative_attachments', 'dossier_downloads' THEN
		v_initiative := (v_row ->> 'initiative_id')::bigint;
		SELECT i.unit_id INTO v_unit FROM initiatives i WHERE i.id = v_initiative;
	WHEN 'units' THEN
		v_unit := (v_row ->> 'id')::bigint;
	ELSE
		v_unit := (v_row ->> 'unit_id')::bigint;
	END CASE;
	INSERT INTO audit_log (credential_id, actor, actor_role, action, table_name,
			       operation, unit_id, initiative_id, before, after)
	VALUES (w.credential_id, w.actor, w.actor_role, w.action, TG_TABLE_NAME, lower(TG_OP),
		v_unit, v_initiative, v_before, v_after);
	RETURN NULL;
END
$$;

CREATE FUNCTION public.sk_audit_actor(p_default text, OUT credential_id bigint, OUT actor text, OUT actor_role text, OUT action text) RETURNS record
    LANGUAGE plpgsql
    AS $$
BEGIN
	credential_id := nullif(current_setting('sangkien.actor', true), '')::bigint;
	action := coalesce(nullif(current_setting('sangkien.action', true), ''), p_default);
	actor := '';
	actor_role := 'server';
	IF credential_id IS NOT NULL THEN
		actor := current_setting('sangkien.actor_label', true);
		actor_role := nullif(current_setting('sangkien.actor_role', true), '');
		IF actor_role IS NULL THEN
			SELECT c.label, c.role INTO actor, actor_role FROM credentials c
			WHERE c.id = sk_audit_actor.credential_id;
		END IF;
	END IF;
	actor := coalesce(actor, '');
	actor_role := coalesce(actor_role, 'server');
END
$$;

CREATE FUNCTION public.sk_audit_initiatives_added() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
	w record;
BEGIN
	SELECT * INTO w FROM sk_audit_actor('initiatives.insert');
	INSERT INTO audit_log (credential_id, actor, actor_role, action, table_name,
			       operation, unit_id, initiative_id, before, after)
	SELECT a.credential_id,
	       CASE WHEN a.credential_id IS NOT DISTINCT FROM w.credential_id THEN w.actor
		    ELSE coalesce((SELECT c.label FROM credentials c
				   WHERE c.id = a.credential_id), '') END,
	       CASE WHEN a.credential_id IS NOT DISTINCT FROM w.credential_id THEN w.actor_role
		    ELSE coalesce((SELECT c.role FROM credentials c
				   WHERE c.id = a.credential_id), 'server') END,
	       w.action, 'initiatives', 'insert', a.unit_id, a.id, NULL,
	       jsonb_build_object('uuid', a.uuid, 'version', a.version, 'status', a.status,
				  'title', a.title, 'content_sha256', a.content_sha256)
	FROM added a ORDER BY a.id;
	RETURN NULL;
END
$$;

CREATE FUNCTION public.sk_campaign_id(p_code text) RETURNS integer
    LANGUAGE sql STABLE
    AS $$
	SELECT c.id FROM campaigns c
	WHERE CASE WHEN p_code = '' THEN c.is_current ELSE c.code = p_code END
$$;

CREATE FUNCTION public.sk_campaign_phases(p_campaign integer) RETURNS TABLE(id integer, n bigint, code text, name text, starts_on date, ends_on date)
    LANGUAGE sql STABLE
    AS $$
	SELECT p.id, row_number() OVER (ORDER BY p.starts_on, p.code), p.code, p.name,
	       p.starts_on, p.ends_on
	FROM phases p WHERE p.campaign_id = p_campaign
	ORDER BY p.starts_on, p.code
$$;

CREATE FUNCTION public.sk_create_credential(p_role text, p_scope_code text, p_caller_scope bigint, p_secret_sha bytea, p_label text) RETURNS TABLE(outcome text, credential_id bigint, scope_code text, scope_name text)
    LANGUAGE plpgsql
    AS $$
DECLARE
	u units%ROWTYPE;
BEGIN
	IF p_role = 'administrator' THEN
		IF p_caller_scope IS NOT NULL THEN
			outcome := 'forbidden';
			RETURN NEXT;
			RETURN;
		END IF;
		INSERT INTO credentials (secret_sha256, role, unit_id, label)
		VALUES (p_secret_sha, 'administrator', NULL, p_label)
		RETURNING id INTO credential_id;
		outcome := 'ok';
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT * INTO u FROM units WHERE code = p_scope_code;
	IF NOT FOUND THEN
		outcome := 'not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF NOT sk_in_scope(u.id, p_caller_scope) THEN
		outcome := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	INSERT INTO credentials (secret_sha256, role, unit_id, label)
	VALUES (p_secret_sha, 'operator', u.id, p_label)
	RETURNING id INTO credential_id;
	outcome := 'ok';
	scope_code := u.code;
	scope_name := u.name;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_create_enrollment(p_unit_code text, p_scope bigint, p_creator bigint, p_code_sha bytea, p_hours integer) RETURNS TABLE(outcome text, unit_code text, unit_name text, expires_unix_ms bigint)
    LANGUAGE plpgsql
    AS $$
DECLARE
	u units%ROWTYPE;
	v_expires timestamptz;
BEGIN
	SELECT * INTO u FROM units WHERE code = p_unit_code;
	IF NOT FOUND THEN
		outcome := 'not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF NOT sk_in_scope(u.id, p_scope) THEN
		outcome := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	IF u.level <> 'grassroots' THEN
		outcome := 'not_grassroots';
		RETURN NEXT;
		RETURN;
	END IF;
	v_expires := now() + make_interval(hours => p_hours);
	INSERT INTO enrollment_codes (code_sha256, unit_id, created_by, expires_at)
	VALUES (p_code_sha, u.id, p_creator, v_expires);
	outcome := 'ok';
	unit_code := u.code;
	unit_name := u.name;
	expires_unix_ms := floor(extract(epoch FROM v_expires) * 1000)::bigint;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_detach_file(p_uuid uuid, p_unit bigint, p_credential bigint, p_base_version integer, p_sha bytea) RETURNS TABLE(outcome text, reason text, cur public.sk_server_initiatives)
    LANGUAGE plpgsql
    AS $$
DECLARE
	l record;
	r initiatives%ROWTYPE;
	v_attachment bigint;
BEGIN
	SELECT * INTO l FROM sk_unit_initiative_lock(p_uuid, p_unit);
	IF l.outcome <> 'ok' THEN
		outcome := l.outcome;
		reason := l.reason;
		RETURN NEXT;
		RETURN;
	END IF;
	r := l.initiative;
	IF NOT EXISTS (SELECT 1 FROM initiative_attachments a JOIN dossier_files d
		       ON d.id = a.file_id WHERE a.initiative_id = r.id AND d.sha256 = p_sha) THEN
		outcome := 'no_file';
		reason := 'no file with this SHA-256 was ever attached to this initiative';
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT a.id INTO v_attachment FROM initiative_attachments a JOIN dossier_files d
	ON d.id = a.file_id
	WHERE a.initiative_id = r.id AND d.sha256 = p_sha AND a.detached_at IS NULL;
	IF v_attachment IS NULL THEN
		outcome := 'duplicate';
	ELSIF r.status NOT IN ('submitted', 'needs_changes') THEN
		outcome := 'not_editable';
		reason := format('files cannot be detached from an initiative whose status is %s',
				 r.status);
	ELSIF p_base_version <> 0 AND r.version <> p_base_version THEN
		outcome := 'conflict';
		reason := format('detach made from version %s, the server has version %s',
				 p_base_version, r.version);
	ELSE
		UPDATE initiative_attachments a SET detached_at = clock_timestamp()
		WHERE a.id = v_attachment;
		UPDATE initiatives i SET version = i.version + 1, status = 'submitted',
					 updated_at = clock_timestamp()
		WHERE i.id = r.id;
		outcome := 'accepted';
	END IF;
	SELECT * INTO cur FROM sk_server_initiatives v WHERE v.record_id = r.id;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_dossier_complete(p_initiative bigint) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
	SELECT EXISTS (SELECT 1 FROM sk_dossiers_complete() d WHERE d.initiative_id = p_initiative)
$$;

CREATE FUNCTION public.sk_dossiers_complete() RETURNS TABLE(initiative_id bigint)
    LANGUAGE sql STABLE
    AS $$
	SELECT a.initiative_id FROM initiative_attachments a WHERE a.detached_at IS NULL
$$;

CREATE FUNCTION public.sk_edit_initiative(p_uuid uuid, p_unit bigint, p_credential bigint, p_base_version integer, p_title text, p_kind text, p_authors jsonb, p_summary text, p_effect text, p_applied_on date, p_theme text, p_sha bytea) RETURNS TABLE(outcome text, reason text, cur public.sk_server_initiatives)
    LANGUAGE plpgsql
    AS $$
DECLARE
	l record;
	r initiatives%ROWTYPE;
BEGIN
	SELECT * INTO l FROM sk_unit_initiative_lock(p_uuid, p_unit);
	IF l.outcome <> 'ok' THEN
		outcome := l.outcome;
		reason := l.reason;
		RETURN NEXT;
		RETURN;
	END IF;
	r := l.initiative;
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

CREATE FUNCTION public.sk_enroll(p_code_sha bytea, p_secret_sha bytea, p_label text) RETURNS TABLE(unit_code text, unit_name text, credential_id bigint)
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_code_id bigint;
	v_unit bigint;
	v_cred bigint;
BEGIN
	UPDATE enrollment_codes e SET used_at = now()
	WHERE e.code_sha256 = p_code_sha AND e.used_at IS NULL AND e.expires_at > now()
	RETURNING e.id, e.unit_id INTO v_code_id, v_unit;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	INSERT INTO credentials (secret_sha256, role, unit_id, label)
	VALUES (p_secret_sha, 'unit', v_unit, p_label)
	RETURNING id INTO v_cred;
	UPDATE enrollment_codes SET credential_id = v_cred WHERE id = v_code_id;
	RETURN QUERY SELECT u.code, u.name, v_cred FROM units u WHERE u.id = v_unit;
END
$$;

CREATE FUNCTION public.sk_feed_lock(p_unit bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.sk_feed_next(p_unit bigint) RETURNS bigint
    LANGUAGE sql
    AS $$
	INSERT INTO unit_feed AS f (unit_id, last_seq) VALUES (p_unit, 1)
	ON CONFLICT (unit_id) DO UPDATE SET last_seq = f.last_seq + 1
	RETURNING last_seq
$$;

CREATE FUNCTION public.sk_feed_phase_moves(p_before jsonb) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_ids bigint[];
BEGIN
	v_ids := ARRAY(
		SELECT v.record_id FROM sk_server_initiatives v
		WHERE v.phase_code IS DISTINCT FROM coalesce((
			SELECT b ->> 'code' FROM jsonb_array_elements(p_before) b
			WHERE v.applied_on::date BETWEEN (b ->> 'starts_on')::date
						     AND (b ->> 'ends_on')::date
			ORDER BY (b ->> 'starts_on')::date LIMIT 1), ''));
	IF cardinality(v_ids) = 0 THEN
		RETURN 0;
	END IF;
	-- Lock order (sk_feed_lock): each unit's feed before its rows.
	PERFORM sk_feed_lock(u.unit_id)
	FROM (SELECT DISTINCT i.unit_id FROM initiatives i WHERE i.id = ANY (v_ids)
	      ORDER BY i.unit_id) u;
	-- The feed trigger gives each row its new number; the audit trigger
	-- records nothing for a change of the feed number alone.
	UPDATE initiatives i SET feed_seq = i.feed_seq WHERE i.id = ANY (v_ids);
	RETURN cardinality(v_ids);
END
$$;

CREATE FUNCTION public.sk_file_in_use(p_file bigint, p_since timestamp with time zone) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
	SELECT coalesce(sk_file_unattached_since(p_file) >= p_since, true)
$$;

CREATE FUNCTION public.sk_file_read(p_scope bigint, p_uuid uuid, p_sha bytea, p_offset bigint, p_max integer, p_credential bigint) RETURNS TABLE(outcome text, size bigint, content_type text, data bytea)
    LANGUAGE plpgsql
    AS $$
#variable_conflict use_column
DECLARE
	v_initiative bigint;
	v_unit bigint;
	f dossier_files%ROWTYPE;
BEGIN
	SELECT i.id, i.unit_id INTO v_initiative, v_unit FROM initiatives i WHERE i.uuid = p_uuid;
	IF NOT FOUND THEN
		outcome := 'not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF NOT sk_in_scope(v_unit, p_scope) THEN
		outcome := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT d.* INTO f FROM initiative_attachments a JOIN dossier_files d ON d.id = a.file_id
	WHERE a.initiative_id = v_initiative AND a.detached_at IS NULL AND d.sha256 = p_sha;
	IF NOT FOUND THEN
		outcome := 'no_file';
		RETURN NEXT;
		RETURN;
	END IF;
	size := f.size;
	content_type := f.content_type;
	IF p_offset < 0 OR p_offset > f.size THEN
		outcome := 'bad_offset';
		RETURN NEXT;
		RETURN;
	END IF;
	IF p_offset = 0 THEN
		INSERT INTO dossier_downloads (credential_id, initiative_id, file_id, sha256)
		VALUES (p_credential, v_initiative, f.id, f.sha256);
	END IF;
	data := sk_file_slice(f.id, p_offset, p_max);
	outcome := 'ok';
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_file_slice(p_file bigint, p_offset bigint, p_max integer) RETURNS bytea
    LANGUAGE sql STABLE
    AS $$
	SELECT coalesce(string_agg(substring(c.data
			FROM (greatest(p_offset - c.off, 0) + 1)::int
			FOR (least(c.off + length(c.data), p_offset + p_max)
			     - greatest(c.off, p_offset))::int), ''::bytea ORDER BY c.off), ''::bytea)
	FROM dossier_chunks c
	WHERE c.file_id = p_file
	  AND c.off >= coalesce((SELECT max(h.off) FROM dossier_chunks h
				 WHERE h.file_id = p_file AND h.off <= p_offset), 0)
	  AND c.off < p_offset + p_max AND c.off + length(c.data) > p_offset
$$;

CREATE FUNCTION public.sk_file_sweep(p_keep_s bigint, p_limit integer) RETURNS bigint
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_since timestamptz := now() - make_interval(secs => p_keep_s);
	v_id bigint;
	v_removed bigint := 0;
BEGIN
	FOR v_id IN
		SELECT u.file_id FROM unattached_files u WHERE u.since < v_since
		ORDER BY u.since LIMIT p_limit
	LOOP
		PERFORM 1 FROM dossier_files d WHERE d.id = v_id
		FOR UPDATE SKIP LOCKED;
		CONTINUE WHEN NOT FOUND; -- held by an attach or a commit now
		IF sk_file_in_use(v_id, v_since) THEN
			PERFORM sk_file_unattached_note(v_id);
			CONTINUE;
		END IF;
		DELETE FROM dossier_chunks c WHERE c.file_id = v_id;
		DELETE FROM unit_files uf WHERE uf.file_id = v_id;
		DELETE FROM unattached_files u WHERE u.file_id = v_id;
		UPDATE dossier_files d SET state = 'removed', removed_at = now() WHERE d.id = v_id;
		v_removed := v_removed + 1;
	END LOOP;
	RETURN v_removed;
END
$$;

CREATE FUNCTION public.sk_file_unattached_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	PERFORM sk_file_unattached_note(NEW.file_id);
	RETURN NULL;
END
$$;

CREATE FUNCTION public.sk_file_unattached_note(p_file bigint) RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_since timestamptz := sk_file_unattached_since(p_file);
BEGIN
	IF v_since IS NULL THEN
		DELETE FROM unattached_files u WHERE u.file_id = p_file;
	ELSE
		INSERT INTO unattached_files (file_id, since) VALUES (p_file, v_since)
		ON CONFLICT (file_id) DO UPDATE SET since = excluded.since;
	END IF;
END
$$;

CREATE FUNCTION public.sk_file_unattached_since(p_file bigint) RETURNS timestamp with time zone
    LANGUAGE sql STABLE
    AS $$
	SELECT greatest(d.committed_at,
			(SELECT max(uf.committed_at) FROM unit_files uf WHERE uf.file_id = d.id),
			(SELECT max(a.detached_at) FROM initiative_attachments a
			 WHERE a.file_id = d.id))
	FROM dossier_files d
	WHERE d.id = p_file AND d.state = 'committed'
	  AND NOT EXISTS (SELECT 1 FROM initiative_attachments a
			  WHERE a.file_id = d.id AND a.detached_at IS NULL)
$$;

CREATE FUNCTION public.sk_fold(p text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
	SELECT lower(public.unaccent('public.unaccent'::regdictionary, p))
$$;

CREATE FUNCTION public.sk_import_units(p_parent_code text, p_campaign_code text, p_scope bigint, p_rows jsonb) RETURNS TABLE(kind text, line integer, field text, message text, created integer, updated integer, unchanged integer, total_quota bigint)
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_parent units%ROWTYPE;
	v_campaign int;
	r record;
	v_old units%ROWTYPE;
	v_old_quota int;
	v_problems int := 0;
	v_id bigint;
BEGIN
	created := 0;
	updated := 0;
	unchanged := 0;
	total_quota := 0;
	-- Locking the parent serializes imports under it.
	SELECT * INTO v_parent FROM units WHERE code = p_parent_code FOR UPDATE;
	IF NOT FOUND THEN
		kind := 'error'; field := 'parent_not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	IF NOT sk_in_scope(v_parent.id, p_scope) THEN
		kind := 'error'; field := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	IF v_parent.level = 'grassroots' THEN
		kind := 'error'; field := 'bad_parent';
		RETURN NEXT;
		RETURN;
	END IF;
	IF p_campaign_code = '' THEN
		SELECT id INTO v_campaign FROM campaigns WHERE is_current;
	ELSE
		SELECT id INTO v_campaign FROM campaigns WHERE code = p_campaign_code;
	END IF;
	IF v_campaign IS NULL THEN
		kind := 'error'; field := 'campaign_not_found';
		RETURN NEXT;
		RETURN;
	END IF;

	-- First pass: problems only the database can see.
	FOR r IN SELECT * FROM jsonb_to_recordset(p_rows)
			AS x(line int, code text, name text, quota int) LOOP
		SELECT * INTO v_old FROM units WHERE units.code = r.code;
		IF FOUND AND (v_old.parent_id IS DISTINCT FROM v_parent.id
			      OR v_old.level <> 'grassroots') THEN
			kind := 'problem';
			line := r.line;
			field := 'ma_don_vi';
			message := format('unit code %s is already used by "%s" elsewhere in the tree',
					  r.code, v_old.name);
			v_problems := v_problems + 1;
			RETURN NEXT;
		END IF;
	END LOOP;
	IF v_problems > 0 THEN
		RETURN;
	END IF;

	FOR r IN SELECT * FROM jsonb_to_recordset(p_rows)
			AS x(line int, code text, name text, quota int) LOOP
		total_quota := total_quota + r.quota;
		SELECT * INTO v_old FROM units WHERE units.code = r.code FOR UPDATE;
		IF NOT FOUND THEN
			INSERT INTO units (code, name, level, parent_id)
			VALUES (r.code, r.name, 'grassroots', v_parent.id)
			RETURNING id INTO v_id;
			INSERT INTO quotas (unit_id, campaign_id, quota)
			VALUES (v_id, v_campaign, r.quota);
			created := created + 1;
			CONTINUE;
		END IF;
		SELECT q.quota INTO v_old_quota FROM quotas q
		WHERE q.unit_id = v_old.id AND q.campaign_id = v_campaign;
		IF v_old.name = r.name AND v_old_quota IS NOT DISTINCT FROM r.quota THEN
			unchanged := unchanged + 1;
			CONTINUE;
		END IF;
		UPDATE units SET name = r.name, updated_at = now()
		WHERE id = v_old.id AND name <> r.name;
		INSERT INTO quotas (unit_id, campaign_id, quota)
		VALUES (v_old.id, v_campaign, r.quota)
		ON CONFLICT (unit_id, campaign_id)
		DO UPDATE SET quota = excluded.quota, updated_at = now();
		updated := updated + 1;
	END LOOP;
	kind := 'summary';
	line := NULL; field := NULL; message := NULL;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_in_scope(p_unit bigint, p_scope bigint) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
	SELECT p_scope IS NULL OR EXISTS (
		WITH RECURSIVE up (id, parent_id, depth) AS (
			SELECT id, parent_id, 0 FROM units WHERE id = p_unit
			UNION ALL
			SELECT u.id, u.parent_id, up.depth + 1
			FROM units u JOIN up ON u.id = up.parent_id
			WHERE up.depth < 64
		)
		SELECT 1 FROM up WHERE id = p_scope)
$$;

CREATE FUNCTION public.sk_initiatives_feed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	-- The UPDATE of sk_feed_next, as a statement whose plan PL/pgSQL keeps
	-- (a call of the SQL function plans its body again every time); the
	-- unit's first change creates its row there.
	UPDATE unit_feed f SET last_seq = f.last_seq + 1 WHERE f.unit_id = NEW.unit_id
	RETURNING f.last_seq INTO NEW.feed_seq;
	IF NOT FOUND THEN
		NEW.feed_seq := sk_feed_next(NEW.unit_id);
	END IF;
	RETURN NEW;
END
$$;

CREATE FUNCTION public.sk_initiatives_owners_exist() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_bad record;
BEGIN
	IF TG_LEVEL = 'ROW' THEN
		SELECT NEW.id, NEW.unit_id, NEW.credential_id INTO v_bad
		WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = NEW.unit_id)
		   OR (NEW.credential_id IS NOT NULL
		       AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.id = NEW.credential_id));
	ELSE
		-- The statement's few distinct owners looked up by key, once each: a
		-- NOT EXISTS per row is planned as a hash of every unit and every
		-- credential, read again for each statement (13,000 units: 5 ms).
		SELECT a.id, a.unit_id, a.credential_id INTO v_bad
		FROM added a
		WHERE a.unit_id <> ALL (ARRAY(
			SELECT u.id FROM units u
			WHERE u.id = ANY (ARRAY(SELECT DISTINCT b.unit_id FROM added b))))
		   OR (a.credential_id IS NOT NULL AND a.credential_id <> ALL (ARRAY(
			SELECT c.id FROM credentials c
			WHERE c.id = ANY (ARRAY(SELECT DISTINCT b.credential_id FROM added b
						WHERE b.credential_id IS NOT NULL)))))
		LIMIT 1;
	END IF;
	IF FOUND THEN
		RAISE foreign_key_violation USING
			MESSAGE = format('initiative %s: unit %s or credential %s does not exist',
					 v_bad.id, v_bad.unit_id, v_bad.credential_id);
	END IF;
	RETURN NULL;
END
$$;

CREATE FUNCTION public.sk_initiatives_revision() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	INSERT INTO initiative_revisions_kept (initiative_id, version, title, kind, authors, summary,
					  effect, applied_on, theme, content_sha256, stored_at,
					  credential_id)
	VALUES (OLD.id, OLD.version, OLD.title, OLD.kind, OLD.authors, OLD.summary, OLD.effect,
		OLD.applied_on, OLD.theme, OLD.content_sha256,
		coalesce(OLD.content_at, OLD.received_at), OLD.credential_id)
	ON CONFLICT (initiative_id, version) DO NOTHING;
	INSERT INTO initiative_revisions_kept (initiative_id, version, title, kind, authors, summary,
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

CREATE FUNCTION public.sk_initiatives_search_added() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	INSERT INTO initiative_search_pending (initiative_id) SELECT a.id FROM added a;
	RETURN NULL;
END
$$;

CREATE FUNCTION public.sk_initiatives_search_pending() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	INSERT INTO initiative_search_pending (initiative_id) VALUES (NEW.id);
	RETURN NULL;
END
$$;

CREATE FUNCTION public.sk_is_recognized(p_status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$
	SELECT p_status IN ('recognized', 'rewarded')
$$;

CREATE FUNCTION public.sk_level_rank(p_level text) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$
	SELECT CASE p_level WHEN 'national' THEN 1 WHEN 'province' THEN 2
	       WHEN 'district' THEN 3 WHEN 'grassroots' THEN 4 END
$$;

CREATE FUNCTION public.sk_never_deleted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	RAISE restrict_violation USING
		MESSAGE = format('%s are never deleted (a unit moves, a credential is revoked)',
				 TG_TABLE_NAME);
END
$$;

CREATE FUNCTION public.sk_note_sync(p_unit bigint) RETURNS void
    LANGUAGE plpgsql
    SET enable_seqscan TO 'off'
    AS $$
BEGIN
	UPDATE unit_syncs SET last_sync_at = now()
	WHERE unit_id = p_unit AND last_sync_at < now() - interval '1 minute';
	IF NOT FOUND THEN
		INSERT INTO unit_syncs (unit_id, last_sync_at)
		SELECT p_unit, now()
		WHERE NOT EXISTS (SELECT 1 FROM unit_syncs y WHERE y.unit_id = p_unit)
		ON CONFLICT (unit_id) DO NOTHING;
	END IF;
END
$$;

CREATE FUNCTION public.sk_progress_error(p_outcome text) RETURNS SETOF public.sk_progress_row
    LANGUAGE sql IMMUTABLE
    AS $$
	SELECT (ROW('error', p_outcome, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		    NULL, NULL)::sk_progress_row).*
$$;

CREATE FUNCTION public.sk_progress_page(p_code text, p_scope bigint, p_after text, p_limit integer, p_whole boolean) RETURNS SETOF public.sk_progress_row
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    AS $$
DECLARE
	s record;
	v_level text;
	v_inner bigint[];
	v_ids bigint[];
	v_more boolean;
BEGIN
	s := sk_report_scope(p_code, p_scope, '');
	IF s.outcome <> 'ok' THEN
		RETURN QUERY SELECT * FROM sk_progress_error(s.outcome);
		RETURN;
	END IF;
	SELECT u.level INTO v_level FROM units u WHERE u.id = s.unit_id;
	IF v_level = 'grassroots' THEN
		v_inner := '{}';
		v_ids := ARRAY(SELECT u.id FROM units u
			       WHERE u.id = s.unit_id AND (u.code COLLATE "C") > p_after);
	ELSE
		-- The levels above the grassroots units (hundreds for the nation),
		-- walked without visiting the grassroots units.
		v_inner := ARRAY(
			WITH RECURSIVE inner_units (id, depth) AS (
				SELECT s.unit_id, 0
				UNION ALL
				SELECT u.id, t.depth + 1 FROM units u JOIN inner_units t ON u.parent_id = t.id
				WHERE u.level <> 'grassroots' AND t.depth < 64)
			SELECT i.id FROM inner_units i);
		v_ids := ARRAY(SELECT g.id FROM units g
			       WHERE g.level = 'grassroots' AND g.parent_id = ANY (v_inner)
				 AND (g.code COLLATE "C") > p_after
			       ORDER BY g.code COLLATE "C" LIMIT p_limit + 1);
	END IF;
	v_more := cardinality(v_ids) > p_limit;
	IF v_more THEN
		v_ids := v_ids[1:p_limit];
	END IF;
	IF NOT (v_more AND p_whole) THEN
		RETURN QUERY SELECT p.* FROM sk_progress_units(v_ids, s.campaign_id) p
			     ORDER BY p.code COLLATE "C";
		RETURN QUERY SELECT * FROM sk_progress_phases(s.campaign_id);
		RETURN QUERY
			SELECT 'node', u.code, u.name, u.level,
			       CASE WHEN u.id = s.unit_id THEN '' ELSE coalesce(p.code, '') END,
			       NULL::text,
			       coalesce(floor(extract(epoch FROM y.last_sync_at) * 1000)::bigint, 0),
			       NULL::bigint, NULL::bigint, NULL::bigint, NULL::text, NULL::text,
			       NULL::text
			FROM units u
			LEFT JOIN units p ON p.id = u.parent_id
			LEFT JOIN unit_syncs y ON y.unit_id = u.id
			WHERE u.id = ANY (CASE WHEN p_after = '' THEN v_inner ELSE '{}' END || v_ids)
			ORDER BY sk_level_rank(u.level), u.code COLLATE "C";
	END IF;
	IF v_more THEN
		RETURN QUERY SELECT 'more', NULL::text, NULL::text, NULL::text, NULL::text,
				    NULL::text, NULL::bigint, NULL::bigint, NULL::bigint,
				    NULL::bigint, NULL::text, NULL::text, NULL::text;
	END IF;
END
$$;

CREATE FUNCTION public.sk_progress_phases(p_campaign integer) RETURNS SETOF public.sk_progress_row
    LANGUAGE sql STABLE
    AS $$
	SELECT 'phase', p.code, p.name, p.starts_on::text, p.ends_on::text, NULL::text,
	       NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::text, NULL::text,
	       NULL::text
	FROM sk_campaign_phases(p_campaign) p
	ORDER BY p.n
$$;

CREATE FUNCTION public.sk_progress_units(p_units bigint[], p_campaign integer) RETURNS SETOF public.sk_progress_row
    LANGUAGE sql STABLE
    AS $$
	SELECT 'unit', f.code, f.name, k.code, k.name, k.counts_from::text,
	       f.quota::bigint, f.submitted, f.recognized,
	       floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint,
	       f.phase_targets::text, f.phase_submitted::text, f.phase_recognized::text
	FROM sk_units_figures(p_units, p_campaign) f
	JOIN campaigns k ON k.id = p_campaign
	ORDER BY f.code
$$;

CREATE FUNCTION public.sk_put_campaign(p_code text, p_name text, p_counts_from date, p_make_current boolean, p_phases jsonb) RETURNS TABLE(outcome text, created boolean, changed boolean)
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_old campaigns%ROWTYPE;
	v_id int;
	v_n int;
	v_before jsonb;
BEGIN
	created := false;
	changed := false;
	-- One campaign writer at a time: making one current unsets another,
	-- and the partial unique index would otherwise fail a racing writer.
	LOCK TABLE campaigns IN SHARE ROW EXCLUSIVE MODE;
	SELECT coalesce(jsonb_agg(jsonb_build_object('code', p.code, 'starts_on', p.starts_on,
						     'ends_on', p.ends_on)
				  ORDER BY p.starts_on, p.id), '[]')
	INTO v_before
	FROM phases p JOIN campaigns k ON k.id = p.campaign_id WHERE k.is_current;
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
	IF changed THEN
		PERFORM sk_feed_phase_moves(v_before);
	END IF;
	outcome := 'ok';
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_put_unit(p_code text, p_name text, p_level text, p_parent_code text, p_scope bigint, p_is_admin boolean) RETURNS TABLE(outcome text, created boolean, changed boolean)
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_parent units%ROWTYPE;
	v_old units%ROWTYPE;
	v_parent_id bigint;
BEGIN
	created := false;
	changed := false;
	IF p_parent_code = '' THEN
		IF p_level <> 'national' THEN
			outcome := 'bad_level';
			RETURN NEXT;
			RETURN;
		END IF;
		IF NOT p_is_admin THEN
			outcome := 'forbidden';
			RETURN NEXT;
			RETURN;
		END IF;
	ELSE
		SELECT * INTO v_parent FROM units WHERE code = p_parent_code FOR UPDATE;
		IF NOT FOUND THEN
			outcome := 'parent_not_found';
			RETURN NEXT;
			RETURN;
		END IF;
		IF NOT sk_in_scope(v_parent.id, p_scope) THEN
			outcome := 'forbidden';
			RETURN NEXT;
			RETURN;
		END IF;
		IF sk_level_rank(p_level) <= sk_level_rank(v_parent.level) THEN
			outcome := 'bad_level';
			RETURN NEXT;
			RETURN;
		END IF;
		v_parent_id := v_parent.id;
	END IF;

	INSERT INTO units (code, name, level, parent_id)
	VALUES (p_code, p_name, p_level, v_parent_id)
	ON CONFLICT (code) DO NOTHING;
	IF FOUND THEN
		outcome := 'ok';
		created := true;
		changed := true;
		RETURN NEXT;
		RETURN;
	END IF;

	SELECT * INTO STRICT v_old FROM units WHERE code = p_code FOR UPDATE;
	-- An operator may change units below its scope unit, not the unit itself.
	IF NOT p_is_admin AND (v_old.id = p_scope OR NOT sk_in_scope(v_old.id, p_scope)) THEN
		outcome := 'forbidden';
		RETURN NEXT;
		RETURN;
	END IF;
	IF v_parent_id IS NOT NULL AND sk_in_scope(v_parent_id, v_old.id) THEN
		outcome := 'cycle';
		RETURN NEXT;
		RETURN;
	END IF;
	IF EXISTS (SELECT 1 FROM units c WHERE c.parent_id = v_old.id
		   AND sk_level_rank(c.level) <= sk_level_rank(p_level)) THEN
		outcome := 'bad_level';
		RETURN NEXT;
		RETURN;
	END IF;
	IF v_old.name IS DISTINCT FROM p_name OR v_old.level IS DISTINCT FROM p_level
	   OR v_old.parent_id IS DISTINCT FROM v_parent_id THEN
		UPDATE units SET name = p_name, level = p_level, parent_id = v_parent_id,
				 updated_at = now()
		WHERE id = v_old.id;
		changed := true;
	END IF;
	outcome := 'ok';
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_quota(p_unit_code text, p_scope bigint) RETURNS SETOF public.sk_progress_row
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
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

CREATE FUNCTION public.sk_report(p_code text, p_scope bigint, p_campaign_code text) RETURNS SETOF public.sk_progress_row
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    AS $$
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

CREATE FUNCTION public.sk_report_add(p_root bigint, p_units bigint[], p_sign integer) RETURNS void
    LANGUAGE sql
    AS $$
	INSERT INTO report_counts AS c (unit_id, facet, applied_on, key, submitted, recognized)
	SELECT p_root, f.facet, f.applied_on, f.key, p_sign * sum(f.submitted),
	       p_sign * sum(f.recognized)
	FROM (SELECT * FROM sk_report_counted(p_units)
	      UNION ALL
	      SELECT k.facet, d.applied_on, k.key, -d.submitted, -d.recognized
	      FROM report_deltas d CROSS JOIN LATERAL sk_report_keys(d.kind, d.theme, d.week) k
	      WHERE d.unit_id = ANY(p_units)) f
	GROUP BY f.facet, f.applied_on, f.key
	ON CONFLICT (unit_id, facet, applied_on, key) DO UPDATE
	SET submitted = c.submitted + excluded.submitted,
	    recognized = c.recognized + excluded.recognized
$$;

CREATE FUNCTION public.sk_report_counted(p_units bigint[]) RETURNS TABLE(facet "char", applied_on date, key text, submitted bigint, recognized bigint)
    LANGUAGE sql STABLE
    AS $$
	SELECT (CASE x.g WHEN 3 THEN 'k' WHEN 5 THEN 't' ELSE 'w' END)::"char", x.applied_on,
	       CASE x.g WHEN 3 THEN x.kind WHEN 5 THEN x.theme ELSE x.week END,
	       x.submitted, x.recognized
	FROM (SELECT i.applied_on, i.kind, coalesce(i.theme, '') AS theme,
		     to_char(sk_report_week(i.received_at), 'YYYY-MM-DD') AS week, count(*) AS submitted,
		     count(*) FILTER (WHERE sk_is_recognized(i.status)) AS recognized,
		     -- 3: (applied_on, kind), 5: (applied_on, theme), 6: (applied_on, week)
		     GROUPING(i.kind, coalesce(i.theme, ''),
			      to_char(sk_report_week(i.received_at), 'YYYY-MM-DD')) AS g
	      FROM initiatives i
	      WHERE i.unit_id = ANY(p_units) AND i.status <> 'withdrawn'
	      GROUP BY GROUPING SETS ((1, 2), (1, 3), (1, 4))) x
$$;

CREATE FUNCTION public.sk_report_delta() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO report_deltas (unit_id, applied_on, kind, theme, week, submitted, recognized)
		SELECT n.unit_id, n.applied_on, n.kind, coalesce(n.theme, ''),
		       sk_report_week(n.received_at), count(*),
		       count(*) FILTER (WHERE sk_is_recognized(n.status))
		FROM new_rows n WHERE n.status <> 'withdrawn'
		GROUP BY 1, 2, 3, 4, 5;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO report_deltas (unit_id, applied_on, kind, theme, week, submitted, recognized)
		SELECT o.unit_id, o.applied_on, o.kind, coalesce(o.theme, ''),
		       sk_report_week(o.received_at), -count(*),
		       -count(*) FILTER (WHERE sk_is_recognized(o.status))
		FROM old_rows o WHERE o.status <> 'withdrawn'
		GROUP BY 1, 2, 3, 4, 5;
	ELSE
		INSERT INTO report_deltas (unit_id, applied_on, kind, theme, week, submitted, recognized)
		SELECT x.unit_id, x.applied_on, x.kind, coalesce(x.theme, ''),
		       sk_report_week(x.received_at), sum(x.sign), sum(x.sign * x.rec)
		FROM (SELECT o.unit_id, o.applied_on, o.kind, o.theme, o.received_at, -1 AS sign,
			     sk_is_recognized(o.status)::int AS rec
		      FROM old_rows o WHERE o.status <> 'withdrawn'
		      UNION ALL
		      SELECT n.unit_id, n.applied_on, n.kind, n.theme, n.received_at, 1,
			     sk_is_recognized(n.status)::int
		      FROM new_rows n WHERE n.status <> 'withdrawn') x
		GROUP BY 1, 2, 3, 4, 5
		HAVING sum(x.sign) <> 0 OR sum(x.sign * x.rec) <> 0;
	END IF;
	RETURN NULL;
END
$$;

CREATE FUNCTION public.sk_report_facets(p_unit bigint, p_units bigint[]) RETURNS TABLE(facet "char", applied_on date, key text, submitted bigint, recognized bigint)
    LANGUAGE sql STABLE
    AS $$
	SELECT * FROM sk_report_counted(p_units) WHERE p_units IS NOT NULL
	UNION ALL
	SELECT c.facet, c.applied_on, c.key, c.submitted, c.recognized
	FROM report_counts c WHERE p_units IS NULL AND c.unit_id = p_unit
	UNION ALL
	SELECT * FROM sk_report_waiting(p_unit) WHERE p_units IS NULL
	UNION ALL
	SELECT * FROM sk_report_counted(ARRAY[p_unit]) WHERE p_units IS NULL
$$;

CREATE FUNCTION public.sk_report_fold() RETURNS bigint
    LANGUAGE plpgsql
    SET jit TO 'off'
    AS $$
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

CREATE FUNCTION public.sk_report_keys(p_kind text, p_theme text, p_week date) RETURNS TABLE(facet "char", key text)
    LANGUAGE sql IMMUTABLE
    AS $$
	VALUES ('k'::"char", p_kind), ('t'::"char", p_theme), ('w'::"char", to_char(p_week, 'YYYY-MM-DD'))
$$;

CREATE FUNCTION public.sk_report_lock(p_wait boolean) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
BEGIN
	IF p_wait THEN
		PERFORM pg_advisory_xact_lock(29547, 12);
		RETURN true;
	END IF;
	RETURN pg_try_advisory_xact_lock(29547, 12);
END
$$;

CREATE FUNCTION public.sk_report_phase_facets(p_unit bigint, p_units bigint[], p_campaign integer) RETURNS TABLE(phase_id integer, facet "char", key text, submitted bigint, recognized bigint)
    LANGUAGE sql STABLE
    AS $$
	WITH c AS (
		SELECT k.counts_from,
		       cardinality(p_units) >= sk_units_counted_from()
		       AND EXISTS (SELECT 1 FROM unit_counts_basis b WHERE b.campaign_id = k.id)
		       AND EXISTS (SELECT 1 FROM units u
				   WHERE u.id = p_unit AND sk_scope_holds(u.level, u.parent_id))
		       AS counters
		FROM campaigns k WHERE k.id = p_campaign),
	-- The one-time filters run the branches of one source.
	days AS (
		SELECT f.* FROM sk_report_facets(p_unit, p_units) f
		WHERE NOT (SELECT c.counters FROM c)
		  AND f.applied_on >= (SELECT c.counts_from FROM c))
	SELECT s.phase_id, s.facet, s.key, s.submitted, s.recognized
	FROM scope_counts s WHERE (SELECT c.counters FROM c) AND s.unit_id = p_unit
	UNION ALL
	SELECT * FROM sk_scope_phased(p_units, p_campaign, false, 1) WHERE (SELECT c.counters FROM c)
	UNION ALL
	SELECT coalesce(p.id, 0), d.facet, d.key, d.submitted, d.recognized
	FROM days d
	LEFT JOIN phases p ON p.campaign_id = p_campaign
			  AND d.applied_on BETWEEN p.starts_on AND p.ends_on
$$;

CREATE FUNCTION public.sk_report_recount() RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
	PERFORM sk_report_lock(true);
	DELETE FROM report_counts;
	UPDATE unit_counts_basis SET campaign_id = NULL;
	DELETE FROM report_deltas;
	INSERT INTO report_deltas (unit_id, applied_on, kind, theme, week, submitted, recognized)
	SELECT i.unit_id, i.applied_on, i.kind, coalesce(i.theme, ''), sk_report_week(i.received_at),
	       count(*), count(*) FILTER (WHERE sk_is_recognized(i.status))
	FROM initiatives i WHERE i.status <> 'withdrawn'
	GROUP BY 1, 2, 3, 4, 5;
END
$$;

CREATE FUNCTION public.sk_report_root(p_unit bigint) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$
	WITH RECURSIVE up (id, parent_id, depth) AS (
		SELECT u.id, u.parent_id, 0 FROM units u WHERE u.id = p_unit
		UNION ALL
		SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
		WHERE up.depth < 64)
	SELECT up.id FROM up WHERE up.parent_id IS NULL
$$;

CREATE FUNCTION public.sk_report_scope(p_code text, p_scope bigint, p_campaign_code text, OUT outcome text, OUT unit_id bigint, OUT campaign_id integer) RETURNS record
    LANGUAGE plpgsql STABLE
    AS $$
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

CREATE FUNCTION public.sk_report_unit_moved() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_old_root bigint;
	v_new_root bigint;
	v_below bigint[];
BEGIN
	PERFORM sk_report_lock(true);
	-- New statements, new snapshots: the tree and the counters as the
	-- last fold before the lock left them.
	v_old_root := sk_report_root(OLD.parent_id);
	v_new_root := sk_report_root(NEW.parent_id);
	IF v_old_root = v_new_root THEN
		RETURN NULL;
	END IF;
	v_below := ARRAY(SELECT t.id FROM sk_subtree(NEW.id) t WHERE t.id <> NEW.id);
	IF v_old_root IS NULL THEN
		DELETE FROM report_counts c WHERE c.unit_id = NEW.id;
	ELSE
		PERFORM sk_report_add(v_old_root, v_below || NEW.id, -1);
	END IF;
	IF v_new_root IS NULL THEN
		PERFORM sk_report_add(NEW.id, v_below, 1);
	ELSE
		PERFORM sk_report_add(v_new_root, v_below || NEW.id, 1);
	END IF;
	RETURN NULL;
END
$$;

CREATE FUNCTION public.sk_report_waiting(p_root bigint) RETURNS TABLE(facet "char", applied_on date, key text, submitted bigint, recognized bigint)
    LANGUAGE sql STABLE
    AS $$
	WITH one_root AS (
		SELECT NOT EXISTS (SELECT 1 FROM units u WHERE u.parent_id IS NULL AND u.id <> p_root)
		       AS yes),
	below AS (
		SELECT w.unit_id FROM (SELECT DISTINCT d.unit_id FROM report_deltas d) w, one_root
		WHERE w.unit_id <> p_root AND (one_root.yes OR sk_in_scope(w.unit_id, p_root)))
	SELECT k.facet, d.applied_on, k.key, d.submitted, d.recognized
	FROM report_deltas d CROSS JOIN LATERAL sk_report_keys(d.kind, d.theme, d.week) k
	WHERE d.unit_id IN (SELECT below.unit_id FROM below)
$$;

CREATE FUNCTION public.sk_report_week(p_at timestamp with time zone) RETURNS date
    LANGUAGE sql STABLE
    AS $$
	SELECT date_trunc('week', p_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
$$;

CREATE FUNCTION public.sk_review_item(p_uuid uuid, p_scope bigint, p_credential bigint, p_base_version integer, p_op text, p_note text, p_rec_decision text, p_rec_date date, p_rec_by text, p_reward_kind text, p_reward_level text, p_reward_decision text, p_reward_date date, p_reward_amount bigint, p_from text, p_to text) RETURNS TABLE(outcome text, reason text, cur public.sk_server_initiatives)
    LANGUAGE plpgsql
    AS $$
DECLARE
	r initiatives%ROWTYPE;
	v_last initiative_notes%ROWTYPE;
	v_from text;
	v_to text;
	v_dup boolean := false;
	v_label text;
BEGIN
	PERFORM sk_set_actor(p_credential, 'initiative.review.' || p_op);
	-- Lock order as everywhere (sk_feed_lock): the unit's feed first, then the
	-- row.  An initiative never changes unit, so reading it unlocked first
	-- is safe.
	SELECT * INTO r FROM initiatives i
	WHERE i.uuid = p_uuid AND sk_in_scope(i.unit_id, p_scope);
	IF FOUND THEN
		PERFORM sk_feed_lock(r.unit_id);
		SELECT * INTO r FROM initiatives i WHERE i.id = r.id FOR UPDATE;
	END IF;
	IF NOT FOUND THEN
		outcome := 'absent';
		RETURN NEXT;
		RETURN;
	END IF;
	v_from := coalesce(p_from, r.status::text);
	v_to := coalesce(p_to, r.status::text);
	SELECT * INTO v_last FROM initiative_notes n
	WHERE n.initiative_id = r.id ORDER BY n.id DESC LIMIT 1;

	CASE p_op
	WHEN 'start' THEN
		v_dup := r.status = v_to;
	WHEN 'recognize' THEN
		-- Recognized, or already rewarded after it.
		v_dup := r.status IN ('recognized', 'rewarded')
			 AND r.recognition_decision = p_rec_decision
			 AND r.recognition_date = p_rec_date AND r.recognized_by = p_rec_by;
	WHEN 'request_changes' THEN
		v_dup := r.status = v_to AND v_last.status = v_to
			 AND v_last.body = p_note;
	WHEN 'reject' THEN
		v_dup := r.status = v_to AND v_last.status = v_to
			 AND v_last.body = p_note;
	WHEN 'reward' THEN
		v_dup := r.status = v_to AND r.reward_kind = p_reward_kind
			 AND r.reward_level = p_reward_level
			 AND r.reward_decision = p_reward_decision AND r.reward_date = p_reward_date
			 AND coalesce(r.reward_amount_vnd, 0) = coalesce(p_reward_amount, 0);
	WHEN 'note' THEN
		v_dup := v_last.body = p_note AND v_last.credential_id = p_credential
			 AND v_last.status = r.status;
	ELSE
		RAISE EXCEPTION 'sk_review_item: unknown op %', p_op;
	END CASE;

	IF coalesce(v_dup, false) THEN
		outcome := 'duplicate';
	ELSIF p_base_version <> 0 AND p_base_version <> r.version THEN
		outcome := 'conflict';
		reason := format('base version %s is not the current version %s',
				 p_base_version, r.version);
	ELSIF r.status <> v_from THEN
		outcome := 'not_editable';
		reason := format('cannot %s an initiative whose status is %s (needs %s)',
				 replace(p_op, '_', ' '), r.status, v_from);
	END IF;
	IF outcome IS NOT NULL THEN
		SELECT * INTO cur FROM sk_server_initiatives v WHERE v.record_id = r.id;
		RETURN NEXT;
		RETURN;
	END IF;

	UPDATE initiatives i SET
		status = v_to,
		version = i.version + 1,
		updated_at = clock_timestamp(),
		recognition_decision = CASE WHEN p_op = 'recognize' THEN p_rec_decision
					    ELSE i.recognition_decision END,
		recognition_date = CASE WHEN p_op = 'recognize' THEN p_rec_date
					ELSE i.recognition_date END,
		recognized_by = CASE WHEN p_op = 'recognize' THEN p_rec_by ELSE i.recognized_by END,
		reward_kind = CASE WHEN p_op = 'reward' THEN p_reward_kind ELSE i.reward_kind END,
		reward_level = CASE WHEN p_op = 'reward' THEN p_reward_level ELSE i.reward_level END,
		reward_decision = CASE WHEN p_op = 'reward' THEN p_reward_decision
				       ELSE i.reward_decision END,
		reward_date = CASE WHEN p_op = 'reward' THEN p_reward_date ELSE i.reward_date END,
		reward_amount_vnd = CASE WHEN p_op = 'reward' THEN nullif(p_reward_amount, 0)
					 ELSE i.reward_amount_vnd END
	WHERE i.id = r.id;
	IF coalesce(p_note, '') <> '' THEN
		SELECT c.label INTO v_label FROM credentials c WHERE c.id = p_credential;
		INSERT INTO initiative_notes (initiative_id, credential_id, author, status, body)
		VALUES (r.id, p_credential, coalesce(v_label, ''), v_to, p_note);
	END IF;
	outcome := 'accepted';
	SELECT * INTO cur FROM sk_server_initiatives v WHERE v.record_id = r.id;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_scope_above(p_unit bigint) RETURNS bigint[]
    LANGUAGE sql STABLE
    AS $$
	WITH RECURSIVE up (id, level, parent_id, depth) AS (
		SELECT u.id, u.level, u.parent_id, 0 FROM units u WHERE u.id = p_unit
		UNION ALL
		SELECT u.id, u.level, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
		WHERE up.depth < 64)
	SELECT coalesce(array_agg(up.id), '{}') FROM up WHERE sk_scope_holds(up.level, up.parent_id)
$$;

CREATE FUNCTION public.sk_scope_add(p_holders bigint[], p_units bigint[], p_sign integer) RETURNS void
    LANGUAGE sql
    AS $$
	INSERT INTO scope_counts AS c (unit_id, phase_id, facet, key, submitted, recognized)
	SELECT h.id, f.phase_id, f.facet, f.key, p_sign * f.submitted, p_sign * f.recognized
	FROM (SELECT f.phase_id, f.facet, f.key, sum(f.submitted) AS submitted,
		     sum(f.recognized) AS recognized
	      FROM unit_counts_basis b
	      CROSS JOIN LATERAL sk_scope_phased(p_units, b.campaign_id, true, -1) f
	      GROUP BY 1, 2, 3
	      HAVING sum(f.submitted) <> 0 OR sum(f.recognized) <> 0) f
	CROSS JOIN unnest(p_holders) h (id)
	ON CONFLICT (unit_id, phase_id, facet, key) DO UPDATE
	SET submitted = c.submitted + excluded.submitted,
	    recognized = c.recognized + excluded.recognized
$$;

CREATE FUNCTION public.sk_scope_counts_moved() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_was boolean := sk_scope_holds(OLD.level, OLD.parent_id);
	v_is boolean := sk_scope_holds(NEW.level, NEW.parent_id);
	v_old bigint[];
	v_new bigint[];
	v_below bigint[];
BEGIN
	PERFORM sk_report_lock(true);
	-- New statements, new snapshots: the tree and the counters as the
	-- last fold before the lock left them.
	IF NOT EXISTS (SELECT 1 FROM unit_counts_basis b WHERE b.campaign_id IS NOT NULL) THEN
		RETURN NULL;
	END IF;
	v_old := sk_scope_above(OLD.parent_id);
	v_new := sk_scope_above(NEW.parent_id);
	IF v_was AND NOT v_is THEN
		DELETE FROM scope_counts c WHERE c.unit_id = NEW.id;
	ELSIF v_is AND NOT v_was THEN
		v_new := v_new || NEW.id;
	END IF;
	v_below := ARRAY(SELECT t.id FROM sk_subtree(NEW.id) t);
	PERFORM sk_scope_add(ARRAY(SELECT unnest(v_old) EXCEPT SELECT unnest(v_new)), v_below, -1);
	PERFORM sk_scope_add(ARRAY(SELECT unnest(v_new) EXCEPT SELECT unnest(v_old)), v_below, 1);
	RETURN NULL;
END
$$;

CREATE FUNCTION public.sk_scope_grassroots(p_unit bigint) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$
	WITH RECURSIVE inner_units (id, depth) AS (
		SELECT u.id, 0 FROM units u WHERE u.id = p_unit AND u.level <> 'grassroots'
		UNION ALL
		SELECT u.id, t.depth + 1 FROM units u JOIN inner_units t ON u.parent_id = t.id
		WHERE u.level <> 'grassroots' AND t.depth < 64)
	SELECT (SELECT count(*) FROM units u WHERE u.id = p_unit AND u.level = 'grassroots')
	       + (SELECT count(*) FROM units g
		  WHERE g.level = 'grassroots' AND g.parent_id IN (SELECT i.id FROM inner_units i))
$$;

CREATE FUNCTION public.sk_scope_holds(p_level text, p_parent bigint) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$
	SELECT p_parent IS NOT NULL AND p_level <> 'grassroots'
$$;

CREATE FUNCTION public.sk_scope_phased(p_units bigint[], p_campaign integer, p_counted boolean, p_waiting integer) RETURNS TABLE(phase_id integer, facet "char", key text, submitted bigint, recognized bigint)
    LANGUAGE sql STABLE
    AS $$
	WITH f AS (
		SELECT * FROM sk_report_counted(p_units) WHERE p_counted
		UNION ALL
		SELECT k.facet, d.applied_on, k.key, p_waiting * d.submitted, p_waiting * d.recognized
		FROM report_deltas d CROSS JOIN LATERAL sk_report_keys(d.kind, d.theme, d.week) k
		WHERE p_waiting <> 0 AND d.unit_id = ANY (p_units))
	SELECT coalesce(p.id, 0), f.facet, f.key, f.submitted, f.recognized
	FROM f JOIN campaigns c ON c.id = p_campaign AND f.applied_on >= c.counts_from
	LEFT JOIN phases p ON p.campaign_id = c.id AND f.applied_on BETWEEN p.starts_on AND p.ends_on
$$;

CREATE FUNCTION public.sk_scope_units(p_scope bigint) RETURNS TABLE(unit_id bigint)
    LANGUAGE sql STABLE
    AS $$
	SELECT u.id FROM units u WHERE p_scope IS NULL
	UNION ALL
	SELECT t.id FROM sk_subtree(p_scope) t WHERE p_scope IS NOT NULL
$$;

CREATE FUNCTION public.sk_search_index(p_max integer) RETURNS integer
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.sk_set_actor(p_credential bigint, p_action text) RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_label text;
	v_role text;
BEGIN
	IF p_credential IS NOT NULL THEN
		SELECT c.label, c.role INTO v_label, v_role FROM credentials c WHERE c.id = p_credential;
	END IF;
	PERFORM set_config('sangkien.actor', coalesce(p_credential::text, ''), true),
		set_config('sangkien.action', coalesce(p_action, ''), true),
		set_config('sangkien.actor_label', coalesce(v_label, ''), true),
		set_config('sangkien.actor_role', coalesce(v_role, ''), true);
END
$$;

CREATE FUNCTION public.sk_set_target(p_unit_code text, p_campaign_code text, p_phase_code text, p_target integer, p_scope bigint, p_is_admin boolean) RETURNS TABLE(outcome text, changed boolean)
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.sk_similar(p_uuid uuid, p_scope bigint) RETURNS TABLE(id bigint, sim real)
    LANGUAGE sql STABLE
    AS $$
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

CREATE FUNCTION public.sk_submit_batch(p_uuid uuid[], p_unit bigint[], p_credential bigint[], p_title text[], p_kind text[], p_authors jsonb[], p_summary text[], p_effect text[], p_applied_on date[], p_theme text[], p_sha bytea[]) RETURNS TABLE(ord integer, outcome text, record_id bigint, version integer, received_unix_ms bigint, content_sha256 bytea, cur public.sk_server_initiatives)
    LANGUAGE plpgsql
    SET plan_cache_mode TO 'force_generic_plan'
    SET enable_seqscan TO 'off'
    AS $$
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

CREATE FUNCTION public.sk_submit_initiative(p_uuid uuid, p_unit bigint, p_credential bigint, p_title text, p_kind text, p_authors jsonb, p_summary text, p_effect text, p_applied_on date, p_theme text, p_sha bytea) RETURNS TABLE(outcome text, record_id bigint, version integer, received_unix_ms bigint, content_sha256 bytea)
    LANGUAGE plpgsql
    AS $$
DECLARE
	r initiatives%ROWTYPE;
	rev_version int;
	rev_at timestamptz;
BEGIN
	-- A resend, the usual repeat, is answered from the stored row: an
	-- INSERT would take a feed number (the BEFORE trigger) for nothing.
	SELECT * INTO r FROM initiatives i WHERE i.uuid = p_uuid;
	IF NOT FOUND THEN
		INSERT INTO initiatives AS i (uuid, unit_id, credential_id, title, kind, authors,
					      summary, effect, applied_on, theme, content_sha256)
		VALUES (p_uuid, p_unit, p_credential, p_title, p_kind, p_authors, p_summary,
			p_effect, p_applied_on, p_theme, p_sha)
		ON CONFLICT (uuid) DO NOTHING
		RETURNING i.* INTO r;
		IF FOUND THEN
			outcome := 'accepted';
		ELSE
			SELECT * INTO STRICT r FROM initiatives i WHERE i.uuid = p_uuid;
		END IF;
	END IF;
	IF outcome IS NULL THEN
		IF r.unit_id <> p_unit THEN
			outcome := 'forbidden';
			RETURN NEXT;  -- no receipt for another unit's record
			RETURN;
		ELSIF r.content_sha256 = p_sha THEN
			outcome := 'duplicate';
		ELSE
			-- An earlier revision (the submission of an initiative edited
			-- since, resent by a resuming client): its own receipt.
			SELECT v.version, v.stored_at INTO rev_version, rev_at
			FROM initiative_revisions v
			WHERE v.initiative_id = r.id AND v.content_sha256 = p_sha
			ORDER BY v.version LIMIT 1;
			IF FOUND THEN
				outcome := 'duplicate';
				record_id := r.id;
				version := rev_version;
				received_unix_ms := floor(extract(epoch FROM rev_at) * 1000)::bigint;
				content_sha256 := p_sha;
				RETURN NEXT;
				RETURN;
			END IF;
			outcome := 'conflict';
		END IF;
	END IF;
	record_id := r.id;
	version := r.version;
	received_unix_ms := floor(extract(epoch FROM r.received_at) * 1000)::bigint;
	content_sha256 := r.content_sha256;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_submit_item(p_uuid uuid, p_unit bigint, p_credential bigint, p_title text, p_kind text, p_authors jsonb, p_summary text, p_effect text, p_applied_on date, p_theme text, p_sha bytea) RETURNS TABLE(outcome text, record_id bigint, version integer, received_unix_ms bigint, content_sha256 bytea, cur public.sk_server_initiatives)
    LANGUAGE plpgsql
    AS $$
DECLARE
	s record;
BEGIN
	SELECT * INTO STRICT s FROM sk_submit_initiative(p_uuid, p_unit, p_credential, p_title,
		p_kind, p_authors, p_summary, p_effect, p_applied_on, p_theme, p_sha);
	outcome := s.outcome;
	record_id := s.record_id;
	version := s.version;
	received_unix_ms := s.received_unix_ms;
	content_sha256 := s.content_sha256;
	IF s.outcome = 'conflict' THEN
		SELECT v.* INTO cur FROM sk_server_initiatives v WHERE v.record_id = s.record_id;
	END IF;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_subtree(p_root bigint) RETURNS TABLE(id bigint, level text)
    LANGUAGE sql STABLE
    AS $$
	WITH RECURSIVE sub (id, level, depth) AS (
		SELECT u.id, u.level, 0 FROM units u WHERE u.id = p_root
		UNION ALL
		SELECT u.id, u.level, sub.depth + 1
		FROM units u JOIN sub ON u.parent_id = sub.id
		WHERE sub.depth < 64)
	SELECT sub.id, sub.level FROM sub
$$;

CREATE FUNCTION public.sk_unit_counts_count() RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_campaign int := sk_campaign_id('');
BEGIN
	IF EXISTS (SELECT 1 FROM unit_counts_basis b
		   WHERE b.campaign_id IS NOT DISTINCT FROM v_campaign) THEN
		RETURN;
	END IF;
	DELETE FROM unit_counts;
	INSERT INTO unit_counts (unit_id, phase_id, submitted, recognized, target)
	WITH k AS (SELECT k.counts_from FROM campaigns k WHERE k.id = v_campaign),
	days AS (
		SELECT i.unit_id, i.applied_on, count(*) AS submitted,
		       count(*) FILTER (WHERE sk_is_recognized(i.status)) AS recognized
		FROM initiatives i, k
		WHERE i.applied_on >= k.counts_from AND i.status <> 'withdrawn'
		GROUP BY 1, 2
		UNION ALL
		SELECT d.unit_id, d.applied_on, -sum(d.submitted), -sum(d.recognized)
		FROM report_deltas d, k
		WHERE d.applied_on >= k.counts_from
		GROUP BY 1, 2)
	SELECT x.unit_id, x.phase_id, sum(x.submitted), sum(x.recognized), sum(x.target)
	FROM (SELECT d.unit_id, coalesce(p.id, 0) AS phase_id, d.submitted, d.recognized,
		     0 AS target
	      FROM days d
	      LEFT JOIN phases p ON p.campaign_id = v_campaign
				AND d.applied_on BETWEEN p.starts_on AND p.ends_on
	      UNION ALL
	      -- The targets (sql/028): the quota in phase 0.
	      SELECT q.unit_id, 0, 0, 0, q.quota FROM quotas q WHERE q.campaign_id = v_campaign
	      UNION ALL
	      SELECT t.unit_id, t.phase_id, 0, 0, t.target
	      FROM phase_targets t JOIN phases p ON p.id = t.phase_id AND p.campaign_id = v_campaign) x
	GROUP BY 1, 2;
	DELETE FROM scope_counts;
	-- Each unit's facets per phase, added to every unit that counts them.
	INSERT INTO scope_counts (unit_id, phase_id, facet, key, submitted, recognized)
	WITH RECURSIVE up (unit_id, id, level, parent_id, depth) AS (
		SELECT u.id, u.id, u.level, u.parent_id, 0 FROM units u
		UNION ALL
		SELECT up.unit_id, p.id, p.level, p.parent_id, up.depth + 1
		FROM up JOIN units p ON p.id = up.parent_id WHERE up.depth < 64),
	k AS (SELECT k.counts_from FROM campaigns k WHERE k.id = v_campaign),
	per AS (
		SELECT d.unit_id, coalesce(p.id, 0) AS phase_id, f.facet, f.key,
		       sum(d.submitted) AS submitted, sum(d.recognized) AS recognized
		FROM (SELECT i.unit_id, i.applied_on, i.kind, coalesce(i.theme, '') AS theme,
			     sk_report_week(i.received_at) AS week, count(*) AS submitted,
			     count(*) FILTER (WHERE sk_is_recognized(i.status)) AS recognized
		      FROM initiatives i, k
		      WHERE i.applied_on >= k.counts_from AND i.status <> 'withdrawn'
		      GROUP BY 1, 2, 3, 4, 5
		      UNION ALL
		      SELECT d.unit_id, d.applied_on, d.kind, d.theme, d.week, -d.submitted,
			     -d.recognized
		      FROM report_deltas d, k
		      WHERE d.applied_on >= k.counts_from) d
		CROSS JOIN LATERAL sk_report_keys(d.kind, d.theme, d.week) f
		LEFT JOIN phases p ON p.campaign_id = v_campaign
				  AND d.applied_on BETWEEN p.starts_on AND p.ends_on
		GROUP BY 1, 2, 3, 4)
	SELECT up.id, per.phase_id, per.facet, per.key, sum(per.submitted), sum(per.recognized)
	FROM per JOIN up ON up.unit_id = per.unit_id
	WHERE sk_scope_holds(up.level, up.parent_id)
	GROUP BY 1, 2, 3, 4
	HAVING sum(per.submitted) <> 0 OR sum(per.recognized) <> 0;
	UPDATE unit_counts_basis SET campaign_id = v_campaign;
END
$$;

CREATE FUNCTION public.sk_unit_counts_outdated() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
	IF TG_TABLE_NAME = 'phases' THEN
		IF TG_OP = 'UPDATE' AND (OLD.campaign_id, OLD.starts_on, OLD.ends_on)
		   IS NOT DISTINCT FROM (NEW.campaign_id, NEW.starts_on, NEW.ends_on) THEN
			RETURN NULL;
		END IF;
		PERFORM sk_report_lock(true);
		UPDATE unit_counts_basis b SET campaign_id = NULL
		WHERE b.campaign_id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.campaign_id END,
					CASE WHEN TG_OP <> 'DELETE' THEN NEW.campaign_id END);
		RETURN NULL;
	END IF;
	IF TG_OP = 'INSERT' AND NOT NEW.is_current OR TG_OP = 'DELETE' AND NOT OLD.is_current THEN
		RETURN NULL;
	END IF;
	IF TG_OP = 'UPDATE' AND (NOT (OLD.is_current OR NEW.is_current)
	   OR (OLD.is_current, OLD.counts_from) IS NOT DISTINCT FROM (NEW.is_current, NEW.counts_from)) THEN
		RETURN NULL;
	END IF;
	PERFORM sk_report_lock(true);
	UPDATE unit_counts_basis b SET campaign_id = NULL WHERE b.campaign_id IS NOT NULL;
	RETURN NULL;
END
$$;

CREATE FUNCTION public.sk_unit_counts_target() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
	v_old_phase int;
	v_new_phase int;
	v_target int;
BEGIN
	PERFORM sk_report_lock(true);
	-- New statements, new snapshots: the counters as the last fold left
	-- them, counting for the campaign it counted them for.
	IF TG_TABLE_NAME = 'quotas' THEN
		IF TG_OP <> 'INSERT' THEN
			v_old_phase := CASE WHEN EXISTS (SELECT 1 FROM unit_counts_basis b
							 WHERE b.campaign_id = OLD.campaign_id) THEN 0 END;
		END IF;
		IF TG_OP <> 'DELETE' THEN
			v_new_phase := CASE WHEN EXISTS (SELECT 1 FROM unit_counts_basis b
							 WHERE b.campaign_id = NEW.campaign_id) THEN 0 END;
			v_target := NEW.quota;
		END IF;
	ELSE
		IF TG_OP <> 'INSERT' THEN
			v_old_phase := (SELECT p.id FROM phases p JOIN unit_counts_basis b
					ON b.campaign_id = p.campaign_id WHERE p.id = OLD.phase_id);
		END IF;
		IF TG_OP <> 'DELETE' THEN
			v_new_phase := (SELECT p.id FROM phases p JOIN unit_counts_basis b
					ON b.campaign_id = p.campaign_id WHERE p.id = NEW.phase_id);
			v_target := NEW.target;
		END IF;
	END IF;
	IF v_old_phase IS NOT NULL THEN
		UPDATE unit_counts c SET target = 0
		WHERE c.unit_id = OLD.unit_id AND c.phase_id = v_old_phase;
	END IF;
	IF v_new_phase IS NOT NULL THEN
		INSERT INTO unit_counts AS c (unit_id, phase_id, submitted, recognized, target)
		VALUES (NEW.unit_id, v_new_phase, 0, 0, v_target)
		ON CONFLICT (unit_id, phase_id) DO UPDATE SET target = excluded.target;
	END IF;
	RETURN NULL;
END
$$;

CREATE FUNCTION public.sk_unit_initiative_lock(p_uuid uuid, p_unit bigint, OUT outcome text, OUT reason text, OUT initiative public.initiatives) RETURNS record
    LANGUAGE plpgsql
    AS $$
BEGIN
	SELECT * INTO initiative FROM initiatives i WHERE i.uuid = p_uuid;
	IF NOT FOUND THEN
		outcome := 'not_found';
		reason := 'no initiative with this uuid';
		RETURN;
	END IF;
	IF initiative.unit_id <> p_unit THEN
		outcome := 'forbidden';
		reason := 'this initiative belongs to another unit';
		initiative := NULL;
		RETURN;
	END IF;
	PERFORM sk_feed_lock(p_unit);
	SELECT * INTO STRICT initiative FROM initiatives i WHERE i.id = initiative.id FOR UPDATE;
	outcome := 'ok';
END
$$;

CREATE FUNCTION public.sk_units_counted_from() RETURNS integer
    LANGUAGE sql STABLE
    AS $$
	SELECT coalesce(nullif(current_setting('sangkien.units_counted_from', true), '')::int, 64)
$$;

CREATE FUNCTION public.sk_units_figures(p_units bigint[], p_campaign integer) RETURNS TABLE(unit_id bigint, code text, name text, quota integer, submitted bigint, recognized bigint, phase_targets integer[], phase_submitted bigint[], phase_recognized bigint[])
    LANGUAGE sql STABLE
    AS $$
	-- The units by their key: a unit named twice comes once, and the
	-- planner knows how many there are.
	WITH g AS (SELECT u.id, u.code, u.name FROM units u WHERE u.id = ANY (p_units)),
	c AS (
		SELECT k.counts_from,
		       cardinality(p_units) >= sk_units_counted_from()
		       AND EXISTS (SELECT 1 FROM unit_counts_basis b WHERE b.campaign_id = k.id)
		       AS counters
		FROM campaigns k WHERE k.id = p_campaign),
	ph AS (SELECT * FROM sk_campaign_phases(p_campaign)),
	-- Per unit and phase (0: none); the one-time filters run one branch
	-- (OFFSET 0: each unit's counters by their key; the planner would
	-- read them all for a province's units, costing pages it has in memory
	-- as if read from disk).
	facts AS (
		SELECT g.id AS unit_id, uc.phase_id, uc.submitted, uc.recognized, uc.target
		FROM g CROSS JOIN LATERAL (
			SELECT uc.phase_id, uc.submitted, uc.recognized, uc.target FROM unit_counts uc
			WHERE uc.unit_id = g.id OFFSET 0) uc
		WHERE (SELECT c.counters FROM c)
		UNION ALL
		SELECT d.unit_id, coalesce(ph.id, 0), d.submitted, d.recognized, 0
		FROM report_deltas d CROSS JOIN c
		LEFT JOIN ph ON d.applied_on BETWEEN ph.starts_on AND ph.ends_on
		WHERE (SELECT c.counters FROM c) AND d.unit_id IN (SELECT g.id FROM g)
		  AND d.applied_on >= c.counts_from
		UNION ALL
		SELECT i.unit_id, coalesce(ph.id, 0), 1, sk_is_recognized(i.status)::int, 0
		FROM g JOIN initiatives i ON i.unit_id = g.id
		CROSS JOIN c
		LEFT JOIN ph ON i.applied_on BETWEEN ph.starts_on AND ph.ends_on
		WHERE NOT (SELECT c.counters FROM c)
		  AND i.applied_on >= c.counts_from AND i.status <> 'withdrawn'
		-- Without the counters (which carry them, sql/028) the quota (in
		-- phase 0) and the phase targets by their keys.
		UNION ALL
		SELECT g.id, 0, 0, 0, q.quota
		FROM g CROSS JOIN LATERAL (
			SELECT q.quota FROM quotas q
			WHERE q.unit_id = g.id AND q.campaign_id = p_campaign OFFSET 0) q
		WHERE NOT (SELECT c.counters FROM c)
		UNION ALL
		SELECT g.id, ph.id, 0, 0, t.target
		FROM g CROSS JOIN ph CROSS JOIN LATERAL (
			SELECT t.target FROM phase_targets t
			WHERE t.unit_id = g.id AND t.phase_id = ph.id OFFSET 0) t
		WHERE NOT (SELECT c.counters FROM c)),
	-- Every unit in every phase and in none (so that each unit and phase
	-- comes, with zeros), beside the facts: summed, never joined, so no
	-- guess of how many units there are makes the work grow with its square.
	cells AS (
		SELECT g.id AS unit_id, coalesce(ph.id, 0) AS phase_id, ph.n, g.code, g.name,
		       0::bigint AS submitted, 0::bigint AS recognized, 0 AS target
		FROM g CROSS JOIN (SELECT ph.id, ph.n FROM ph UNION ALL SELECT NULL, NULL) ph
		UNION ALL
		SELECT f.unit_id, f.phase_id, NULL, NULL, NULL, f.submitted, f.recognized, f.target
		FROM facts f),
	per AS (
		SELECT x.unit_id, x.phase_id, max(x.n) AS n, max(x.code) AS code, max(x.name) AS name,
		       sum(x.submitted)::bigint AS submitted, sum(x.recognized)::bigint AS recognized,
		       sum(x.target)::int AS target
		FROM cells x GROUP BY x.unit_id, x.phase_id)
	SELECT per.unit_id, max(per.code), max(per.name),
	       coalesce(sum(per.target) FILTER (WHERE per.phase_id = 0), 0)::int,
	       sum(per.submitted)::bigint, sum(per.recognized)::bigint,
	       coalesce(array_agg(per.target ORDER BY per.n) FILTER (WHERE per.phase_id <> 0), '{}'),
	       coalesce(array_agg(per.submitted ORDER BY per.n) FILTER (WHERE per.phase_id <> 0), '{}'),
	       coalesce(array_agg(per.recognized ORDER BY per.n) FILTER (WHERE per.phase_id <> 0), '{}')
	FROM per
	-- Facts of a unit not asked for cannot come (every branch starts from g).
	GROUP BY per.unit_id
	ORDER BY 2
$$;

CREATE FUNCTION public.sk_upload_chunk(p_unit bigint, p_sha bytea, p_offset bigint, p_data bytea, p_prev bytea, p_state bytea) RETURNS TABLE(outcome text, size bigint, received bigint, content_type text, hashed bigint)
    LANGUAGE plpgsql
    AS $$
#variable_conflict use_column
DECLARE
	f dossier_files%ROWTYPE;
	v_chain boolean;
BEGIN
	SELECT d.* INTO f FROM unit_files uf JOIN dossier_files d ON d.id = uf.file_id
	WHERE uf.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'committed';
	IF FOUND THEN
		outcome := 'committed';
		size := f.size;
		received := f.size;
		content_type := f.content_type;
		hashed := f.size;
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT d.* INTO f FROM dossier_files d
	WHERE d.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'uploading' FOR UPDATE;
	IF NOT FOUND THEN
		outcome := 'not_found';
		RETURN NEXT;
		RETURN;
	END IF;
	size := f.size;
	received := f.received;
	content_type := f.content_type;
	hashed := f.hashed;
	IF f.received <> p_offset THEN
		outcome := 'wrong_offset';
	ELSIF p_offset + length(p_data) > f.size THEN
		outcome := 'too_long';
	ELSE
		v_chain := p_state IS NOT NULL AND f.hashed = p_offset
			   AND f.hash_state IS NOT DISTINCT FROM p_prev;
		INSERT INTO dossier_chunks (file_id, off, data) VALUES (f.id, p_offset, p_data);
		UPDATE dossier_files d SET received = d.received + length(p_data), touched_at = now(),
			hashed = CASE WHEN v_chain THEN d.received + length(p_data) ELSE d.hashed END,
			hash_state = CASE WHEN v_chain THEN p_state ELSE d.hash_state END
		WHERE d.id = f.id;
		received := f.received + length(p_data);
		hashed := CASE WHEN v_chain THEN received ELSE f.hashed END;
		outcome := 'stored';
	END IF;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_upload_commit_begin(p_unit bigint, p_sha bytea) RETURNS TABLE(outcome text, file_id bigint, size bigint, received bigint, content_type text, hashed bigint, hash_state bytea)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
DECLARE
	f dossier_files%ROWTYPE;
BEGIN
	SELECT d.* INTO f FROM unit_files uf JOIN dossier_files d ON d.id = uf.file_id
	WHERE uf.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'committed';
	IF FOUND THEN
		outcome := 'committed';
	ELSE
		SELECT d.* INTO f FROM dossier_files d
		WHERE d.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'uploading';
		IF NOT FOUND THEN
			outcome := 'not_found';
			RETURN NEXT;
			RETURN;
		END IF;
		outcome := CASE WHEN f.received = f.size THEN 'ready' ELSE 'incomplete' END;
	END IF;
	file_id := f.id;
	size := f.size;
	received := f.received;
	content_type := f.content_type;
	hashed := f.hashed;
	hash_state := f.hash_state;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_upload_commit_finish(p_unit bigint, p_file bigint, p_sha bytea, p_verdict text, p_found_type text) RETURNS TABLE(outcome text, size bigint, received bigint, content_type text)
    LANGUAGE plpgsql
    AS $$
#variable_conflict use_column
DECLARE
	f dossier_files%ROWTYPE;
	v_kept bigint;
BEGIN
	SELECT d.* INTO f FROM dossier_files d
	WHERE d.id = p_file AND d.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'uploading'
	FOR UPDATE;
	IF NOT FOUND OR f.received <> f.size THEN
		outcome := 'changed';
		RETURN NEXT;
		RETURN;
	END IF;
	size := f.size;
	IF p_verdict <> 'ok' THEN
		DELETE FROM dossier_files d WHERE d.id = f.id;
		outcome := p_verdict;
		received := 0;
		content_type := f.content_type;
		RETURN NEXT;
		RETURN;
	END IF;
	-- Two units committing the same file at once: one keeps it.
	PERFORM pg_advisory_xact_lock(('x' || encode(substring(p_sha FROM 1 FOR 8), 'hex'))::bit(64)::bigint);
	-- Locked, so that the sweep of unattached files (sk_file_sweep) waits.
	SELECT d.id INTO v_kept FROM dossier_files d WHERE d.sha256 = p_sha AND d.state = 'committed'
	FOR SHARE;
	IF FOUND THEN
		DELETE FROM dossier_files d WHERE d.id = f.id;
	ELSE
		UPDATE dossier_files d SET state = 'committed', content_type = p_found_type,
					   committed_at = now(), touched_at = now()
		WHERE d.id = f.id;
		v_kept := f.id;
	END IF;
	INSERT INTO unit_files (unit_id, file_id) VALUES (p_unit, v_kept)
	ON CONFLICT DO NOTHING;
	outcome := 'committed';
	received := f.size;
	content_type := p_found_type;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_upload_start(p_unit bigint, p_sha bytea, p_size bigint, p_type text, p_max_uploads integer) RETURNS TABLE(outcome text, size bigint, received bigint, content_type text, hashed bigint, hash_state bytea)
    LANGUAGE plpgsql
    AS $$
#variable_conflict use_column
DECLARE
	f dossier_files%ROWTYPE;
BEGIN
	SELECT d.* INTO f FROM unit_files uf JOIN dossier_files d ON d.id = uf.file_id
	WHERE uf.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'committed';
	IF FOUND THEN
		outcome := CASE WHEN f.size = p_size THEN 'committed' ELSE 'size_mismatch' END;
		size := f.size;
		received := f.size;
		content_type := f.content_type;
		RETURN NEXT;
		RETURN;
	END IF;
	SELECT d.* INTO f FROM dossier_files d
	WHERE d.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'uploading' FOR UPDATE;
	IF FOUND AND (f.size <> p_size OR f.content_type <> p_type) THEN
		-- A new row, so that a commit reading the old one cannot finish.
		DELETE FROM dossier_files d WHERE d.id = f.id;
		FOUND := false;
	END IF;
	IF NOT FOUND THEN
		-- Serialize the unit's new uploads so the count holds.
		PERFORM 1 FROM units u WHERE u.id = p_unit FOR NO KEY UPDATE;
		IF (SELECT count(*) FROM dossier_files d
		    WHERE d.unit_id = p_unit AND d.state = 'uploading') >= p_max_uploads THEN
			outcome := 'too_many';
			RETURN NEXT;
			RETURN;
		END IF;
		INSERT INTO dossier_files (sha256, size, content_type, state, unit_id)
		VALUES (p_sha, p_size, p_type, 'uploading', p_unit)
		ON CONFLICT (unit_id, sha256) WHERE state = 'uploading' DO NOTHING;
		SELECT d.* INTO STRICT f FROM dossier_files d
		WHERE d.unit_id = p_unit AND d.sha256 = p_sha AND d.state = 'uploading';
	ELSE
		UPDATE dossier_files d SET touched_at = now() WHERE d.id = f.id;
	END IF;
	outcome := 'uploading';
	size := f.size;
	received := f.received;
	content_type := f.content_type;
	hashed := f.hashed;
	hash_state := f.hash_state;
	RETURN NEXT;
END
$$;

CREATE FUNCTION public.sk_upload_sweep(p_idle_s bigint, p_limit integer) RETURNS bigint
    LANGUAGE sql
    AS $$
	WITH gone AS (
		DELETE FROM dossier_files d WHERE d.id IN (
			SELECT a.id FROM dossier_files a
			WHERE a.state = 'uploading'
			  AND a.touched_at < now() - make_interval(secs => p_idle_s)
			ORDER BY a.touched_at LIMIT p_limit
			FOR UPDATE SKIP LOCKED)
		RETURNING 1)
	SELECT count(*) FROM gone
$$;

CREATE FUNCTION public.sk_withdraw_initiative(p_uuid uuid, p_unit bigint, p_credential bigint, p_base_version integer, p_reason text) RETURNS TABLE(outcome text, reason text, cur public.sk_server_initiatives)
    LANGUAGE plpgsql
    AS $$
DECLARE
	l record;
	r initiatives%ROWTYPE;
	v_label text;
BEGIN
	SELECT * INTO l FROM sk_unit_initiative_lock(p_uuid, p_unit);
	IF l.outcome <> 'ok' THEN
		outcome := l.outcome;
		reason := l.reason;
		RETURN NEXT;
		RETURN;
	END IF;
	r := l.initiative;
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

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    credential_id bigint,
    actor text NOT NULL,
    actor_role text NOT NULL,
    action text NOT NULL,
    table_name text NOT NULL,
    operation text NOT NULL,
    unit_id bigint,
    initiative_id bigint,
    before jsonb,
    after jsonb,
    CONSTRAINT audit_log_operation_check CHECK ((operation = ANY (ARRAY['insert'::text, 'update'::text, 'delete'::text])))
);

CREATE SEQUENCE public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;

CREATE SEQUENCE public.campaigns_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.campaigns_id_seq OWNED BY public.campaigns.id;

CREATE TABLE public.credentials (
    id bigint NOT NULL,
    secret_sha256 bytea NOT NULL,
    role text NOT NULL,
    unit_id bigint,
    label text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT credentials_check CHECK (((role = 'administrator'::text) = (unit_id IS NULL))),
    CONSTRAINT credentials_role_check CHECK ((role = ANY (ARRAY['unit'::text, 'operator'::text, 'administrator'::text]))),
    CONSTRAINT credentials_secret_sha256_check CHECK ((length(secret_sha256) = 32))
);

CREATE SEQUENCE public.credentials_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.credentials_id_seq OWNED BY public.credentials.id;

CREATE TABLE public.dossier_chunks (
    file_id bigint NOT NULL,
    off bigint NOT NULL,
    data bytea NOT NULL,
    CONSTRAINT dossier_chunks_data_check CHECK ((length(data) > 0)),
    CONSTRAINT dossier_chunks_off_check CHECK ((off >= 0))
);
ALTER TABLE ONLY public.dossier_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE public.dossier_downloads (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    credential_id bigint,
    initiative_id bigint NOT NULL,
    file_id bigint NOT NULL,
    sha256 bytea NOT NULL
);

CREATE SEQUENCE public.dossier_downloads_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.dossier_downloads_id_seq OWNED BY public.dossier_downloads.id;

CREATE SEQUENCE public.dossier_files_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.dossier_files_id_seq OWNED BY public.dossier_files.id;

CREATE TABLE public.enrollment_codes (
    id bigint NOT NULL,
    code_sha256 bytea NOT NULL,
    unit_id bigint NOT NULL,
    created_by bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    credential_id bigint,
    CONSTRAINT enrollment_codes_code_sha256_check CHECK ((length(code_sha256) = 32))
);

CREATE SEQUENCE public.enrollment_codes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.enrollment_codes_id_seq OWNED BY public.enrollment_codes.id;

CREATE SEQUENCE public.initiative_attachments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.initiative_attachments_id_seq OWNED BY public.initiative_attachments.id;

CREATE SEQUENCE public.initiative_notes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.initiative_notes_id_seq OWNED BY public.initiative_notes.id;

CREATE TABLE public.initiative_revisions_kept (
    initiative_id bigint NOT NULL,
    version integer NOT NULL,
    title text NOT NULL,
    kind text NOT NULL,
    authors jsonb NOT NULL,
    summary text NOT NULL,
    effect text NOT NULL,
    applied_on date NOT NULL,
    theme text,
    content_sha256 bytea NOT NULL,
    stored_at timestamp with time zone NOT NULL,
    credential_id bigint
);

CREATE VIEW public.initiative_revisions AS
 SELECT k.initiative_id,
    k.version,
    k.title,
    k.kind,
    k.authors,
    k.summary,
    k.effect,
    k.applied_on,
    k.theme,
    k.content_sha256,
    k.stored_at,
    k.credential_id
   FROM public.initiative_revisions_kept k
UNION ALL
 SELECT i.id AS initiative_id,
    1 AS version,
    i.title,
    i.kind,
    i.authors,
    i.summary,
    i.effect,
    i.applied_on,
    i.theme,
    i.content_sha256,
    i.received_at AS stored_at,
    i.credential_id
   FROM public.initiatives i
  WHERE (NOT (EXISTS ( SELECT 1
           FROM public.initiative_revisions_kept k
          WHERE (k.initiative_id = i.id))));

CREATE UNLOGGED TABLE public.initiative_search (
    initiative_id bigint NOT NULL,
    folded_title text NOT NULL
);

CREATE UNLOGGED TABLE public.initiative_search_filled (
    filled boolean NOT NULL,
    CONSTRAINT initiative_search_filled_filled_check CHECK (filled)
);

CREATE UNLOGGED TABLE public.initiative_search_pending (
    initiative_id bigint NOT NULL
);

CREATE SEQUENCE public.initiatives_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.initiatives_id_seq OWNED BY public.initiatives.id;

CREATE TABLE public.phase_targets (
    unit_id bigint NOT NULL,
    phase_id integer NOT NULL,
    target integer NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT phase_targets_target_check CHECK ((target >= 0))
);

CREATE SEQUENCE public.phases_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.phases_id_seq OWNED BY public.phases.id;

CREATE TABLE public.quotas (
    unit_id bigint NOT NULL,
    campaign_id integer NOT NULL,
    quota integer NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT quotas_quota_check CHECK ((quota >= 0))
);

CREATE TABLE public.report_counts (
    unit_id bigint NOT NULL,
    facet "char" NOT NULL,
    applied_on date NOT NULL,
    key text NOT NULL,
    submitted bigint NOT NULL,
    recognized bigint NOT NULL,
    CONSTRAINT report_counts_facet_check CHECK ((facet = ANY (ARRAY['k'::"char", 't'::"char", 'w'::"char"])))
)
WITH (fillfactor='50');

CREATE TABLE public.report_deltas (
    unit_id bigint NOT NULL,
    applied_on date NOT NULL,
    kind text NOT NULL,
    theme text NOT NULL,
    week date NOT NULL,
    submitted bigint NOT NULL,
    recognized bigint NOT NULL
)
WITH (autovacuum_vacuum_scale_factor='0', autovacuum_vacuum_threshold='10000', autovacuum_analyze_scale_factor='0', autovacuum_analyze_threshold='10000');

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.scope_counts (
    unit_id bigint NOT NULL,
    phase_id integer NOT NULL,
    facet "char" NOT NULL,
    key text NOT NULL,
    submitted bigint NOT NULL,
    recognized bigint NOT NULL
)
WITH (fillfactor='50');

CREATE TABLE public.unattached_files (
    file_id bigint NOT NULL,
    since timestamp with time zone NOT NULL
);

CREATE TABLE public.unit_counts (
    unit_id bigint NOT NULL,
    phase_id integer NOT NULL,
    submitted bigint NOT NULL,
    recognized bigint NOT NULL,
    target integer DEFAULT 0 NOT NULL
)
WITH (fillfactor='50');

CREATE TABLE public.unit_counts_basis (
    one boolean DEFAULT true NOT NULL,
    campaign_id integer,
    CONSTRAINT unit_counts_basis_one_check CHECK (one)
);

CREATE TABLE public.unit_feed (
    unit_id bigint NOT NULL,
    last_seq bigint NOT NULL
);

CREATE TABLE public.unit_files (
    unit_id bigint NOT NULL,
    file_id bigint NOT NULL,
    committed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.unit_syncs (
    unit_id bigint NOT NULL,
    last_sync_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.units_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.units_id_seq OWNED BY public.units.id;

ALTER TABLE ONLY public.audit_log ALTER COLUMN id SET DEFAULT nextval('public.audit_log_id_seq'::regclass);

ALTER TABLE ONLY public.campaigns ALTER COLUMN id SET DEFAULT nextval('public.campaigns_id_seq'::regclass);

ALTER TABLE ONLY public.credentials ALTER COLUMN id SET DEFAULT nextval('public.credentials_id_seq'::regclass);

ALTER TABLE ONLY public.dossier_downloads ALTER COLUMN id SET DEFAULT nextval('public.dossier_downloads_id_seq'::regclass);

ALTER TABLE ONLY public.dossier_files ALTER COLUMN id SET DEFAULT nextval('public.dossier_files_id_seq'::regclass);

ALTER TABLE ONLY public.enrollment_codes ALTER COLUMN id SET DEFAULT nextval('public.enrollment_codes_id_seq'::regclass);

ALTER TABLE ONLY public.initiative_attachments ALTER COLUMN id SET DEFAULT nextval('public.initiative_attachments_id_seq'::regclass);

ALTER TABLE ONLY public.initiative_notes ALTER COLUMN id SET DEFAULT nextval('public.initiative_notes_id_seq'::regclass);

ALTER TABLE ONLY public.initiatives ALTER COLUMN id SET DEFAULT nextval('public.initiatives_id_seq'::regclass);

ALTER TABLE ONLY public.phases ALTER COLUMN id SET DEFAULT nextval('public.phases_id_seq'::regclass);

ALTER TABLE ONLY public.units ALTER COLUMN id SET DEFAULT nextval('public.units_id_seq'::regclass);

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_code_key UNIQUE (code);

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.credentials
    ADD CONSTRAINT credentials_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.credentials
    ADD CONSTRAINT credentials_secret_sha256_key UNIQUE (secret_sha256);

ALTER TABLE ONLY public.dossier_chunks
    ADD CONSTRAINT dossier_chunks_pkey PRIMARY KEY (file_id, off);

ALTER TABLE ONLY public.dossier_downloads
    ADD CONSTRAINT dossier_downloads_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.dossier_files
    ADD CONSTRAINT dossier_files_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.enrollment_codes
    ADD CONSTRAINT enrollment_codes_code_sha256_key UNIQUE (code_sha256);

ALTER TABLE ONLY public.enrollment_codes
    ADD CONSTRAINT enrollment_codes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.initiative_attachments
    ADD CONSTRAINT initiative_attachments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.initiative_notes
    ADD CONSTRAINT initiative_notes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.initiative_revisions_kept
    ADD CONSTRAINT initiative_revisions_pkey PRIMARY KEY (initiative_id, version);

ALTER TABLE ONLY public.initiative_search_filled
    ADD CONSTRAINT initiative_search_filled_pkey PRIMARY KEY (filled);

ALTER TABLE ONLY public.initiative_search
    ADD CONSTRAINT initiative_search_pkey PRIMARY KEY (initiative_id);

ALTER TABLE ONLY public.initiatives
    ADD CONSTRAINT initiatives_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.initiatives
    ADD CONSTRAINT initiatives_uuid_key UNIQUE (uuid);

ALTER TABLE ONLY public.phase_targets
    ADD CONSTRAINT phase_targets_pkey PRIMARY KEY (unit_id, phase_id);

ALTER TABLE ONLY public.phases
    ADD CONSTRAINT phases_campaign_id_code_key UNIQUE (campaign_id, code);

ALTER TABLE ONLY public.phases
    ADD CONSTRAINT phases_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.quotas
    ADD CONSTRAINT quotas_pkey PRIMARY KEY (unit_id, campaign_id);

ALTER TABLE ONLY public.report_counts
    ADD CONSTRAINT report_counts_pkey PRIMARY KEY (unit_id, facet, applied_on, key);

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

ALTER TABLE ONLY public.scope_counts
    ADD CONSTRAINT scope_counts_pkey PRIMARY KEY (unit_id, phase_id, facet, key);

ALTER TABLE ONLY public.unattached_files
    ADD CONSTRAINT unattached_files_pkey PRIMARY KEY (file_id);

ALTER TABLE ONLY public.unit_counts_basis
    ADD CONSTRAINT unit_counts_basis_pkey PRIMARY KEY (one);

ALTER TABLE ONLY public.unit_counts
    ADD CONSTRAINT unit_counts_pkey PRIMARY KEY (unit_id, phase_id);

ALTER TABLE ONLY public.unit_feed
    ADD CONSTRAINT unit_feed_pkey PRIMARY KEY (unit_id);

ALTER TABLE ONLY public.unit_files
    ADD CONSTRAINT unit_files_pkey PRIMARY KEY (unit_id, file_id);

ALTER TABLE ONLY public.unit_syncs
    ADD CONSTRAINT unit_syncs_pkey PRIMARY KEY (unit_id);

ALTER TABLE ONLY public.units
    ADD CONSTRAINT units_code_key UNIQUE (code);

ALTER TABLE ONLY public.units
    ADD CONSTRAINT units_pkey PRIMARY KEY (id);

CREATE INDEX audit_log_actor_idx ON public.audit_log USING btree (actor, id);

CREATE INDEX audit_log_at_idx ON public.audit_log USING brin (at) WITH (autosummarize='on');

CREATE INDEX audit_log_initiative_idx ON public.audit_log USING btree (initiative_id, id);

CREATE INDEX audit_log_unit_idx ON public.audit_log USING btree (unit_id, id);

CREATE UNIQUE INDEX campaigns_current_idx ON public.campaigns USING btree (is_current) WHERE is_current;

CREATE INDEX credentials_unit_idx ON public.credentials USING btree (unit_id);

CREATE INDEX dossier_files_abandoned_idx ON public.dossier_files USING btree (touched_at) WHERE (state = 'uploading'::text);

CREATE UNIQUE INDEX dossier_files_kept_idx ON public.dossier_files USING btree (sha256) WHERE (state = 'committed'::text);

CREATE UNIQUE INDEX dossier_files_upload_idx ON public.dossier_files USING btree (unit_id, sha256) WHERE (state = 'uploading'::text);

CREATE UNIQUE INDEX initiative_attachments_current_idx ON public.initiative_attachments USING btree (initiative_id, file_id) WHERE (detached_at IS NULL);

CREATE INDEX initiative_attachments_file_idx ON public.initiative_attachments USING btree (file_id);

CREATE INDEX initiative_notes_initiative_idx ON public.initiative_notes USING btree (initiative_id, id);

CREATE INDEX initiative_search_title_trgm_idx ON public.initiative_search USING gin (folded_title public.gin_trgm_ops);

CREATE INDEX initiatives_unit_counting_id_idx ON public.initiatives USING btree (unit_id, applied_on, status) INCLUDE (kind, theme, received_at, id);

CREATE UNIQUE INDEX initiatives_unit_feed_idx ON public.initiatives USING btree (unit_id, feed_seq);

CREATE INDEX initiatives_unit_id_idx ON public.initiatives USING btree (unit_id, id);

CREATE INDEX phases_campaign_dates_idx ON public.phases USING btree (campaign_id, starts_on, ends_on);

CREATE INDEX unattached_files_since_idx ON public.unattached_files USING btree (since);

CREATE INDEX unit_files_file_idx ON public.unit_files USING btree (file_id);

CREATE INDEX units_grassroots_code_idx ON public.units USING btree (code COLLATE "C") WHERE (level = 'grassroots'::text);

CREATE INDEX units_parent_grassroots_idx ON public.units USING btree (parent_id) WHERE (level = 'grassroots'::text);

CREATE INDEX units_parent_idx ON public.units USING btree (parent_id);

CREATE INDEX units_parent_inner_idx ON public.units USING btree (parent_id) WHERE (level <> 'grassroots'::text);

CREATE TRIGGER campaigns_audit AFTER INSERT OR DELETE OR UPDATE ON public.campaigns FOR EACH ROW EXECUTE FUNCTION public.sk_audit();

CREATE TRIGGER campaigns_unit_counts AFTER INSERT OR DELETE OR UPDATE ON public.campaigns FOR EACH ROW EXECUTE FUNCTION public.sk_unit_counts_outdated();

CREATE TRIGGER credentials_audit AFTER INSERT OR DELETE OR UPDATE ON public.credentials FOR EACH ROW EXECUTE FUNCTION public.sk_audit();

CREATE TRIGGER credentials_never_deleted BEFORE DELETE OR TRUNCATE ON public.credentials FOR EACH STATEMENT EXECUTE FUNCTION public.sk_never_deleted();

CREATE TRIGGER dossier_downloads_audit AFTER INSERT ON public.dossier_downloads FOR EACH ROW EXECUTE FUNCTION public.sk_audit();

CREATE TRIGGER enrollment_codes_audit AFTER INSERT OR DELETE OR UPDATE ON public.enrollment_codes FOR EACH ROW EXECUTE FUNCTION public.sk_audit();

CREATE TRIGGER initiative_attachments_audit AFTER INSERT OR DELETE OR UPDATE ON public.initiative_attachments FOR EACH ROW EXECUTE FUNCTION public.sk_audit();

CREATE TRIGGER initiative_attachments_unattached AFTER INSERT OR UPDATE OF detached_at ON public.initiative_attachments FOR EACH ROW EXECUTE FUNCTION public.sk_file_unattached_changed();

CREATE TRIGGER initiative_notes_audit AFTER INSERT OR DELETE OR UPDATE ON public.initiative_notes FOR EACH ROW EXECUTE FUNCTION public.sk_audit();

CREATE TRIGGER initiatives_audit AFTER DELETE OR UPDATE ON public.initiatives FOR EACH ROW EXECUTE FUNCTION public.sk_audit();

CREATE TRIGGER initiatives_audit_added AFTER INSERT ON public.initiatives REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION public.sk_audit_initiatives_added();

CREATE TRIGGER initiatives_feed BEFORE UPDATE ON public.initiatives FOR EACH ROW EXECUTE FUNCTION public.sk_initiatives_feed();

CREATE TRIGGER initiatives_feed_added BEFORE INSERT ON public.initiatives FOR EACH ROW WHEN ((new.feed_seq IS NULL)) EXECUTE FUNCTION public.sk_initiatives_feed();

CREATE TRIGGER initiatives_owners_added AFTER INSERT ON public.initiatives REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION public.sk_initiatives_owners_exist();

CREATE TRIGGER initiatives_owners_changed AFTER UPDATE OF unit_id, credential_id ON public.initiatives FOR EACH ROW WHEN (((old.unit_id IS DISTINCT FROM new.unit_id) OR (old.credential_id IS DISTINCT FROM new.credential_id))) EXECUTE FUNCTION public.sk_initiatives_owners_exist();

CREATE TRIGGER initiatives_report_added AFTER INSERT ON public.initiatives REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.sk_report_delta();

CREATE TRIGGER initiatives_report_changed AFTER UPDATE ON public.initiatives REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.sk_report_delta();

CREATE TRIGGER initiatives_report_removed AFTER DELETE ON public.initiatives REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.sk_report_delta();

CREATE TRIGGER initiatives_revision_edit AFTER UPDATE OF content_sha256 ON public.initiatives FOR EACH ROW WHEN ((old.content_sha256 IS DISTINCT FROM new.content_sha256)) EXECUTE FUNCTION public.sk_initiatives_revision();

CREATE TRIGGER initiatives_search AFTER UPDATE OF title ON public.initiatives FOR EACH ROW EXECUTE FUNCTION public.sk_initiatives_search_pending();

CREATE TRIGGER initiatives_search_added AFTER INSERT ON public.initiatives REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION public.sk_initiatives_search_added();

CREATE TRIGGER phase_targets_audit AFTER INSERT OR DELETE OR UPDATE ON public.phase_targets FOR EACH ROW EXECUTE FUNCTION public.sk_audit();

CREATE TRIGGER phase_targets_unit_counts AFTER INSERT OR DELETE OR UPDATE ON public.phase_targets FOR EACH ROW EXECUTE FUNCTION public.sk_unit_counts_target();

CREATE TRIGGER phases_audit AFTER INSERT OR DELETE OR UPDATE ON public.phases FOR EACH ROW EXECUTE FUNCTION public.sk_audit();

CREATE TRIGGER phases_unit_counts AFTER INSERT OR DELETE OR UPDATE ON public.phases FOR EACH ROW EXECUTE FUNCTION public.sk_unit_counts_outdated();

CREATE TRIGGER quotas_audit AFTER INSERT OR DELETE OR UPDATE ON public.quotas FOR EACH ROW EXECUTE FUNCTION public.sk_audit();

CREATE TRIGGER quotas_unit_counts AFTER INSERT OR DELETE OR UPDATE ON public.quotas FOR EACH ROW EXECUTE FUNCTION public.sk_unit_counts_target();

CREATE TRIGGER unit_files_unattached AFTER INSERT ON public.unit_files FOR EACH ROW EXECUTE FUNCTION public.sk_file_unattached_changed();

CREATE TRIGGER units_audit AFTER INSERT OR DELETE OR UPDATE ON public.units FOR EACH ROW EXECUTE FUNCTION public.sk_audit();

CREATE TRIGGER units_never_deleted BEFORE DELETE OR TRUNCATE ON public.units FOR EACH STATEMENT EXECUTE FUNCTION public.sk_never_deleted();

CREATE TRIGGER units_report_moved AFTER UPDATE OF parent_id ON public.units FOR EACH ROW WHEN ((old.parent_id IS DISTINCT FROM new.parent_id)) EXECUTE FUNCTION public.sk_report_unit_moved();

CREATE TRIGGER units_scope_moved AFTER UPDATE OF parent_id, level ON public.units FOR EACH ROW WHEN (((old.parent_id IS DISTINCT FROM new.parent_id) OR (old.level IS DISTINCT FROM new.level))) EXECUTE FUNCTION public.sk_scope_counts_moved();

ALTER TABLE ONLY public.credentials
    ADD CONSTRAINT credentials_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.dossier_chunks
    ADD CONSTRAINT dossier_chunks_file_id_fkey FOREIGN KEY (file_id) REFERENCES public.dossier_files(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dossier_downloads
    ADD CONSTRAINT dossier_downloads_credential_id_fkey FOREIGN KEY (credential_id) REFERENCES public.credentials(id);

ALTER TABLE ONLY public.dossier_downloads
    ADD CONSTRAINT dossier_downloads_file_id_fkey FOREIGN KEY (file_id) REFERENCES public.dossier_files(id);

ALTER TABLE ONLY public.dossier_downloads
    ADD CONSTRAINT dossier_downloads_initiative_id_fkey FOREIGN KEY (initiative_id) REFERENCES public.initiatives(id);

ALTER TABLE ONLY public.dossier_files
    ADD CONSTRAINT dossier_files_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.enrollment_codes
    ADD CONSTRAINT enrollment_codes_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.credentials(id);

ALTER TABLE ONLY public.enrollment_codes
    ADD CONSTRAINT enrollment_codes_credential_id_fkey FOREIGN KEY (credential_id) REFERENCES public.credentials(id);

ALTER TABLE ONLY public.enrollment_codes
    ADD CONSTRAINT enrollment_codes_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.initiative_attachments
    ADD CONSTRAINT initiative_attachments_credential_id_fkey FOREIGN KEY (credential_id) REFERENCES public.credentials(id);

ALTER TABLE ONLY public.initiative_attachments
    ADD CONSTRAINT initiative_attachments_file_id_fkey FOREIGN KEY (file_id) REFERENCES public.dossier_files(id);

ALTER TABLE ONLY public.initiative_attachments
    ADD CONSTRAINT initiative_attachments_initiative_id_fkey FOREIGN KEY (initiative_id) REFERENCES public.initiatives(id);

ALTER TABLE ONLY public.initiative_notes
    ADD CONSTRAINT initiative_notes_credential_id_fkey FOREIGN KEY (credential_id) REFERENCES public.credentials(id);

ALTER TABLE ONLY public.initiative_notes
    ADD CONSTRAINT initiative_notes_initiative_id_fkey FOREIGN KEY (initiative_id) REFERENCES public.initiatives(id);

ALTER TABLE ONLY public.initiative_revisions_kept
    ADD CONSTRAINT initiative_revisions_credential_id_fkey FOREIGN KEY (credential_id) REFERENCES public.credentials(id);

ALTER TABLE ONLY public.initiative_revisions_kept
    ADD CONSTRAINT initiative_revisions_initiative_id_fkey FOREIGN KEY (initiative_id) REFERENCES public.initiatives(id);

ALTER TABLE ONLY public.phase_targets
    ADD CONSTRAINT phase_targets_phase_id_fkey FOREIGN KEY (phase_id) REFERENCES public.phases(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.phase_targets
    ADD CONSTRAINT phase_targets_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.phases
    ADD CONSTRAINT phases_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.quotas
    ADD CONSTRAINT quotas_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.quotas
    ADD CONSTRAINT quotas_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.unattached_files
    ADD CONSTRAINT unattached_files_file_id_fkey FOREIGN KEY (file_id) REFERENCES public.dossier_files(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.unit_feed
    ADD CONSTRAINT unit_feed_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.unit_files
    ADD CONSTRAINT unit_files_file_id_fkey FOREIGN KEY (file_id) REFERENCES public.dossier_files(id);

ALTER TABLE ONLY public.unit_files
    ADD CONSTRAINT unit_files_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.unit_syncs
    ADD CONSTRAINT unit_syncs_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.units(id);

ALTER TABLE ONLY public.units
    ADD CONSTRAINT units_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.units(id);

