-- A submit: sk_submit_initiative, and when the uuid is already stored with
-- other content the server's copy (ItemResult.current), as an edit's
-- conflict does, so the client can keep both versions without waiting for
-- its next pull.
CREATE OR REPLACE FUNCTION sk_submit_item(
	p_uuid uuid, p_unit bigint, p_credential bigint, p_title text, p_kind text,
	p_authors jsonb, p_summary text, p_effect text, p_applied_on date,
	p_theme text, p_sha bytea)
RETURNS TABLE (outcome text, record_id bigint, version int,
	       received_unix_ms bigint, content_sha256 bytea, cur sk_server_initiatives)
LANGUAGE plpgsql AS $$
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
