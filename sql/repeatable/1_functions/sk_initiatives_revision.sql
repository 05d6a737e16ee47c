-- Every revision of an initiative's content can be read in initiative_revisions,
-- so no code path can change content unrecorded.  Version 1 is the
-- initiative's own row until it is replaced: a submission writes no copy
-- into initiative_revisions_kept, and the first change of content keeps the
-- version it replaces (when not kept yet) before the new one.
CREATE OR REPLACE FUNCTION sk_initiatives_revision() RETURNS trigger
LANGUAGE plpgsql AS $$
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
