-- Every revision of every initiative's content, the first included: those
-- kept by sk_initiatives_revision, and version 1 of each initiative whose
-- content never changed (then still its own row; sql/008).
CREATE OR REPLACE VIEW initiative_revisions AS
SELECT k.initiative_id, k.version, k.title, k.kind, k.authors, k.summary, k.effect,
       k.applied_on, k.theme, k.content_sha256, k.stored_at, k.credential_id
FROM initiative_revisions_kept k
UNION ALL
SELECT i.id, 1, i.title, i.kind, i.authors, i.summary, i.effect, i.applied_on, i.theme,
       i.content_sha256, i.received_at, i.credential_id
FROM initiatives i
WHERE NOT EXISTS (SELECT 1 FROM initiative_revisions_kept k WHERE k.initiative_id = i.id);
