-- 002_feed_audit_phases: what edits, withdrawals, review and reports build
-- on: the full set of initiative states with review notes, recognition and
-- reward; a per-unit change feed that pull-sync reads without ever skipping
-- a change; an audit trail written by triggers, so no code path can change
-- data unrecorded; and campaign phases with per-unit targets.

-- ---------------------------------------------------------------------------
-- States.  Editable by the unit: submitted, needs_changes.
ALTER TABLE initiatives DROP CONSTRAINT initiatives_status_check;
ALTER TABLE initiatives ADD CONSTRAINT initiatives_status_check
	CHECK (status IN ('submitted', 'under_review', 'needs_changes', 'recognized',
			  'rejected', 'rewarded', 'withdrawn'));

ALTER TABLE initiatives
	ADD COLUMN recognition_decision text,
	ADD COLUMN recognition_date     date,
	ADD COLUMN recognized_by        text,
	ADD COLUMN reward_kind          text CHECK (reward_kind IN ('reward', 'commendation')),
	ADD COLUMN reward_level         text,
	ADD COLUMN reward_decision      text,
	ADD COLUMN reward_date          date,
	ADD COLUMN reward_amount_vnd    bigint CHECK (reward_amount_vnd >= 0),
	ADD COLUMN feed_seq             bigint;

