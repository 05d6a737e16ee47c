-- 001_init: units, campaigns, quotas, credentials, enrollment codes and
-- initiatives, with the functions the server calls.  Applied by
-- `sangkiend migrate` in one transaction.

CREATE TABLE units (
	id         bigserial PRIMARY KEY,
	code       text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,32}$'),
	name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
	level      text NOT NULL
	           CHECK (level IN ('national', 'province', 'district', 'grassroots')),
	parent_id  bigint REFERENCES units (id),
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	CHECK ((level = 'national') = (parent_id IS NULL))
);
CREATE INDEX units_parent_idx ON units (parent_id);

CREATE TABLE campaigns (
	id          serial PRIMARY KEY,
	code        text NOT NULL UNIQUE,
	name        text NOT NULL,
	counts_from date NOT NULL,
	is_current  boolean NOT NULL DEFAULT false
);
-- At most one current campaign.
CREATE UNIQUE INDEX campaigns_current_idx ON campaigns (is_current) WHERE is_current;

INSERT INTO campaigns (code, name, counts_from, is_current)
VALUES ('MTSK', '01 triệu sáng kiến', DATE '2021-09-01', true);

CREATE TABLE quotas (
	unit_id     bigint NOT NULL REFERENCES units (id),
	campaign_id int NOT NULL REFERENCES campaigns (id),
	quota       int NOT NULL CHECK (quota >= 0),
	updated_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (unit_id, campaign_id)
);

-- Secrets are stored as SHA-256 digests only.
CREATE TABLE credentials (
	id            bigserial PRIMARY KEY,
	secret_sha256 bytea NOT NULL UNIQUE CHECK (length(secret_sha256) = 32),
	role          text NOT NULL CHECK (role IN ('unit', 'operator', 'administrator')),
	-- unit: the unit it submits for; operator: its scope; administrator: NULL
	unit_id       bigint REFERENCES units (id),
	label         text NOT NULL DEFAULT '',
	created_at    timestamptz NOT NULL DEFAULT now(),
	revoked_at    timestamptz,
	CHECK ((role = 'administrator') = (unit_id IS NULL))
);
CREATE INDEX credentials_unit_idx ON credentials (unit_id);

CREATE TABLE enrollment_codes (
	id            bigserial PRIMARY KEY,
	code_sha256   bytea NOT NULL UNIQUE CHECK (length(code_sha256) = 32),
	unit_id       bigint NOT NULL REFERENCES units (id),
	created_by    bigint REFERENCES credentials (id),
	created_at    timestamptz NOT NULL DEFAULT now(),
	expires_at    timestamptz NOT NULL,
	used_at       timestamptz,
	credential_id bigint REFERENCES credentials (id)
);

CREATE TABLE initiatives (
	id             bigserial PRIMARY KEY,
	uuid           uuid NOT NULL UNIQUE,
	unit_id        bigint NOT NULL REFERENCES units (id),
	credential_id  bigint REFERENCES credentials (id),
	title          text NOT NULL,
	kind           text NOT NULL CHECK (kind IN ('scientific', 'technical', 'management')),
	authors        jsonb NOT NULL,  -- [{"name": ..., "position": ...}, ...] in order
	summary        text NOT NULL,
	effect         text NOT NULL,
	applied_on     date NOT NULL,
	theme          text CHECK (theme IN ('covid', 'workers-life', 'production',
	                                     'admin-reform', 'union-work')),
	content_sha256 bytea NOT NULL CHECK (length(content_sha256) = 32),
	version        int NOT NULL DEFAULT 1,
	status         text NOT NULL DEFAULT 'submitted'
	               CHECK (status IN ('submitted', 'recognized', 'rejected', 'withdrawn')),
	received_at    timestamptz NOT NULL DEFAULT now(),
	updated_at     timestamptz NOT NULL DEFAULT now()
);
-- Counting per unit from a date: an index-only range scan.
CREATE INDEX initiatives_unit_applied_idx ON initiatives (unit_id, applied_on, status);

-- True when unit is scope or below it; a NULL scope is the whole tree.
-- Walks up from the unit: the tree is a few levels deep.
CREATE FUNCTION sk_in_scope(p_unit bigint, p_scope bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
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

CREATE FUNCTION sk_level_rank(p_level text) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE p_level WHEN 'national' THEN 1 WHEN 'province' THEN 2
	       WHEN 'district' THEN 3 WHEN 'grassroots' THEN 4 END
$$;

-- Store one initiative keyed by its uuid, or report what is already there.
-- INSERT ... ON CONFLICT DO NOTHING waits for a concurrent insert of the same
-- uuid to finish; the SELECT that follows is a new statement with a new
-- snapshot under READ COMMITTED, so it sees that row: exactly one row ever.
CREATE FUNCTION sk_submit_initiative(
	p_uuid uuid, p_unit bigint, p_credential bigint, p_title text, p_kind text,
	p_authors jsonb, p_summary text, p_effect text, p_applied_on date,
	p_theme text, p_sha bytea)
RETURNS TABLE (outcome text, record_id bigint, version int,
	       received_unix_ms bigint, content_sha256 bytea)
LANGUAGE plpgsql AS $$
DECLARE
	r initiatives%ROWTYPE;
BEGIN
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
		IF r.unit_id <> p_unit THEN
			outcome := 'forbidden';
			RETURN NEXT;  -- no receipt for another unit's record
			RETURN;
		ELSIF r.content_sha256 = p_sha THEN
			outcome := 'duplicate';
		ELSE
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

-- Redeem a one-time enrollment code for a new unit credential.  Returns no
-- row when the code is unknown, used or expired.  The UPDATE takes the row
-- lock, so two redeemers of one code cannot both succeed.
CREATE FUNCTION sk_enroll(p_code_sha bytea, p_secret_sha bytea, p_label text)
RETURNS TABLE (unit_code text, unit_name text, credential_id bigint)
LANGUAGE plpgsql AS $$
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

-- A new enrollment code for a grassroots unit in the caller's scope.
-- outcome: ok | not_found | forbidden | not_grassroots
CREATE FUNCTION sk_create_enrollment(p_unit_code text, p_scope bigint, p_creator bigint,
				     p_code_sha bytea, p_hours int)
RETURNS TABLE (outcome text, unit_code text, unit_name text, expires_unix_ms bigint)
LANGUAGE plpgsql AS $$
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

-- Create or update one unit.  outcome: ok | parent_not_found | forbidden |
-- bad_level (must sit below its parent, above its children) | cycle
CREATE FUNCTION sk_put_unit(p_code text, p_name text, p_level text, p_parent_code text,
			    p_scope bigint, p_is_admin boolean)
RETURNS TABLE (outcome text, created boolean, changed boolean)
LANGUAGE plpgsql AS $$
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

-- Import grassroots units with their quotas under one parent, all or
-- nothing.  p_rows: [{"line": n, "code": .., "name": .., "quota": n}, ...],
-- already checked by the server for form and duplicates.
-- Returns rows of kind:
--   'error'   with field = parent_not_found | campaign_not_found | forbidden
--             | bad_parent (a grassroots unit cannot have children)
--   'problem' line, field, message (nothing was written)
--   'summary' created, updated, unchanged, total_quota
CREATE FUNCTION sk_import_units(p_parent_code text, p_campaign_code text, p_scope bigint,
				p_rows jsonb)
RETURNS TABLE (kind text, line int, field text, message text,
	       created int, updated int, unchanged int, total_quota bigint)
LANGUAGE plpgsql AS $$
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
