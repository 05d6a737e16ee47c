-- Detach (PROTOCOL.md 10.5): file p_sha leaves the dossier of initiative
-- p_uuid, under the rules of edits.  outcome, in this order:
--   not_found      no initiative with this uuid
--   forbidden      another unit's initiative (cur is NULL)
--   no_file        the file was never attached to it
--   duplicate      it was, and is detached already: nothing changes
--   not_editable   status is neither submitted nor needs_changes
--   conflict       p_base_version is not 0 and not the current version
--   accepted       detached: version + 1, status submitted
-- The file itself stays.
CREATE OR REPLACE FUNCTION sk_detach_file(
	p_uuid uuid, p_unit bigint, p_credential bigint, p_base_version int, p_sha bytea)
RETURNS TABLE (outcome text, reason text, cur sk_server_initiatives)
LANGUAGE plpgsql AS $$
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
