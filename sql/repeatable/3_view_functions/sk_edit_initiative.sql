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
CREATE OR REPLACE FUNCTION sk_edit_initiative(
	p_uuid uuid, p_unit bigint, p_credential bigint, p_base_version int, p_title text,
	p_kind text, p_authors jsonb, p_summary text, p_effect text, p_applied_on date,
	p_theme text, p_sha bytea)
RETURNS TABLE (outcome text, reason text, cur sk_server_initiatives)
LANGUAGE plpgsql AS $$
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
