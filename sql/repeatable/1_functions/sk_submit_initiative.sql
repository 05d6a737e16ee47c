-- Store one initiative keyed by its uuid, or report what is already there.
-- INSERT ... ON CONFLICT DO NOTHING waits for a concurrent insert of the same
-- uuid to finish; the SELECT that follows is a new statement with a new
-- snapshot under READ COMMITTED, so it sees that row: exactly one row ever.
-- (A first SELECT answers resends without trying the INSERT.)  outcome:
-- accepted | duplicate (the current content, or an earlier revision's,
-- with that revision's receipt) | forbidden (another unit's uuid) |
-- conflict (content that was never this initiative's).
CREATE OR REPLACE FUNCTION sk_submit_initiative(
	p_uuid uuid, p_unit bigint, p_credential bigint, p_title text, p_kind text,
	p_authors jsonb, p_summary text, p_effect text, p_applied_on date,
	p_theme text, p_sha bytea)
RETURNS TABLE (outcome text, record_id bigint, version int,
	       received_unix_ms bigint, content_sha256 bytea)
LANGUAGE plpgsql AS $$
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