-- Notes from reviewers (and the unit's withdrawal reason), oldest first.
CREATE TABLE initiative_notes (
	id            bigserial PRIMARY KEY,
	initiative_id bigint NOT NULL REFERENCES initiatives (id),
	credential_id bigint REFERENCES credentials (id),
	author        text NOT NULL DEFAULT '',
	status        text NOT NULL,  -- the initiative's status the note came with
	body          text NOT NULL,
	created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX initiative_notes_initiative_idx ON initiative_notes (initiative_id, id);

-- ---------------------------------------------------------------------------
-- The change feed.  Every insert or update of an initiative takes the next
-- number of its unit's feed.  The number comes from an UPDATE of the unit's
-- unit_feed row, whose lock is held until the transaction ends, so a unit's
-- numbers are handed out in commit order: number n+1 is only given after the
-- transaction holding n has committed or rolled back.  A reader that has seen
-- n+1 has therefore seen every committed n, and a cursor "feed_seq > last
-- seen" never skips a change, however transactions interleave.  Writers of
-- one unit are serialized; different units do not wait for each other.
CREATE TABLE unit_feed (
	unit_id  bigint PRIMARY KEY REFERENCES units (id),
	last_seq bigint NOT NULL
);

CREATE FUNCTION sk_feed_next(p_unit bigint) RETURNS bigint
LANGUAGE sql AS $$
	INSERT INTO unit_feed AS f (unit_id, last_seq) VALUES (p_unit, 1)
	ON CONFLICT (unit_id) DO UPDATE SET last_seq = f.last_seq + 1
	RETURNING last_seq
$$;

CREATE FUNCTION sk_initiatives_feed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.feed_seq := sk_feed_next(NEW.unit_id);
	RETURN NEW;
END
$$;

-- Existing rows join their unit's feed in id order.
WITH numbered AS (
	SELECT id, unit_id, row_number() OVER (PARTITION BY unit_id ORDER BY id) AS n
	FROM initiatives)
UPDATE initiatives i SET feed_seq = numbered.n FROM numbered WHERE numbered.id = i.id;
INSERT INTO unit_feed (unit_id, last_seq)
SELECT unit_id, max(feed_seq) FROM initiatives GROUP BY unit_id;

ALTER TABLE initiatives ALTER COLUMN feed_seq SET NOT NULL;
CREATE UNIQUE INDEX initiatives_unit_feed_idx ON initiatives (unit_id, feed_seq);

CREATE TRIGGER initiatives_feed BEFORE INSERT OR UPDATE ON initiatives
	FOR EACH ROW EXECUTE FUNCTION sk_initiatives_feed();

-- ---------------------------------------------------------------------------
-- Phases of a campaign, and targets per unit: quotas holds a unit's target
-- for the whole campaign (any level: the district's 1,000 as well as a
-- grassroots union's 2); phase_targets holds targets per phase.  An
-- initiative counts in the phase its applied_on date falls in.
CREATE TABLE phases (
	id          serial PRIMARY KEY,
	campaign_id int NOT NULL REFERENCES campaigns (id),
	code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9._-]{1,32}$'),
	name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
	starts_on   date NOT NULL,
	ends_on     date NOT NULL,
	UNIQUE (campaign_id, code),
	CHECK (starts_on <= ends_on)
);

CREATE TABLE phase_targets (
	unit_id    bigint NOT NULL REFERENCES units (id),
	phase_id   int NOT NULL REFERENCES phases (id) ON DELETE CASCADE,
	target     int NOT NULL CHECK (target >= 0),
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (unit_id, phase_id)
);

-- ---------------------------------------------------------------------------
-- Audit.  The server starts every writing transaction with
--   SELECT sk_set_actor(credential_id, action)
-- and the triggers below record each row change with that actor and
-- action, the row before and after.  Secrets (credential and enrollment
-- code hashes) are never copied into the trail.
CREATE TABLE audit_log (
	id            bigserial PRIMARY KEY,
	at            timestamptz NOT NULL DEFAULT now(),
	credential_id bigint,       -- NULL: the server host (migrate, create-operator)
	actor         text NOT NULL,  -- the credential's label at the time
	actor_role    text NOT NULL,
	action        text NOT NULL,  -- what was asked, e.g. "initiative.edit"
	table_name    text NOT NULL,
	operation     text NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
	unit_id       bigint,
	initiative_id bigint,
	before        jsonb,
	after         jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_unit_idx ON audit_log (unit_id, id);
CREATE INDEX audit_log_initiative_idx ON audit_log (initiative_id, id);
CREATE INDEX audit_log_credential_idx ON audit_log (credential_id, id);

CREATE FUNCTION sk_set_actor(p_credential bigint, p_action text) RETURNS void
LANGUAGE sql AS $$
	SELECT set_config('sangkien.actor', coalesce(p_credential::text, ''), true),
	       set_config('sangkien.action', coalesce(p_action, ''), true)
$$;

CREATE FUNCTION sk_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v_cred bigint := nullif(current_setting('sangkien.actor', true), '')::bigint;
	v_action text := coalesce(nullif(current_setting('sangkien.action', true), ''),
				  TG_TABLE_NAME || '.' || lower(TG_OP));
	v_actor text := '';
	v_role text := 'server';
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
	IF v_cred IS NOT NULL THEN
		SELECT c.label, c.role INTO v_actor, v_role FROM credentials c WHERE c.id = v_cred;
	END IF;
	v_row := coalesce(v_after, v_before);
	CASE TG_TABLE_NAME
	WHEN 'initiatives' THEN
		v_unit := (v_row ->> 'unit_id')::bigint;
		v_initiative := (v_row ->> 'id')::bigint;
	WHEN 'initiative_notes' THEN
		v_initiative := (v_row ->> 'initiative_id')::bigint;
		SELECT i.unit_id INTO v_unit FROM initiatives i WHERE i.id = v_initiative;
	WHEN 'units' THEN
		v_unit := (v_row ->> 'id')::bigint;
	ELSE
		v_unit := (v_row ->> 'unit_id')::bigint;
	END CASE;
	-- An update that changes nothing (or only the feed number) is no event.
	IF TG_OP = 'UPDATE' AND (v_before - 'feed_seq' - 'updated_at')
				 = (v_after - 'feed_seq' - 'updated_at') THEN
		RETURN NULL;
	END IF;
	INSERT INTO audit_log (credential_id, actor, actor_role, action, table_name,
			       operation, unit_id, initiative_id, before, after)
	VALUES (v_cred, coalesce(v_actor, ''), coalesce(v_role, 'server'), v_action,
		TG_TABLE_NAME, lower(TG_OP), v_unit, v_initiative, v_before, v_after);
	RETURN NULL;
END
$$;

CREATE TRIGGER initiatives_audit AFTER INSERT OR UPDATE OR DELETE ON initiatives
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
CREATE TRIGGER initiative_notes_audit AFTER INSERT OR UPDATE OR DELETE ON initiative_notes
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
CREATE TRIGGER units_audit AFTER INSERT OR UPDATE OR DELETE ON units
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
CREATE TRIGGER quotas_audit AFTER INSERT OR UPDATE OR DELETE ON quotas
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
CREATE TRIGGER phase_targets_audit AFTER INSERT OR UPDATE OR DELETE ON phase_targets
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
CREATE TRIGGER phases_audit AFTER INSERT OR UPDATE OR DELETE ON phases
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
CREATE TRIGGER campaigns_audit AFTER INSERT OR UPDATE OR DELETE ON campaigns
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
CREATE TRIGGER credentials_audit AFTER INSERT OR UPDATE OR DELETE ON credentials
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
CREATE TRIGGER enrollment_codes_audit AFTER INSERT OR UPDATE OR DELETE ON enrollment_codes
	FOR EACH ROW EXECUTE FUNCTION sk_audit();
