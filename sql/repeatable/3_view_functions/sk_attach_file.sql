-- Attach (PROTOCOL.md 10.5): file p_sha, committed by unit p_unit, joins
-- the dossier of initiative p_uuid, under the rules of edits: the unit's
-- feed lock, then the initiative's row lock.  outcome, in this order:
--   not_found      no initiative with this uuid (reason says; field uuid)
--   forbidden      another unit's initiative (cur is NULL)
--   no_file        the unit committed no file with this hash
--   duplicate      attached to it now: nothing changes
--   not_editable   status is neither submitted nor needs_changes
--   conflict       p_base_version is not 0 and not the current version
--   limit          the dossier would pass p_max_bytes or p_max_files
--   accepted       attached: version + 1, status submitted
-- cur is the initiative as it is now (after the change when accepted).
CREATE OR REPLACE FUNCTION sk_attach_file(
	p_uuid uuid, p_unit bigint, p_credential bigint, p_base_version int, p_sha bytea,
	p_file_name text, p_label text, p_max_bytes bigint, p_max_files int)
RETURNS TABLE (outcome text, reason text, cur sk_server_initiatives)
LANGUAGE plpgsql AS $$
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
