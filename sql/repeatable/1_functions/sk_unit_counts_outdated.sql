-- Row trigger of campaigns and phases (campaigns_unit_counts,
-- phases_unit_counts): a change of which campaign is current, of the
-- current one's start or of the dates of its phases leaves the units'
-- counters counting for no campaign until the next fold counts them again
-- (sk_unit_counts_count); meanwhile units' figures are counted from their
-- initiatives.  Under sk_report_lock, so that a fold running meanwhile,
-- which read the campaign before this change, cannot mark its counters as
-- counted for it after this change.
CREATE OR REPLACE FUNCTION sk_unit_counts_outdated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'phases' THEN
		IF TG_OP = 'UPDATE' AND (OLD.campaign_id, OLD.starts_on, OLD.ends_on)
		   IS NOT DISTINCT FROM (NEW.campaign_id, NEW.starts_on, NEW.ends_on) THEN
			RETURN NULL;
		END IF;
		PERFORM sk_report_lock(true);
		UPDATE unit_counts_basis b SET campaign_id = NULL
		WHERE b.campaign_id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.campaign_id END,
					CASE WHEN TG_OP <> 'DELETE' THEN NEW.campaign_id END);
		RETURN NULL;
	END IF;
	IF TG_OP = 'INSERT' AND NOT NEW.is_current OR TG_OP = 'DELETE' AND NOT OLD.is_current THEN
		RETURN NULL;
	END IF;
	IF TG_OP = 'UPDATE' AND (NOT (OLD.is_current OR NEW.is_current)
	   OR (OLD.is_current, OLD.counts_from) IS NOT DISTINCT FROM (NEW.is_current, NEW.counts_from)) THEN
		RETURN NULL;
	END IF;
	PERFORM sk_report_lock(true);
	UPDATE unit_counts_basis b SET campaign_id = NULL WHERE b.campaign_id IS NOT NULL;
	RETURN NULL;
END
$$;
