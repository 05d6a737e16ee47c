-- Every revision of an initiative's content, the first included, goes to
-- initiative_revisions, so no code path can change content unrecorded.
CREATE OR REPLACE FUNCTION sk_initiatives_revision() RETURNS trigger
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
